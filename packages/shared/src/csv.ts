// A spreadsheet's cells written safely: text that would run as a formula neutralised, CSV fields
// quoted where they must be. No schemas here, so that a page writing a CSV does not load zod.

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) is
 * written with a leading apostrophe, as OWASP advises for CSV.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: neutralised, quoted where it must be. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
