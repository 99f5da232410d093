// PUT /api/v1/reports/:code/:period: creates the draft, or replaces it from the version the
// person loaded (If-Match); a stale version comes back as 409 version_conflict with the current one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportInput, ReportView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { reportChanged } from './get-report.ts';

export interface SaveReportInput {
  input: ReportInput;
  /** The version the figures were entered against; undefined when creating the report. */
  version: number | undefined;
}

export function saveReport(code: string, period: string, { input, version }: SaveReportInput): Promise<ReportView> {
  return apiSend<ReportView>('PUT', `/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}`, {
    body: input,
    ifMatch: version,
  });
}

export function useSaveReport(code: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SaveReportInput) => saveReport(code, period, save),
    // offline, say so at once (the editor keeps the draft) rather than wait paused for the network
    networkMode: 'always',
    onSuccess: (view) => reportChanged(queryClient, view),
  });
}
