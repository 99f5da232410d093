// Cell addresses as spreadsheets write them: column letters (A … XFD) and references (AB12).

/** "XFD" → 16384, "A" → 1. */
function columnNumber(letters: string): number {
  let number = 0;
  for (let i = 0; i < letters.length; i++) number = number * 26 + (letters.charCodeAt(i) - 64);
  return number;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** "AB12" → { row: 12, column: 28 }; null when it is not a cell reference. */
export function cellAddress(reference: string): { row: number; column: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(reference.toUpperCase());
  return match ? { row: Number(match[2]), column: columnNumber(match[1]) } : null;
}
