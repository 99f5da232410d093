// GET /api/v1/reports/:code/:period: one quarterly report with last quarter's figures beside it;
// null while nobody has started it (the API's 404 no_report).
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportView } from '@tuowei/shared';
import { apiGet, isApiError } from '../../../lib/api-client.ts';

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

export const reportQueryKey = (code: string, period: string) => ['reports', code, period] as const;

export function reportQueryOptions(code: string, period: string) {
  return queryOptions({
    queryKey: reportQueryKey(code, period),
    queryFn: ({ signal }) => getReport(code, period, signal),
  });
}

export function useReport(code: string, period: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...reportQueryOptions(code, period), enabled: options.enabled ?? true });
}

/**
 * After any write to a report: the answer is the report now; its history, the progress figures
 * and the completeness tables that count it are out of date.
 */
export function reportChanged(queryClient: QueryClient, view: ReportView) {
  queryClient.setQueryData(reportQueryKey(view.code, view.period), view);
  void queryClient.invalidateQueries({ queryKey: [...reportQueryKey(view.code, view.period), 'history'] });
  void queryClient.invalidateQueries({ queryKey: ['progress'] });
  void queryClient.invalidateQueries({ queryKey: ['completeness'] });
}
