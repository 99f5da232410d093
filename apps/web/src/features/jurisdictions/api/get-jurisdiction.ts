// GET /api/v1/jurisdictions/:code: one jurisdiction with its yearly populations and its children.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { JurisdictionDetail } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';

export function getJurisdiction(code: string, signal?: AbortSignal): Promise<JurisdictionDetail> {
  return apiGet<JurisdictionDetail>(`/api/v1/jurisdictions/${encodeURIComponent(code)}`, { signal });
}

/** Under the list's key, so that whatever invalidates the list refreshes the details too. */
export const jurisdictionQueryKey = (code: string) => ['jurisdictions', code] as const;

export function jurisdictionQueryOptions(code: string) {
  return queryOptions({
    queryKey: jurisdictionQueryKey(code),
    queryFn: ({ signal }) => getJurisdiction(code, signal),
  });
}

export function useJurisdiction(code: string | undefined) {
  return useQuery({ ...jurisdictionQueryOptions(code ?? ''), enabled: code !== undefined });
}
