// Form fields checked by the same shared schema the API checks with, so that a person reads the
// API's own rule (in their language) before anything is sent. Only lazily loaded screens import
// this: the schemas bring zod.
import { fieldMessage, type Language } from '@tuowei/shared';
import type { FormRule } from 'antd';

/** What the rule needs of a zod schema (the web does not depend on zod itself). */
interface Checkable {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: Issue[] } };
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * A rule for one field: the whole form, turned into the API's input by `toInput`, goes through
 * the schema; the first problem the schema finds with this field is the field's error.
 */
export function schemaRule<Values>(
  schema: Checkable,
  field: string,
  toInput: (values: Values) => unknown,
  language: Language,
  /** Words of its own for a message key where the form asks differently (a percent, not a fraction). */
  reword?: Partial<Record<string, string>>,
): FormRule {
  return (form) => ({
    validator: async () => {
      const result = schema.safeParse(toInput(form.getFieldsValue(true) as Values));
      if (result.success) return;
      const issue = result.error.issues.find((candidate) => String(candidate.path[0]) === field);
      if (issue) throw new Error(reword?.[issue.message] ?? fieldMessage(issue.message, language));
    },
  });
}

/** Text fields as the API wants them: trimmed, '' rather than undefined (so "required" speaks). */
export const text = (value: string | undefined | null): string => (value ?? '').trim();

/** An optional text field: null when left empty. */
export const optionalText = (value: string | undefined | null): string | null => text(value) || null;

/** A field that must be filled, in the API's word for it. */
export const requiredRule = (language: Language) => ({
  required: true,
  message: fieldMessage('required', language),
});
