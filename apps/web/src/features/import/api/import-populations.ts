// POST /api/v1/import/populations?mode=dry-run|commit (admins) with the file as the body, and
// GET /api/v1/import/populations/template.xlsx?year=: yearly populations in bulk, all or nothing.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PopulationImportResult } from '@tuowei/shared';
import { apiDownload, apiUpload, isApiError } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';
import { XLSX_TYPE } from './import-file.ts';

export interface PopulationImportRequest {
  file: File;
  mode: 'dry-run' | 'commit';
}

export function importPopulations({ file, mode }: PopulationImportRequest): Promise<PopulationImportResult> {
  return apiUpload<PopulationImportResult>(`/api/v1/import/populations?${new URLSearchParams({ mode })}`, file, {
    contentType: /\.csv$/i.test(file.name) ? 'text/csv' : XLSX_TYPE,
    headers: { 'X-File-Name': encodeURIComponent(file.name) },
  });
}

/** A refused commit's result (the problems found when it was checked again), if that is what failed. */
export function rejectedPopulationImport(error: unknown): PopulationImportResult | null {
  return isApiError(error, 'import_rejected') ? (error.details as PopulationImportResult) : null;
}

export function useImportPopulations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importPopulations,
    onSuccess: (result) => {
      if (result.committed) changed(queryClient, 'jurisdictions');
    },
  });
}

export function useDownloadPopulationTemplate() {
  return useMutation({
    mutationFn: (year: number) =>
      apiDownload(`/api/v1/import/populations/template.xlsx?year=${year}`, `tuowei-populations-${year}.xlsx`),
  });
}
