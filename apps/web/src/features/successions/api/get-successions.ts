// GET /api/v1/successions?root=: the boundary changes touching a subtree, both units named.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SuccessionView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getSuccessions(root: string | null, signal?: AbortSignal): Promise<SuccessionView[]> {
  const query = root ? `?root=${encodeURIComponent(root)}` : '';
  return apiGet<SuccessionView[]>(`/api/v1/successions${query}`, { signal });
}

/** root null: the whole country. */
export function successionsQueryOptions(root: string | null) {
  return queryOptions({
    queryKey: queryKeys.successions(root),
    queryFn: ({ signal }) => getSuccessions(root, signal),
  });
}

export function useSuccessions(root: string | null) {
  return useQuery(successionsQueryOptions(root));
}
