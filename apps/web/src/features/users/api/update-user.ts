// PUT /api/v1/users/:username: changes an account's name, role, jurisdiction, password or whether
// it may sign in; any change but the name ends its sessions.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserUpdate, UserView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function updateUser({ username, change }: { username: string; change: UserUpdate }): Promise<UserView> {
  return apiSend<UserView>('PUT', `/api/v1/users/${encodeURIComponent(username)}`, { body: change });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => changed(queryClient, 'accounts'),
  });
}
