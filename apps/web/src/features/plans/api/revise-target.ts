// POST /api/v1/targets/:targetId/revise: a later document's target replaces this one from a day
// (the old one ends the day before), from the version the admin saw; answers the new target's plan.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanView, TargetInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export interface TargetRevisionRequest {
  targetId: string;
  version: number;
  input: TargetInput;
  inForceFrom: string;
}

export function reviseTarget({ targetId, version, input, inForceFrom }: TargetRevisionRequest): Promise<PlanView> {
  return apiSend<PlanView>('POST', `/api/v1/targets/${encodeURIComponent(targetId)}/revise`, {
    ifMatch: version,
    body: { target: input, inForceFrom },
  });
}

export function useReviseTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: reviseTarget, onSuccess: () => changed(queryClient, 'plans') });
}
