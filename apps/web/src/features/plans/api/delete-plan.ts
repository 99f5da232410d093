// DELETE /api/v1/plans/:planId: removes a plan with all its targets.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function deletePlan(planId: string): Promise<void> {
  return apiSend<void>('DELETE', `/api/v1/plans/${encodeURIComponent(planId)}`);
}

export function useDeletePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deletePlan, onSuccess: () => changed(queryClient, 'plans') });
}
