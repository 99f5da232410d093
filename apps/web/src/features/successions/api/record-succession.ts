// POST /api/v1/successions: records one boundary change (the successor created with it when new).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JurisdictionDetail, SuccessionInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function recordSuccession(input: SuccessionInput): Promise<JurisdictionDetail> {
  return apiSend<JurisdictionDetail>('POST', '/api/v1/successions', { body: input });
}

export function useRecordSuccession() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: recordSuccession, onSuccess: () => changed(queryClient, 'successions') });
}
