// POST /api/v1/plans/:planId/targets: adds a measurable target to a plan; answers the plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanView, TargetInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function createTarget({ planId, input }: { planId: string; input: TargetInput }): Promise<PlanView> {
  return apiSend<PlanView>('POST', `/api/v1/plans/${encodeURIComponent(planId)}/targets`, { body: input });
}

export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createTarget, onSuccess: () => changed(queryClient, 'plans') });
}
