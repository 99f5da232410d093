// GET /api/v1/audit: the audit trail of a subtree, newest first, a page at a time (`before` the
// oldest entry already shown).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntryView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const AUDIT_ENTITIES = [
  'report',
  'population',
  'plan',
  'target',
  'funding_rule',
  'user',
  'jurisdiction',
  'setting',
  'session',
  'residential_project',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditFilter {
  /** A jurisdiction code; undefined for the person's own scope. */
  root?: string;
  /** YYYY-MM-DD, Beijing days, both ends included. */
  from?: string;
  to?: string;
  entity?: AuditEntity;
}

export const AUDIT_PAGE_SIZE = 50;

export function getAudit(filter: AuditFilter, before: number | undefined, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  if (before !== undefined) query.set('before', String(before));
  return apiGet<AuditEntryView[]>(`/api/v1/audit?${query}`, { signal });
}

export function auditQueryOptions(filter: AuditFilter) {
  return infiniteQueryOptions({
    queryKey: queryKeys.audit(filter),
    queryFn: ({ pageParam, signal }) => getAudit(filter, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    // A short page is the last one; otherwise the next starts below the oldest entry shown.
    getNextPageParam: (lastPage) => (lastPage.length < AUDIT_PAGE_SIZE ? undefined : lastPage.at(-1)?.id),
  });
}

export function useAudit(filter: AuditFilter) {
  return useInfiniteQuery(auditQueryOptions(filter));
}
