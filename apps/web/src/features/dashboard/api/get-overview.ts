// GET /api/v1/overview?root=&period=: a jurisdiction's headline and its direct children's, or
// (without a root) every province's, with the published plans' headline targets. The router's
// loader asks for the national one while the overview page's code loads; on a first visit it was
// asked for earlier still, by first-visit/overview.js.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OverviewView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { takeFirstVisitAnswer } from '../../../lib/first-visit-answer.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

function overviewPath(root: string | null, period: string): string {
  const query = new URLSearchParams({ period });
  if (root !== null) query.set('root', root);
  return `/api/v1/overview?${query}`;
}

export async function getOverview(root: string | null, period: string, signal?: AbortSignal): Promise<OverviewView> {
  const path = overviewPath(root, period);
  // a first visit's national overview was asked for beside the app's code (first-visit/overview.js)
  const early = await takeFirstVisitAnswer<OverviewView>(path);
  return early ?? apiGet<OverviewView>(path, { signal });
}

export function overviewQueryOptions(root: string | null, period: string) {
  return queryOptions({
    queryKey: queryKeys.overview(root, period),
    queryFn: ({ signal }) => getOverview(root, period, signal),
  });
}

export function useOverview(root: string | null, period: string) {
  return useQuery(overviewQueryOptions(root, period));
}
