// GET /api/v1/audit/verify: the audit trail's hash chain walked from its first row to its last.
// A long trail takes a while to walk, so the answer is kept for a few minutes unless asked again.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditVerifyView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';

export function getAuditVerify(signal?: AbortSignal): Promise<AuditVerifyView> {
  return apiGet<AuditVerifyView>('/api/v1/audit/verify', { signal });
}

export function auditVerifyQueryOptions() {
  return queryOptions({
    queryKey: ['audit', 'verify'],
    queryFn: ({ signal }) => getAuditVerify(signal),
    staleTime: 5 * 60 * 1000,
  });
}

export function useAuditVerify() {
  return useQuery(auditVerifyQueryOptions());
}
