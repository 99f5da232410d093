// GET /api/v1/gap-report?account=final&root=&period=&format=xlsx|csv: the final account of the
// targets closed by a quarter, as a workbook or a CSV file, in the screen's language.
import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api-client.ts';
import type { GapReportFormat } from './download-gap-report.ts';

export interface FinalAccountFile {
  /** Null: the whole country (for an account without a jurisdiction). */
  root: string | null;
  period: string;
  format: GapReportFormat;
}

export function downloadFinalAccount({ root, period, format }: FinalAccountFile): Promise<void> {
  const query = new URLSearchParams({ account: 'final', ...(root ? { root } : {}), period, format });
  return apiDownload(`/api/v1/gap-report?${query}`, `tuowei-final-account-${root ?? 'country'}-${period}.${format}`);
}

export function useDownloadFinalAccount() {
  return useMutation({ mutationFn: downloadFinalAccount });
}
