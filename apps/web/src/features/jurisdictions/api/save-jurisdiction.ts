// PUT /api/v1/jurisdictions/:code: adds a unit under its parent (201) or renames one (200); the
// level and parent of an existing unit never change.
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { JurisdictionDetail, JurisdictionInput } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed, queryKeys } from '../../../lib/query-keys.ts';

export interface SaveJurisdictionInput {
  code: string;
  input: JurisdictionInput;
}

export function saveJurisdiction({ code, input }: SaveJurisdictionInput): Promise<JurisdictionDetail> {
  return apiSend<JurisdictionDetail>('PUT', `/api/v1/jurisdictions/${encodeURIComponent(code)}`, { body: input });
}

/** After any change to a unit: its detail is the answer; the tree, names and figures everywhere may differ. */
export function jurisdictionChanged(queryClient: QueryClient, detail: JurisdictionDetail) {
  changed(queryClient, 'jurisdictions', { queryKey: queryKeys.jurisdiction(detail.code), data: detail });
}

export function useSaveJurisdiction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveJurisdiction,
    onSuccess: (detail) => jurisdictionChanged(queryClient, detail),
  });
}
