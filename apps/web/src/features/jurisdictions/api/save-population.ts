// PUT /api/v1/jurisdictions/:code/populations/:year: sets a unit's resident population for a year.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JurisdictionDetail, PopulationInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { jurisdictionChanged } from './save-jurisdiction.ts';

export interface SavePopulationInput {
  code: string;
  year: number;
  input: PopulationInput;
}

export function savePopulation({ code, year, input }: SavePopulationInput): Promise<JurisdictionDetail> {
  return apiSend<JurisdictionDetail>('PUT', `/api/v1/jurisdictions/${encodeURIComponent(code)}/populations/${year}`, {
    body: input,
  });
}

export function useSavePopulation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePopulation,
    onSuccess: (detail) => jurisdictionChanged(queryClient, detail),
  });
}
