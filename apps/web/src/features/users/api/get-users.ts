// GET /api/v1/users: the accounts within the admin's jurisdiction.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UserView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';

export function getUsers(signal?: AbortSignal): Promise<UserView[]> {
  return apiGet<UserView[]>('/api/v1/users', { signal });
}

export const USERS_QUERY_KEY = ['users'] as const;

export function usersQueryOptions() {
  return queryOptions({ queryKey: USERS_QUERY_KEY, queryFn: ({ signal }) => getUsers(signal) });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
