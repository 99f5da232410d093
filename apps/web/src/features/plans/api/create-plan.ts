// POST /api/v1/plans: records a plan (its document number, title, issuer, date) for a jurisdiction.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanInput, PlanView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function createPlan(input: PlanInput): Promise<PlanView> {
  return apiSend<PlanView>('POST', '/api/v1/plans', { body: input });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPlan, onSuccess: () => changed(queryClient, 'plans') });
}
