// GET /api/v1/plans: the shipped plans with their targets.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PlanView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getPlans(signal?: AbortSignal): Promise<PlanView[]> {
  return apiGet<PlanView[]>('/api/v1/plans', { signal });
}

export function plansQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.plans(),
    queryFn: ({ signal }) => getPlans(signal),
  });
}

export function usePlans() {
  return useQuery(plansQueryOptions());
}
