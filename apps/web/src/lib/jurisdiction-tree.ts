// The division tree a piece at a time: one unit with its way down from the province, and one
// unit's children (the provinces for the country), a search by name or code, and the names of a
// list of units. With some 3,300 units to the counties (44,700 with townships), no screen fetches
// the whole tree to show, name, find or choose a unit.
import { queryOptions } from '@tanstack/react-query';
import type { Jurisdiction, JurisdictionDetail, JurisdictionListed } from '@tuowei/shared';
import { apiGet } from './api-client.ts';
import { queryKeys } from './query-keys.ts';

/** The tree changes only when an administrator adds or renames a unit (which invalidates it). */
const TREE_STALE_MS = 10 * 60 * 1000;

export function jurisdictionQueryOptions(code: string) {
  return queryOptions({
    queryKey: queryKeys.jurisdiction(code),
    queryFn: ({ signal }) =>
      apiGet<JurisdictionDetail>(`/api/v1/jurisdictions/${encodeURIComponent(code)}`, { signal }),
    staleTime: TREE_STALE_MS,
  });
}

/** The units directly under `parent`, by code; under the country (null), the provinces. */
export function jurisdictionChildrenQueryOptions(parent: string | null) {
  const query = parent === null ? 'level=province' : `parent=${encodeURIComponent(parent)}`;
  return queryOptions({
    queryKey: queryKeys.jurisdictionChildren(parent),
    queryFn: ({ signal }) => apiGet<Jurisdiction[]>(`/api/v1/jurisdictions?${query}`, { signal }),
    staleTime: TREE_STALE_MS,
  });
}

/** How many units a search shows: a name typed further narrows it. */
export const SEARCH_LIMIT = 50;

/**
 * The units whose name or code holds `q`, within a scope (null: the country), best first, each with
 * its ancestors (so that a tree can show it in its place): at most SEARCH_LIMIT of them.
 */
export function jurisdictionSearchQueryOptions(q: string, within: string | null) {
  const query = new URLSearchParams({ q: q.trim(), limit: String(SEARCH_LIMIT) });
  if (within !== null) query.set('within', within);
  return queryOptions({
    queryKey: queryKeys.jurisdictionSearch(q.trim(), within),
    queryFn: ({ signal }) => apiGet<JurisdictionListed[]>(`/api/v1/jurisdictions?${query}`, { signal }),
    enabled: q.trim() !== '',
    staleTime: TREE_STALE_MS,
  });
}

/** The units of a list of codes (a page's plans, audit rows, accounts), to name them; unknown codes left out. */
export function jurisdictionNamesQueryOptions(codes: readonly string[]) {
  const sorted = [...new Set(codes)].sort();
  return queryOptions({
    queryKey: queryKeys.jurisdictionNames(sorted),
    queryFn: ({ signal }) =>
      apiGet<JurisdictionListed[]>(`/api/v1/jurisdictions?codes=${sorted.join(',')}`, { signal }),
    enabled: sorted.length > 0,
    staleTime: TREE_STALE_MS,
  });
}
