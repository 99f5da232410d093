// GET /api/v1/audit/export?root=&from=&to=&entity=&format=xlsx|csv: the trail the page shows, as a
// workbook or a CSV file in the screen's language, with the chain head at export.
import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api-client.ts';
import type { AuditFilter } from './get-audit.ts';

export type AuditFileFormat = 'xlsx' | 'csv';

export function downloadAudit({ filter, format }: { filter: AuditFilter; format: AuditFileFormat }): Promise<void> {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  const name = `tuowei-audit-${filter.root ?? 'all'}-${filter.from ?? 'start'}-${filter.to ?? 'now'}.${format}`;
  return apiDownload(`/api/v1/audit/export?${query}`, name);
}

export function useDownloadAudit() {
  return useMutation({ mutationFn: downloadAudit });
}
