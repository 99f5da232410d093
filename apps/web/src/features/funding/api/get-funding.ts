// GET /api/v1/funding/:code?year=YYYY: what the unit's plans' funding rules owe for the year.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Funding } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getFunding(code: string, year: number, signal?: AbortSignal): Promise<Funding> {
  const query = new URLSearchParams({ year: String(year) });
  return apiGet<Funding>(`/api/v1/funding/${encodeURIComponent(code)}?${query}`, { signal });
}

export function fundingQueryOptions(code: string, year: number) {
  return queryOptions({
    queryKey: queryKeys.funding(code, year),
    queryFn: ({ signal }) => getFunding(code, year, signal),
  });
}

export function useFunding(code: string, year: number) {
  return useQuery(fundingQueryOptions(code, year));
}
