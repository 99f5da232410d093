// GET /api/v1/series/:code?period=: a jurisdiction quarter by quarter and the rows of its places chart.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SeriesView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getSeries(code: string, period: string, signal?: AbortSignal): Promise<SeriesView> {
  const query = new URLSearchParams({ period });
  return apiGet<SeriesView>(`/api/v1/series/${encodeURIComponent(code)}?${query}`, { signal });
}

export function seriesQueryOptions(code: string, period: string) {
  return queryOptions({
    queryKey: queryKeys.series(code, period),
    queryFn: ({ signal }) => getSeries(code, period, signal),
  });
}

export function useSeries(code: string, period: string) {
  return useQuery(seriesQueryOptions(code, period));
}
