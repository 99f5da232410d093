// GET /api/v1/jurisdictions: every province, prefecture and county the product knows.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Jurisdiction } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getJurisdictions(signal?: AbortSignal): Promise<Jurisdiction[]> {
  return apiGet<Jurisdiction[]>('/api/v1/jurisdictions', { signal });
}

export function jurisdictionsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.jurisdictions(),
    queryFn: ({ signal }) => getJurisdictions(signal),
    // The list changes only when an administrator adds a jurisdiction.
    staleTime: 10 * 60 * 1000,
  });
}

export function useJurisdictions() {
  return useQuery(jurisdictionsQueryOptions());
}
