// POST /api/v1/reports/:code/:period/approve: the level above accepts a submitted report, which locks it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { reportChanged } from './get-report.ts';

export function approveReport(code: string, period: string, version: number): Promise<ReportView> {
  return apiSend<ReportView>(
    'POST',
    `/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}/approve`,
    { ifMatch: version },
  );
}

export function useApproveReport(code: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => approveReport(code, period, version),
    onSuccess: (view) => reportChanged(queryClient, view),
  });
}
