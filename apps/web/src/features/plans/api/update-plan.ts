// PUT /api/v1/plans/:planId: corrects a plan's document number, title, issuer or date.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanInput, PlanView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function updatePlan({ planId, input }: { planId: string; input: PlanInput }): Promise<PlanView> {
  return apiSend<PlanView>('PUT', `/api/v1/plans/${encodeURIComponent(planId)}`, { body: input });
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updatePlan, onSuccess: () => changed(queryClient, 'plans') });
}
