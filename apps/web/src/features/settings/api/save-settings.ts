// PUT /api/v1/settings (a country-wide admin): what dashboards count and the deadline; every
// figure and reporting table may read differently afterwards.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed, queryKeys } from '../../../lib/query-keys.ts';

export function saveSettings(settings: Settings): Promise<Settings> {
  return apiSend<Settings>('PUT', '/api/v1/settings', { body: settings });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    onSuccess: (settings) => {
      changed(queryClient, 'settings', { queryKey: queryKeys.settings(), data: settings });
    },
  });
}
