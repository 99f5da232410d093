// POST /api/v1/import?mode=dry-run|commit&submit=0|1 with the file as the body: a dry run lists
// every change and every problem and writes nothing; a commit writes all rows or, with any
// problem, nothing (400 import_rejected carrying the same result).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '@tuowei/shared';
import { apiUpload, isApiError } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportRequest {
  file: File;
  mode: 'dry-run' | 'commit';
  /** Submit the imported reports for review at once. */
  submit: boolean;
  onProgress?: (sent: number) => void;
}

/** The server reads the bytes (a zip is a workbook); the type only has to be one it accepts. */
function contentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type === XLSX_TYPE || file.type === 'text/csv' ? file.type : 'application/octet-stream';
}

export function importReports({ file, mode, submit, onProgress }: ImportRequest): Promise<ImportResult> {
  const query = new URLSearchParams({ mode, submit: submit ? '1' : '0' });
  return apiUpload<ImportResult>(`/api/v1/import?${query}`, file, {
    contentType: contentType(file),
    headers: { 'X-File-Name': encodeURIComponent(file.name) },
    onProgress,
  });
}

/** A refused commit's result (the problems found when it was checked again), if that is what failed. */
export function rejectedImport(error: unknown): ImportResult | null {
  return isApiError(error, 'import_rejected') ? (error.details as ImportResult) : null;
}

export function useImportReports() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importReports,
    onSuccess: (result) => {
      if (result.committed) changed(queryClient, 'reports');
    },
  });
}
