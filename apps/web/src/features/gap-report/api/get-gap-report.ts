// GET /api/v1/gap-report?root=&period=&format=json: the auditors' gap report for a subtree and
// quarter (leaders, auditors, admins): target rows, schedule conflicts, reconciliation, reporting.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GapReport } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** The report as the API answers it (its type is the API's own, from the shared package). */
export type GapReportView = GapReport;

export function getGapReport(root: string, period: string, signal?: AbortSignal): Promise<GapReportView> {
  const query = new URLSearchParams({ root, period, format: 'json' });
  return apiGet<GapReportView>(`/api/v1/gap-report?${query}`, { signal });
}

export function gapReportQueryOptions(root: string, period: string) {
  return queryOptions({
    queryKey: queryKeys.gapReport(root, period),
    queryFn: ({ signal }) => getGapReport(root, period, signal),
  });
}

export function useGapReport(root: string, period: string) {
  return useQuery(gapReportQueryOptions(root, period));
}
