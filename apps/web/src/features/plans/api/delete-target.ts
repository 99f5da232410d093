// DELETE /api/v1/targets/:targetId: removes one target; answers its plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function deleteTarget(targetId: string): Promise<PlanView> {
  return apiSend<PlanView>('DELETE', `/api/v1/targets/${encodeURIComponent(targetId)}`);
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteTarget, onSuccess: () => changed(queryClient, 'plans') });
}
