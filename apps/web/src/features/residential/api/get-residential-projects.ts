// GET /api/v1/residential-projects?root=: the register of new residential areas within a subtree.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ResidentialProjectView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getResidentialProjects(root: string | null, signal?: AbortSignal): Promise<ResidentialProjectView[]> {
  const query = root ? `?root=${encodeURIComponent(root)}` : '';
  return apiGet<ResidentialProjectView[]>(`/api/v1/residential-projects${query}`, { signal });
}

/** root null: the signed-in person's own jurisdiction. */
export function residentialProjectsQueryOptions(root: string | null) {
  return queryOptions({
    queryKey: queryKeys.residentialProjects(root),
    queryFn: ({ signal }) => getResidentialProjects(root, signal),
  });
}

export function useResidentialProjects(root: string | null) {
  return useQuery(residentialProjectsQueryOptions(root));
}
