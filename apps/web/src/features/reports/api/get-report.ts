// GET /api/v1/reports/:code/:period: one quarterly report with last quarter's figures beside it;
// null while nobody has started it (the API's 404 no_report).
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportView } from '@tuowei/shared';
import { apiGet, isApiError } from '../../../lib/api-client.ts';
import { changed, queryKeys } from '../../../lib/query-keys.ts';

export async function getReport(code: string, period: string, signal?: AbortSignal): Promise<ReportView | null> {
  try {
    return await apiGet<ReportView>(`/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}`, {
      signal,
    });
  } catch (error) {
    if (isApiError(error, 'no_report')) return null;
    throw error;
  }
}

export function reportQueryOptions(code: string, period: string) {
  return queryOptions({
    queryKey: queryKeys.report(code, period),
    queryFn: ({ signal }) => getReport(code, period, signal),
  });
}

export function useReport(code: string, period: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...reportQueryOptions(code, period), enabled: options.enabled ?? true });
}

/** After any write to a report: the answer is the report now; its history and every figure that counts it are out of date. */
export function reportChanged(queryClient: QueryClient, view: ReportView) {
  changed(queryClient, 'reports', { queryKey: queryKeys.report(view.code, view.period), data: view });
}
