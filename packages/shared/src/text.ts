// Text people type: trimmed where asked, bounded, and free of the NUL character, which
// Postgres cannot store (a pasted control character must be refused in words, not fail later).
import { z } from 'zod';
import type { FieldMessageKey } from './messages.ts';

const key = (message: FieldMessageKey) => ({ message });

/** Free text up to `max` characters; `required` refuses empty (after trimming). */
export function textField(
  max: number,
  options: { required?: boolean; trim?: boolean; requiredKey?: FieldMessageKey } = {},
) {
  let field = z.string(key('text'));
  if (options.trim ?? true) field = field.trim();
  if (options.required) field = field.min(1, key(options.requiredKey ?? 'required'));
  return field.max(max, key('text_too_long')).refine((value) => !value.includes('\u0000'), key('control_character'));
}
