// POST /api/v1/reports/:code/:period/submit: the reporter sends a draft (or a returned report) for review;
// refused (400 comment_required) when the figures changed implausibly and the comment says nothing.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { reportChanged } from './get-report.ts';

export function submitReport(code: string, period: string, version: number): Promise<ReportView> {
  return apiSend<ReportView>(
    'POST',
    `/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}/submit`,
    { ifMatch: version },
  );
}

export function useSubmitReport(code: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => submitReport(code, period, version),
    onSuccess: (view) => reportChanged(queryClient, view),
  });
}
