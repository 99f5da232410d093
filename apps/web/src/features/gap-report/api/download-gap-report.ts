// GET /api/v1/gap-report?root=&period=&format=xlsx|csv: the same report as a workbook or a CSV file,
// in the screen's language.
import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api-client.ts';

export type GapReportFormat = 'xlsx' | 'csv';

export interface GapReportFile {
  root: string;
  period: string;
  format: GapReportFormat;
}

export function downloadGapReport({ root, period, format }: GapReportFile): Promise<void> {
  const query = new URLSearchParams({ root, period, format });
  return apiDownload(`/api/v1/gap-report?${query}`, `tuowei-gap-report-${root}-${period}.${format}`);
}

export function useDownloadGapReport() {
  return useMutation({ mutationFn: downloadGapReport });
}
