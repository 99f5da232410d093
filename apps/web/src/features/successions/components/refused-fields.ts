// What the API refused, marked on the form's field it names (`body.toCode` → toCode): a schema
// problem in the field's own words, any other refusal in the API's whole sentence, both in the
// reader's language. The dialog's error line says it too, for a field the form does not show.
import { fieldMessage, type Language } from '@tuowei/shared';
import type { FormInstance } from 'antd';
import type { ApiRequestError } from '../../../lib/api-client.ts';

/**
 * `fields`: the API's field path (without `body.`) → the form's field; a path matched by a prefix
 * ending in a dot (`units.`) stands for all below it.
 */
export function markRefusedFields(
  form: FormInstance,
  error: ApiRequestError,
  language: Language,
  fields: Record<string, string>,
): void {
  const details = Array.isArray(error.details) ? (error.details as { field?: unknown; message?: unknown }[]) : [];
  const marked = new Map<string, string[]>();
  for (const detail of details) {
    if (typeof detail.field !== 'string') continue;
    const path = detail.field.replace(/^(body|query|params)\./, '');
    const prefix = Object.keys(fields).find((key) => key === path || (key.endsWith('.') && path.startsWith(key)));
    if (prefix === undefined) continue;
    const words =
      error.code === 'invalid_request' ? fieldMessage(String(detail.message ?? ''), language) : error.message;
    const name = fields[prefix];
    marked.set(name, [...(marked.get(name) ?? []), words]);
  }
  form.setFields([...marked].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
}
