// POST /api/v1/residential-projects: registers a new residential project.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResidentialProjectInput, ResidentialProjectView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export function createResidentialProject(input: ResidentialProjectInput): Promise<ResidentialProjectView> {
  return apiSend<ResidentialProjectView>('POST', '/api/v1/residential-projects', { body: input });
}

export function useCreateResidentialProject() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createResidentialProject, onSuccess: () => changed(queryClient, 'residential') });
}
