// POST /api/v1/users: a new account with its role, jurisdiction and first password.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserInput, UserView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function createUser(input: UserInput): Promise<UserView> {
  return apiSend<UserView>('POST', '/api/v1/users', { body: input });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => changed(queryClient, 'accounts'),
  });
}
