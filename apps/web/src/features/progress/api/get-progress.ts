// GET /api/v1/progress/:code?period=YYYYQn: where a jurisdiction stands against every target.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ProgressView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getProgress(code: string, period: string, signal?: AbortSignal): Promise<ProgressView> {
  const query = new URLSearchParams({ period });
  return apiGet<ProgressView>(`/api/v1/progress/${encodeURIComponent(code)}?${query}`, { signal });
}

export function progressQueryOptions(code: string, period: string) {
  return queryOptions({
    queryKey: queryKeys.progress(code, period),
    queryFn: ({ signal }) => getProgress(code, period, signal),
  });
}

export function useProgress(code: string, period: string) {
  return useQuery(progressQueryOptions(code, period));
}
