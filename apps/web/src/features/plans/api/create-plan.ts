// POST /api/v1/plans: records a plan (its document number, title, issuer, date) for a jurisdiction.
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanInput, PlanView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';

export function createPlan(input: PlanInput): Promise<PlanView> {
  return apiSend<PlanView>('POST', '/api/v1/plans', { body: input });
}

/** After any change to plans or targets: the list, and every figure measured against them. */
export function plansChanged(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['plans'] });
  void queryClient.invalidateQueries({ queryKey: ['progress'] });
  void queryClient.invalidateQueries({ queryKey: ['overview'] });
  void queryClient.invalidateQueries({ queryKey: ['gap-report'] });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPlan, onSuccess: () => plansChanged(queryClient) });
}
