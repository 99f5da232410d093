// The pickers above a jurisdiction's page: which unit, which quarter, and whatever else the page
// filters by (its children), each with its label.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { JurisdictionPicker } from './jurisdiction-picker.tsx';
import { QuarterPicker } from './quarter-picker.tsx';

export interface UnitAndQuarterProps {
  /** The page's name for its pickers: `${idPrefix}jurisdiction-picker`, `${idPrefix}quarter-picker`. */
  idPrefix: string;
  /** The section's accessible name; by default the two pickers' labels. */
  label?: string;
  /** Only this unit and those below it can be chosen. */
  within?: string | null;
  code: string | undefined;
  onUnit: (code: string) => void;
  period: string;
  onPeriod: (period: string) => void;
  /** False where the page counts by year instead (a year's health indicators): no quarter picker. */
  quarter?: boolean;
  children?: ReactNode;
}

export function UnitAndQuarter(props: UnitAndQuarterProps) {
  const { idPrefix, within = null, code, onUnit, period, onPeriod, quarter = true, children } = props;
  const { t } = useTranslation();
  const unitId = `${idPrefix}jurisdiction-picker`;
  const quarterId = `${idPrefix}quarter-picker`;
  return (
    <section
      className="tuowei-pickers"
      aria-label={props.label ?? `${t('progress.jurisdictionLabel')} · ${t('progress.quarterLabel')}`}
    >
      <div className="tuowei-picker">
        <label htmlFor={unitId}>{t('progress.jurisdictionLabel')}</label>
        <JurisdictionPicker id={unitId} within={within} value={code} onChange={onUnit} />
      </div>
      {quarter && (
        <div className="tuowei-picker">
          <label htmlFor={quarterId}>{t('progress.quarterLabel')}</label>
          <QuarterPicker id={quarterId} value={period} onChange={onPeriod} />
        </div>
      )}
      {children}
    </section>
  );
}
