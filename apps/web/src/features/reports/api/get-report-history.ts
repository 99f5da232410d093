// GET /api/v1/reports/:code/:period/history: every change to one report, oldest first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntryView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getReportHistory(code: string, period: string, signal?: AbortSignal): Promise<AuditEntryView[]> {
  return apiGet<AuditEntryView[]>(`/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}/history`, {
    signal,
  });
}

export function reportHistoryQueryOptions(code: string, period: string) {
  return queryOptions({
    queryKey: queryKeys.reportHistory(code, period),
    queryFn: ({ signal }) => getReportHistory(code, period, signal),
  });
}

/** Only asked for once the report exists: before that it has no history (404). */
export function useReportHistory(code: string, period: string, enabled: boolean) {
  return useQuery({ ...reportHistoryQueryOptions(code, period), enabled });
}
