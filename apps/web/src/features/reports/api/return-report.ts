// POST /api/v1/reports/:code/:period/return: the level above sends a submitted (or approved)
// report back to the reporter with the reason, which the reporter then sees.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { reportChanged } from './get-report.ts';

export interface ReturnReportInput {
  version: number;
  reason: string;
}

export function returnReport(
  code: string,
  period: string,
  { version, reason }: ReturnReportInput,
): Promise<ReportView> {
  return apiSend<ReportView>(
    'POST',
    `/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}/return`,
    { ifMatch: version, body: { reason } },
  );
}

export function useReturnReport(code: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReturnReportInput) => returnReport(code, period, input),
    onSuccess: (view) => reportChanged(queryClient, view),
  });
}
