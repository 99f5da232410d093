// Every kind's import, through the one route shape the API serves them all with: POST <upload>?mode=
// dry-run|commit[&submit=1] with the file as the body (a dry run lists every change and every
// problem and writes nothing; a commit writes all rows or, with any problem, nothing: 400
// import_rejected carrying the same result), and GET <template> for the sheet to fill.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportResult, IndicatorsImportResult, ResidentialImportResult } from '@tuowei/shared';
import { apiDownload, apiUpload, isApiError } from '../../../lib/api-client.ts';
import { type Change, changed } from '../../../lib/query-keys.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The kinds entry staff import (admins import populations on their own card). */
export const IMPORT_KINDS = ['reports', 'indicators', 'residential'] as const;
export type ImportKindId = (typeof IMPORT_KINDS)[number];

export interface ImportResults {
  reports: ImportResult;
  indicators: IndicatorsImportResult;
  residential: ResidentialImportResult;
}
export type AnyImportResult = ImportResults[ImportKindId];

const KIND: Record<
  ImportKindId,
  { upload: string; template: string; file: string; changes: Change; submits: boolean }
> = {
  reports: {
    upload: '/api/v1/import',
    template: '/api/v1/import/template.xlsx',
    file: 'tuowei-import',
    changes: 'reports',
    submits: true,
  },
  indicators: {
    upload: '/api/v1/import/indicators',
    template: '/api/v1/import/indicators/template.xlsx',
    file: 'tuowei-indicators',
    changes: 'indicators',
    submits: true,
  },
  residential: {
    upload: '/api/v1/residential-projects/import',
    template: '/api/v1/residential-projects/import/template.xlsx',
    file: 'tuowei-residential',
    changes: 'residential',
    submits: false,
  },
};

/** Whether a kind's records may be submitted for review as they are imported. */
export const submitsOnImport = (kind: ImportKindId) => KIND[kind].submits;

export interface ImportRequest {
  kind: ImportKindId;
  file: File;
  mode: 'dry-run' | 'commit';
  /** Submit the imported records for review at once (reports and indicators). */
  submit: boolean;
  onProgress?: (sent: number) => void;
}

/** The server reads the bytes (a zip is a workbook); the type only has to be one it accepts. */
function contentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type === XLSX_TYPE || file.type === 'text/csv' ? file.type : 'application/octet-stream';
}

export function importFile({ kind, file, mode, submit, onProgress }: ImportRequest): Promise<AnyImportResult> {
  const query = new URLSearchParams({ mode, ...(KIND[kind].submits ? { submit: submit ? '1' : '0' } : {}) });
  return apiUpload<AnyImportResult>(`${KIND[kind].upload}?${query}`, file, {
    contentType: contentType(file),
    headers: { 'X-File-Name': encodeURIComponent(file.name) },
    onProgress,
  });
}

/** A refused commit's result (the problems found when it was checked again), if that is what failed. */
export function rejectedImport(error: unknown): AnyImportResult | null {
  return isApiError(error, 'import_rejected') ? (error.details as AnyImportResult) : null;
}

export function useImportFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importFile,
    onSuccess: (result, request) => {
      if (result.committed) changed(queryClient, KIND[request.kind].changes);
    },
  });
}

/** The kind's template: a quarter's (reports), a year's (indicators) or the register as it stands. */
export function downloadTemplate({ kind, period }: { kind: ImportKindId; period: string }): Promise<void> {
  const query =
    kind === 'reports' ? `?${new URLSearchParams({ period })}` : kind === 'indicators' ? `?year=${period}` : '';
  const name = `${KIND[kind].file}${kind === 'residential' ? '' : `-${period}`}.xlsx`;
  return apiDownload(`${KIND[kind].template}${query}`, name);
}

export function useDownloadTemplate() {
  return useMutation({ mutationFn: downloadTemplate });
}
