// Boundary changes (撤县设区, merges, splits): which division code stands for a piece of land at
// which quarter, so that series, aggregates and completeness follow the successor without a gap
// or a double count (docs/figures.md "Boundary changes").
import { z } from 'zod';
import { periodIndex, type Quarter } from './period.ts';

export const SUCCESSION_KINDS = ['rename', 'merge', 'split'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

export const successionSchema = z.object({
  fromCode: z.string(),
  toCode: z.string(),
  /** The first day the new code stands (ISO date). */
  effectiveOn: z.string(),
  reason: z.string(),
  kind: z.enum(SUCCESSION_KINDS),
});
export type Succession = z.infer<typeof successionSchema>;

/**
 * The first quarter that belongs to the new code: the one holding the effective date. A quarter
 * ending before the date is the old code's; one ending on or after it, the new code's.
 */
export function firstSuccessorIndex(effectiveOn: string): number {
  const year = Number(effectiveOn.slice(0, 4));
  const month = Number(effectiveOn.slice(5, 7));
  return periodIndex({ year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter });
}

interface Link {
  code: string;
  kind: SuccessionKind;
  firstIndex: number;
}

/** The successions known, read as the domain needs them: who ends when, who begins when, who carries whose history. */
export class Successions {
  private readonly incoming = new Map<string, Link[]>();
  private readonly outgoing = new Map<string, Link[]>();

  constructor(readonly list: readonly Succession[] = []) {
    for (const succession of list) {
      const firstIndex = firstSuccessorIndex(succession.effectiveOn);
      push(this.incoming, succession.toCode, { code: succession.fromCode, kind: succession.kind, firstIndex });
      push(this.outgoing, succession.fromCode, { code: succession.toCode, kind: succession.kind, firstIndex });
    }
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** The first quarter a unit no longer stands (it was renamed, merged or split), or null. */
  retiredFrom(code: string): number | null {
    const links = this.outgoing.get(code);
    return links ? Math.min(...links.map((link) => link.firstIndex)) : null;
  }

  /** The first quarter a unit made by a succession stands, or null for a unit with no predecessor. */
  bornAt(code: string): number | null {
    const links = this.incoming.get(code);
    return links ? Math.min(...links.map((link) => link.firstIndex)) : null;
  }

  /** Whether a unit stands at a quarter: a child of its parent, expected to report. */
  inForce(code: string, index: number): boolean {
    const retired = this.retiredFrom(code);
    if (retired !== null && index >= retired) return false;
    const born = this.bornAt(code);
    return born === null || index >= born;
  }

  /**
   * The units whose figures a unit carries on at a quarter before it stood: the old code of a
   * rename, the parts of a merge. A split's parts carry none: the whole's figures before the split
   * stay the whole's, since no report says how they divide.
   */
  historyBefore(code: string, index: number): string[] {
    return (this.incoming.get(code) ?? [])
      .filter((link) => link.kind !== 'split' && index < link.firstIndex)
      .map((link) => link.code);
  }

  /** Every unit whose history a unit carries, at any quarter (its predecessors, theirs, and so on). */
  predecessorsOf(code: string): string[] {
    const found = new Set<string>();
    const visit = (at: string) => {
      for (const link of this.incoming.get(at) ?? []) {
        if (link.kind === 'split' || found.has(link.code)) continue;
        found.add(link.code);
        visit(link.code);
      }
    };
    visit(code);
    return [...found];
  }

  /** The successions that touch a unit, either way. */
  of(code: string): Succession[] {
    return this.list.filter((s) => s.fromCode === code || s.toCode === code);
  }
}

function push(map: Map<string, Link[]>, key: string, link: Link) {
  const links = map.get(key) ?? [];
  links.push(link);
  map.set(key, links);
}

export const NO_SUCCESSIONS = new Successions();

/** Why a new succession may not be recorded beside those there are, or null when it may. */
export type SuccessionRefusal = 'same_code' | 'cycle' | 'duplicate';

export function successionRefusal(existing: readonly Succession[], next: Succession): SuccessionRefusal | null {
  if (next.fromCode === next.toCode) return 'same_code';
  if (existing.some((s) => s.fromCode === next.fromCode && s.toCode === next.toCode)) return 'duplicate';
  // a cycle: the new code already leads, through successions, back to the old one
  const reaches = new Set<string>([next.toCode]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of existing) {
      if (reaches.has(s.fromCode) && !reaches.has(s.toCode)) {
        reaches.add(s.toCode);
        grew = true;
      }
    }
  }
  return reaches.has(next.fromCode) ? 'cycle' : null;
}

/** One unit of an edition of the division codes. */
export interface EditionUnit {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface ProposedSuccession {
  fromCode: string;
  toCode: string;
  name: string;
  parentCode: string | null;
  kind: 'rename';
}

/**
 * The successions a newer edition of the division codes suggests: a code gone from the old
 * edition and a code new in the newer one with the same name under the same parent is a rename.
 * Only a proposal: an admin confirms each before it is recorded. A parent that itself changed code
 * is matched through the parent's own proposal.
 */
export function proposeSuccessions(older: readonly EditionUnit[], newer: readonly EditionUnit[]): ProposedSuccession[] {
  const newerCodes = new Set(newer.map((u) => u.code));
  const olderCodes = new Set(older.map((u) => u.code));
  const gone = older.filter((u) => !newerCodes.has(u.code));
  const added = newer.filter((u) => !olderCodes.has(u.code));
  const proposals: ProposedSuccession[] = [];
  const renamed = new Map<string, string>();
  // parents first, so that a child under a renamed parent is matched under the parent's new code
  const depth = (code: string) => (code.length === 9 ? 3 : code.endsWith('0000') ? 0 : code.endsWith('00') ? 1 : 2);
  const byDepth = [...gone].sort((a, b) => depth(a.code) - depth(b.code) || a.code.localeCompare(b.code));
  const taken = new Set<string>();
  for (const old of byDepth) {
    const parent = old.parentCode === null ? null : (renamed.get(old.parentCode) ?? old.parentCode);
    const matches = added.filter((u) => !taken.has(u.code) && u.name === old.name && u.parentCode === parent);
    // two candidates with the same name under one parent: ambiguous, left for the admin
    if (matches.length !== 1) continue;
    taken.add(matches[0].code);
    renamed.set(old.code, matches[0].code);
    proposals.push({ fromCode: old.code, toCode: matches[0].code, name: old.name, parentCode: parent, kind: 'rename' });
  }
  return proposals;
}

/** The calendar day in Beijing at an instant (YYYY-MM-DD): successions take effect on China's days. */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
