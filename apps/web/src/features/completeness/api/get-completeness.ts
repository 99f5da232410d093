// GET /api/v1/completeness/:code?period=YYYYQn: which units of a subtree have reported for the
// quarter, against the deadline.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CompletenessView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getCompleteness(code: string, period: string, signal?: AbortSignal): Promise<CompletenessView> {
  const query = new URLSearchParams({ period });
  return apiGet<CompletenessView>(`/api/v1/completeness/${encodeURIComponent(code)}?${query}`, { signal });
}

export function completenessQueryOptions(code: string, period: string) {
  return queryOptions({
    queryKey: queryKeys.completeness(code, period),
    queryFn: ({ signal }) => getCompleteness(code, period, signal),
  });
}

export function useCompleteness(code: string, period: string) {
  return useQuery(completenessQueryOptions(code, period));
}
