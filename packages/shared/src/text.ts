// Text people type: trimmed where asked, bounded, and storable. Postgres cannot store the NUL
// character, and UTF-8 cannot carry a lone UTF-16 surrogate ("\ud800", which JSON.parse makes of
// an escape): such text is refused in words, naming the field, instead of failing later or being
// stored as U+FFFD.
import { z } from 'zod';
import { type FieldMessageKey, typeError } from './messages.ts';

const key = (message: FieldMessageKey) => ({ message });

// With the u flag a string is read by code points: a surrogate pair is one code point above
// U+FFFF, so this matches only a surrogate standing alone (String.prototype.isWellFormed's rule).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True where the text is well-formed UTF-16 (no lone surrogate), so that it survives UTF-8. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Whether JSON text could parse to a lone surrogate: only an escape (`\ud800`) can make one, as
 * text decoded from UTF-8 holds none. A cheap scan that spares most bodies the walk below.
 */
export function mayHoldLoneSurrogate(json: string): boolean {
  return /\\u[dD][89a-fA-F]/.test(json);
}

/**
 * The path of the first string (a value or a key) in a parsed JSON value that is not
 * well-formed, or null when every one is: `['institutions', 'public']`, `['targets', 0]`.
 */
export function malformedTextPath(value: unknown, at: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : at;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = malformedTextPath(value[index], [...at, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) {
      if (!isWellFormedText(name)) return [...at, name];
      const found = malformedTextPath(inner, [...at, name]);
      if (found) return found;
    }
  }
  return null;
}

/** Free text up to `max` characters; `required` refuses empty (after trimming). */
export function textField(
  max: number,
  options: { required?: boolean; trim?: boolean; requiredKey?: FieldMessageKey } = {},
) {
  let field = z.string(typeError('text'));
  if (options.trim ?? true) field = field.trim();
  if (options.required) field = field.min(1, key(options.requiredKey ?? 'required'));
  return field
    .max(max, key('text_too_long'))
    .refine((value) => !value.includes('\u0000'), key('control_character'))
    .refine(isWellFormedText, key('lone_surrogate'));
}
