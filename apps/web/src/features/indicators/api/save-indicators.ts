// PUT /api/v1/indicators/:code/:year: creates the draft, or replaces it from the version loaded (If-Match).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IndicatorsInput, IndicatorsView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { indicatorsChanged, indicatorsPath } from './get-indicators.ts';

export interface SaveIndicatorsInput {
  input: IndicatorsInput;
  version: number | undefined;
}

export function useSaveIndicators(code: string, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, version }: SaveIndicatorsInput) =>
      apiSend<IndicatorsView>('PUT', indicatorsPath(code, year), { body: input, ifMatch: version }),
    onSuccess: (view) => indicatorsChanged(queryClient, view),
  });
}
