// Where a jurisdiction sits in the tree that parentCode draws: the way down to it from its
// province (for the breadcrumb) and the units directly under it (to drill into).
import type { Jurisdiction } from '@tuowei/shared';

/** The jurisdiction and its ancestors, province first; empty when the code is not listed. */
export function pathTo(jurisdictions: readonly Jurisdiction[], code: string): Jurisdiction[] {
  const byCode = new Map(jurisdictions.map((jurisdiction) => [jurisdiction.code, jurisdiction]));
  const path: Jurisdiction[] = [];
  const seen = new Set<string>();
  for (let current = byCode.get(code); current && !seen.has(current.code); ) {
    seen.add(current.code);
    path.unshift(current);
    current = current.parentCode === null ? undefined : byCode.get(current.parentCode);
  }
  return path;
}

/** The units directly under a jurisdiction, by code. */
export function childrenOf(jurisdictions: readonly Jurisdiction[], code: string): Jurisdiction[] {
  return jurisdictions
    .filter((jurisdiction) => jurisdiction.parentCode === code)
    .sort((a, b) => a.code.localeCompare(b.code));
}
