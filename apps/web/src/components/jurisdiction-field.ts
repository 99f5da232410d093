// The shape of a jurisdiction chooser used as a form control: features that need one (plans,
// accounts) take it from the page, which wires the jurisdictions feature's picker to the person's
// scope, so that no feature imports another.
import type { ComponentType } from 'react';

export interface JurisdictionFieldProps {
  id: string;
  /** Set by Form.Item: the chosen code, or null for the whole country. */
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** Offer "the whole country" (clearing the choice) as an answer. */
  allowCountry?: boolean;
  placeholder?: string;
}

export type JurisdictionField = ComponentType<JurisdictionFieldProps>;
