// GET /api/v1/users: the accounts within the admin's jurisdiction.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UserView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function getUsers(signal?: AbortSignal): Promise<UserView[]> {
  return apiGet<UserView[]>('/api/v1/users', { signal });
}

export function usersQueryOptions() {
  return queryOptions({ queryKey: queryKeys.users(), queryFn: ({ signal }) => getUsers(signal) });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
