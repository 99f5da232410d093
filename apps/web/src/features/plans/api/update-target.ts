// PUT /api/v1/targets/:targetId: changes a target; answers its plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanView, TargetInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function updateTarget({ targetId, input }: { targetId: string; input: TargetInput }): Promise<PlanView> {
  return apiSend<PlanView>('PUT', `/api/v1/targets/${encodeURIComponent(targetId)}`, { body: input });
}

export function useUpdateTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateTarget, onSuccess: () => changed(queryClient, 'plans') });
}
