// GET /api/v1/settings: which reports the dashboards count, and the reporting deadline.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Settings } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';

export function getSettings(signal?: AbortSignal): Promise<Settings> {
  return apiGet<Settings>('/api/v1/settings', { signal });
}

export const SETTINGS_QUERY_KEY = ['settings'] as const;

export function settingsQueryOptions() {
  return queryOptions({ queryKey: SETTINGS_QUERY_KEY, queryFn: ({ signal }) => getSettings(signal) });
}

export function useSettings() {
  return useQuery(settingsQueryOptions());
}
