// The query cache's keys, made in one place: every endpoint's query options take their key from
// here, and every write names what it changed (`changed`), which marks stale exactly the answers
// that read it. A new endpoint adds its key here and says which changes it follows.
import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';

/** Each endpoint's key, its first part naming every answer of the endpoint. */
export const queryKeys = {
  session: () => ['auth', 'session'] as const,
  overview: (root: string | null, period: string) => ['overview', root ?? 'country', period] as const,
  series: (code: string, period: string) => ['series', code, period] as const,
  progress: (code: string, period: string) => ['progress', code, period] as const,
  completeness: (code: string, period: string, record: 'reports' | 'indicators' = 'reports') =>
    ['completeness', code, period, record] as const,
  funding: (code: string, year: number) => ['funding', code, year] as const,
  gapReport: (root: string, period: string) => ['gap-report', root, period] as const,
  plans: () => ['plans'] as const,
  /** The list; a unit's detail sits under it, so that whatever invalidates the list refreshes the details too. */
  jurisdictions: () => ['jurisdictions'] as const,
  jurisdiction: (code: string) => ['jurisdictions', code] as const,
  /** One unit's children (the country's: the provinces), fetched as a tree is opened. */
  jurisdictionChildren: (parent: string | null) => ['jurisdictions', 'children', parent ?? 'country'] as const,
  /** A search by name or code within a scope (null: the country). */
  jurisdictionSearch: (q: string, within: string | null) =>
    ['jurisdictions', 'search', within ?? 'country', q] as const,
  /** The units of a list of codes, sorted, to name them. */
  jurisdictionNames: (codes: readonly string[]) => ['jurisdictions', 'names', ...codes] as const,
  report: (code: string, period: string) => ['reports', code, period] as const,
  reportHistory: (code: string, period: string) => ['reports', code, period, 'history'] as const,
  indicators: (code: string, year: number) => ['indicators', code, year] as const,
  audit: (filter: object) => ['audit', filter] as const,
  settings: () => ['settings'] as const,
  users: () => ['users'] as const,
  residentialProjects: (root: string | null) => ['residential-projects', root ?? 'own'] as const,
  /** The boundary changes touching a subtree (root null: the country). */
  successions: (root: string | null) => ['successions', root ?? 'country'] as const,
};

type Root = ReturnType<(typeof queryKeys)[keyof typeof queryKeys]>[0];

/** Every answer computed from reports, plans, populations, jurisdictions or settings. */
const FIGURES: readonly Root[] = ['progress', 'overview', 'series', 'completeness', 'gap-report', 'funding'];

/** What a write can change, and the answers that then read differently. */
const STALE_AFTER = {
  /** A report written, reviewed or imported. */
  reports: ['reports', ...FIGURES],
  /** A unit-year's health indicators written or reviewed. */
  indicators: ['indicators', ...FIGURES],
  /** A plan or a target added, changed or removed. */
  plans: ['plans', ...FIGURES],
  /** A unit added or renamed, a population set or removed. */
  jurisdictions: ['jurisdictions', ...FIGURES],
  /** What the figures count, and the reporting deadline. */
  settings: ['settings', ...FIGURES],
  /** A new residential project registered or changed: the register and the norm targets' figures. */
  residential: ['residential-projects', ...FIGURES],
  /** A boundary change recorded: the units (a successor may be new), who stands where, every figure. */
  successions: ['successions', 'jurisdictions', ...FIGURES],
  /** An account created or changed. */
  accounts: ['users'],
} satisfies Record<string, readonly Root[]>;

export type Change = keyof typeof STALE_AFTER;

/** Answers that depend on who is signed in: dropped when the person changes. */
const PRIVATE: readonly Root[] = ['reports', 'indicators', 'audit', 'users', 'gap-report', 'residential-projects'];

/**
 * After a write: the answer the write returned goes into the cache as it is (`fresh`), and every
 * other answer the change touches is marked stale, refetched at once where a screen shows it.
 * Every write is audited, so the audit trail is among them.
 */
export function changed(queryClient: QueryClient, change: Change, fresh?: { queryKey: QueryKey; data: unknown }): void {
  if (fresh) queryClient.setQueryData(fresh.queryKey, fresh.data);
  const kept = fresh ? hashKey(fresh.queryKey) : null;
  for (const root of [...STALE_AFTER[change], 'audit']) {
    void queryClient.invalidateQueries({ queryKey: [root], predicate: (query) => query.queryHash !== kept });
  }
}

/** Forgets what the previous person could read (at sign-in and sign-out). */
export function forgetPrivateQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => PRIVATE.includes(query.queryKey[0] as Root) });
}
