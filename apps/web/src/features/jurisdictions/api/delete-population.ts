// DELETE /api/v1/jurisdictions/:code/populations/:year: removes a year's population figure.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JurisdictionDetail } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { jurisdictionChanged } from './save-jurisdiction.ts';

export function deletePopulation({ code, year }: { code: string; year: number }): Promise<JurisdictionDetail> {
  return apiSend<JurisdictionDetail>('DELETE', `/api/v1/jurisdictions/${encodeURIComponent(code)}/populations/${year}`);
}

export function useDeletePopulation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePopulation,
    onSuccess: (detail) => jurisdictionChanged(queryClient, detail),
  });
}
