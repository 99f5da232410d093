// GET /api/v1/import/template.xlsx?period=YYYYQn: the sheet to fill, one row per reporting unit
// of the person's jurisdiction, with the stored figures and versions; headers in the screen's language.
import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api-client.ts';

export function downloadTemplate(period: string): Promise<void> {
  const query = new URLSearchParams({ period });
  return apiDownload(`/api/v1/import/template.xlsx?${query}`, `tuowei-import-${period}.xlsx`);
}

export function useDownloadTemplate() {
  return useMutation({ mutationFn: downloadTemplate });
}
