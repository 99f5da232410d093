// POST /api/v1/indicators/:code/:year/submit, …/approve and …/return ({ reason }), from the version seen.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IndicatorsView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { indicatorsChanged, indicatorsPath } from './get-indicators.ts';

export type IndicatorsStep = 'submit' | 'approve' | 'return';

export interface ReviewIndicatorsInput {
  step: IndicatorsStep;
  version: number;
  reason?: string;
}

export function useReviewIndicators(code: string, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, version, reason }: ReviewIndicatorsInput) =>
      apiSend<IndicatorsView>('POST', `${indicatorsPath(code, year)}/${step}`, {
        ifMatch: version,
        ...(step === 'return' ? { body: { reason } } : {}),
      }),
    onSuccess: (view) => indicatorsChanged(queryClient, view),
  });
}
