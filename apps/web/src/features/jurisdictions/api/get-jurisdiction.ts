// GET /api/v1/jurisdictions/:code: one jurisdiction with its yearly populations and its children.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { JurisdictionDetail } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getJurisdiction(code: string, signal?: AbortSignal): Promise<JurisdictionDetail> {
  return apiGet<JurisdictionDetail>(`/api/v1/jurisdictions/${encodeURIComponent(code)}`, { signal });
}

export function jurisdictionQueryOptions(code: string) {
  return queryOptions({
    queryKey: queryKeys.jurisdiction(code),
    queryFn: ({ signal }) => getJurisdiction(code, signal),
  });
}

export function useJurisdiction(code: string | undefined) {
  return useQuery({ ...jurisdictionQueryOptions(code ?? ''), enabled: code !== undefined });
}
