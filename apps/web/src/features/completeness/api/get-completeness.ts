// GET /api/v1/completeness/:code?period=YYYYQn: which units of a subtree have reported for the
// quarter, against the deadline; ?record=indicators&year=YYYY: who has sent a year's health indicators.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CompletenessView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** What is counted: a quarter's reports (`2026Q3`), or a year's health indicators (`2025`). */
export type CompletenessRecord = { record: 'reports'; period: string } | { record: 'indicators'; year: number };

function queryOf(asked: CompletenessRecord): URLSearchParams {
  return asked.record === 'reports'
    ? new URLSearchParams({ period: asked.period })
    : new URLSearchParams({ record: 'indicators', year: String(asked.year) });
}

export function getCompleteness(
  code: string,
  asked: CompletenessRecord,
  signal?: AbortSignal,
): Promise<CompletenessView> {
  return apiGet<CompletenessView>(`/api/v1/completeness/${encodeURIComponent(code)}?${queryOf(asked)}`, { signal });
}

export function completenessQueryOptions(code: string, asked: CompletenessRecord) {
  return queryOptions({
    queryKey:
      asked.record === 'reports'
        ? queryKeys.completeness(code, asked.period)
        : queryKeys.completeness(code, String(asked.year), 'indicators'),
    queryFn: ({ signal }) => getCompleteness(code, asked, signal),
  });
}

export function useCompleteness(code: string, asked: CompletenessRecord, options: { enabled?: boolean } = {}) {
  return useQuery({ ...completenessQueryOptions(code, asked), enabled: options.enabled ?? true });
}
