// DELETE /api/v1/targets/:targetId: removes one target; answers its plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { plansChanged } from './create-plan.ts';

export function deleteTarget(targetId: string): Promise<PlanView> {
  return apiSend<PlanView>('DELETE', `/api/v1/targets/${encodeURIComponent(targetId)}`);
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteTarget, onSuccess: () => plansChanged(queryClient) });
}
