// PUT /api/v1/targets/:targetId: corrects a target in place (an edit, not a revision); answers its plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanView, TargetInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function updateTarget({
  targetId,
  input,
  version,
}: {
  targetId: string;
  input: TargetInput;
  /** The version the admin saw: a target changed or revised since is refused (409), not overwritten. */
  version?: number;
}): Promise<PlanView> {
  return apiSend<PlanView>('PUT', `/api/v1/targets/${encodeURIComponent(targetId)}`, { body: input, ifMatch: version });
}

export function useUpdateTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateTarget, onSuccess: () => changed(queryClient, 'plans') });
}
