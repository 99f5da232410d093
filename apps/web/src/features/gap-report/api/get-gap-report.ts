// GET /api/v1/gap-report?root=&period=&format=json: the auditors' gap report for a subtree and
// quarter (leaders, auditors, admins): target rows, schedule conflicts, reconciliation, reporting.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Completeness, GapRow, ScheduleFinding, Settings } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';

export interface GapReportView {
  root: { code: string; name: string; nameEn: string };
  period: string;
  counting: Settings['counting'];
  rows: GapRow[];
  scheduleFindings: (ScheduleFinding & { jurisdictionCode: string })[];
  reconciliations: {
    code: string;
    name: string;
    own: number;
    children: number;
    difference: number;
    childrenReported: number;
    childrenTotal: number;
  }[];
  completeness: Completeness;
  demo: boolean;
}

export function getGapReport(root: string, period: string, signal?: AbortSignal): Promise<GapReportView> {
  const query = new URLSearchParams({ root, period, format: 'json' });
  return apiGet<GapReportView>(`/api/v1/gap-report?${query}`, { signal });
}

export function gapReportQueryOptions(root: string, period: string) {
  return queryOptions({
    queryKey: ['gap-report', root, period],
    queryFn: ({ signal }) => getGapReport(root, period, signal),
  });
}

export function useGapReport(root: string, period: string) {
  return useQuery(gapReportQueryOptions(root, period));
}
