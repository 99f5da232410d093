// PUT /api/v1/residential-projects/:id: changes a project from the version the person saw.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResidentialProjectInput, ResidentialProjectView } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export interface ProjectUpdate {
  id: string;
  version: number;
  input: ResidentialProjectInput;
}

export function updateResidentialProject({ id, version, input }: ProjectUpdate): Promise<ResidentialProjectView> {
  return apiSend<ResidentialProjectView>('PUT', `/api/v1/residential-projects/${encodeURIComponent(id)}`, {
    body: input,
    ifMatch: version,
  });
}

export function useUpdateResidentialProject() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateResidentialProject, onSuccess: () => changed(queryClient, 'residential') });
}
