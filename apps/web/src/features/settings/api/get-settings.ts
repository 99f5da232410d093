// GET /api/v1/settings: which reports the dashboards count, and the reporting deadline.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Settings } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getSettings(signal?: AbortSignal): Promise<Settings> {
  return apiGet<Settings>('/api/v1/settings', { signal });
}

export function settingsQueryOptions() {
  return queryOptions({ queryKey: queryKeys.settings(), queryFn: ({ signal }) => getSettings(signal) });
}

export function useSettings() {
  return useQuery(settingsQueryOptions());
}
