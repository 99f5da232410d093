// GET /api/v1/indicators/:code/:year: a unit-year's health indicators with last year's beside them;
// null while nobody has entered them (the API's 404 no_indicators).
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorsView } from '@tuowei/shared';
import { apiGet, isApiError } from '../../../lib/api-client.ts';
import { changed, queryKeys } from '../../../lib/query-keys.ts';

export const indicatorsPath = (code: string, year: number) => `/api/v1/indicators/${encodeURIComponent(code)}/${year}`;

export async function getIndicators(code: string, year: number, signal?: AbortSignal): Promise<IndicatorsView | null> {
  try {
    return await apiGet<IndicatorsView>(indicatorsPath(code, year), { signal });
  } catch (error) {
    if (isApiError(error, 'no_indicators')) return null;
    throw error;
  }
}

export function indicatorsQueryOptions(code: string, year: number) {
  return queryOptions({
    queryKey: queryKeys.indicators(code, year),
    queryFn: ({ signal }) => getIndicators(code, year, signal),
  });
}

export function useIndicators(code: string, year: number, options: { enabled?: boolean } = {}) {
  return useQuery({ ...indicatorsQueryOptions(code, year), enabled: options.enabled ?? true });
}

/** After any write: the answer is the record now; every figure that counts it is out of date. */
export function indicatorsChanged(queryClient: QueryClient, view: IndicatorsView) {
  changed(queryClient, 'indicators', { queryKey: queryKeys.indicators(view.code, view.year), data: view });
}
