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

/** A succession as a list shows it: both units' names beside their codes. */
export const successionViewSchema = successionSchema.extend({
  fromName: z.string(),
  fromNameEn: z.string(),
  toName: z.string(),
  toNameEn: z.string(),
});
export type SuccessionView = z.infer<typeof successionViewSchema>;

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

/** A write refused because its code was retired by a succession on or before the day it is about. */
export interface RetiredCode {
  code: string;
  /** The code (or, after a split, codes) standing in its place. */
  successors: string[];
  effectiveOn: string;
  kind: SuccessionKind;
}

/**
 * Whether figures about a unit on a day may still be written under its code: the one rule every
 * write path calls. `day` is the last day the figures describe — a quarter's last day for a
 * quarterly report, 31 December for a year's indicators or population, the approval date for a
 * residential project. A code retired on or before that day is refused, naming its successor;
 * before it, the old unit's late reports stay welcome (a quarter ending before the date is the
 * old code's, as firstSuccessorIndex reads it).
 */
export function retiredCodeRefusal(successions: Successions, code: string, day: string): RetiredCode | null {
  const ending = successions.list.filter((s) => s.fromCode === code && s.effectiveOn <= day);
  if (ending.length === 0) return null;
  return {
    code,
    successors: [...new Set(ending.map((s) => s.toCode))].sort(),
    effectiveOn: ending.map((s) => s.effectiveOn).sort()[0],
    kind: ending[0].kind,
  };
}

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
  /** The unit's name in the newer edition (the successor's). */
  name: string;
  /** Its name in the tree today: the same, or the county's where a 县 became a 区. */
  fromName: string;
  parentCode: string | null;
  kind: 'rename';
  /** Why the two were paired: the same name, or the same stem with 县 turned 区 (撤县设区) or 市 (撤县设市). */
  match: 'same_name' | 'county_made_district';
}

/** County-level names a 撤县设区 (or 撤县设市) takes from and gives: the longest suffix first. */
const COUNTY_SUFFIXES = ['自治县', '县'] as const;
const DISTRICT_SUFFIXES = ['区', '市'] as const;

/** The stem of a name ending in one of the suffixes (某某县 → 某某), or null; a bare suffix has no stem. */
function stemOf(name: string, suffixes: readonly string[]): string | null {
  const suffix = suffixes.find((s) => name.endsWith(s) && name.length > s.length);
  return suffix === undefined ? null : name.slice(0, -suffix.length);
}

/**
 * The successions a newer edition of the division codes suggests. A code gone from the old edition
 * and a code new in the newer one under the same parent is a rename when they have the same name,
 * or when a 县 (or 自治县) gone and a 区 (or 市) new share the stem (某某县 → 某某区: 撤县设区, the
 * commonest boundary change); the exact names are paired first, then the stems. A match that is
 * not one-to-one is left for the admin. Only a proposal: an admin confirms each before it is
 * recorded. A parent that itself changed code is matched through the parent's own proposal.
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
  const depths = [...new Set(gone.map((u) => depth(u.code)))].sort((a, b) => a - b);
  const taken = new Set<string>();
  const matched = new Set<string>();
  const pair = (
    old: EditionUnit,
    successor: EditionUnit,
    parent: string | null,
    match: ProposedSuccession['match'],
  ) => {
    taken.add(successor.code);
    matched.add(old.code);
    renamed.set(old.code, successor.code);
    proposals.push({
      fromCode: old.code,
      toCode: successor.code,
      name: successor.name,
      fromName: old.name,
      parentCode: parent,
      kind: 'rename',
      match,
    });
  };
  for (const level of depths) {
    const atLevel = gone.filter((u) => depth(u.code) === level).sort((a, b) => a.code.localeCompare(b.code));
    const parentOf = (old: EditionUnit) =>
      old.parentCode === null ? null : (renamed.get(old.parentCode) ?? old.parentCode);
    for (const old of atLevel) {
      const parent = parentOf(old);
      const matches = added.filter((u) => !taken.has(u.code) && u.name === old.name && u.parentCode === parent);
      // two candidates with the same name under one parent: ambiguous, left for the admin
      if (matches.length === 1) pair(old, matches[0], parent, 'same_name');
    }
    // 撤县设区: a county's stem under a district's name, one to one
    const candidates = new Map<string, EditionUnit[]>();
    const claims = new Map<string, number>();
    for (const old of atLevel) {
      const stem = matched.has(old.code) ? null : stemOf(old.name, COUNTY_SUFFIXES);
      if (stem === null) continue;
      const parent = parentOf(old);
      const found = added.filter(
        (u) => !taken.has(u.code) && u.parentCode === parent && stemOf(u.name, DISTRICT_SUFFIXES) === stem,
      );
      candidates.set(old.code, found);
      for (const u of found) claims.set(u.code, (claims.get(u.code) ?? 0) + 1);
    }
    for (const old of atLevel) {
      const found = candidates.get(old.code);
      if (found?.length !== 1 || claims.get(found[0].code) !== 1) continue;
      pair(old, found[0], parentOf(old), 'county_made_district');
    }
  }
  return proposals;
}

/** The calendar day in Beijing at an instant (YYYY-MM-DD): successions take effect on China's days. */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
