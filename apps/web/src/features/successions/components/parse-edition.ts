// A newer edition of the division codes as a file an admin has: CSV lines "code,name,parent code"
// (a header line allowed, UTF-8 with or without BOM), or JSON — a list of { code, name, parentCode },
// or the shipped edition's { units: [[code, name, nameEn, parent, level], …] }.
import type { EditionUnit } from '@tuowei/shared';

const CODE = /^(\d{6}|\d{9})$/;

export type ParsedEdition = { ok: true; units: EditionUnit[] } | { ok: false; line: number };

export function parseEdition(text: string): ParsedEdition {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[') || body.startsWith('{')) return parseJson(body);
  const units: EditionUnit[] = [];
  const lines = body.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const [code = '', name = '', parent = ''] = line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
    // a header line names the columns instead of giving a code
    if (index === 0 && !CODE.test(code)) continue;
    if (!CODE.test(code) || name === '' || (parent !== '' && !CODE.test(parent))) return { ok: false, line: index + 1 };
    units.push({ code, name, parentCode: parent === '' ? null : parent });
  }
  return units.length > 0 ? { ok: true, units } : { ok: false, line: 1 };
}

function parseJson(body: string): ParsedEdition {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, line: 1 };
  }
  const list = Array.isArray(data) ? data : (data as { units?: unknown })?.units;
  if (!Array.isArray(list)) return { ok: false, line: 1 };
  const units: EditionUnit[] = [];
  for (const [index, item] of list.entries()) {
    const unit = Array.isArray(item)
      ? { code: item[0], name: item[1], parentCode: item.length >= 4 ? item[3] : item[2] }
      : (item as { code?: unknown; name?: unknown; parentCode?: unknown });
    const { code, name, parentCode = null } = unit;
    if (typeof code !== 'string' || !CODE.test(code) || typeof name !== 'string' || name === '') {
      return { ok: false, line: index + 1 };
    }
    if (parentCode !== null && (typeof parentCode !== 'string' || !CODE.test(parentCode))) {
      return { ok: false, line: index + 1 };
    }
    units.push({ code, name, parentCode: parentCode as string | null });
  }
  return units.length > 0 ? { ok: true, units } : { ok: false, line: 1 };
}
