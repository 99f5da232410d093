// The division tree a piece at a time: one unit with its way down from the province, and one
// unit's children (the provinces for the country). With some 3,300 units to the counties, no
// screen fetches the whole tree to show or choose one unit.
import { queryOptions } from '@tanstack/react-query';
import type { Jurisdiction, JurisdictionDetail } from '@tuowei/shared';
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

/** Every unit to the counties: for a search by name across the tree, fetched only when one is typed. */
export function searchableJurisdictionsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.jurisdictionsToCounties(),
    queryFn: ({ signal }) =>
      apiGet<Jurisdiction[]>('/api/v1/jurisdictions?level=province,prefecture,county', { signal }),
    staleTime: TREE_STALE_MS,
  });
}
