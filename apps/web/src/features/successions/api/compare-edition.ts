// POST /api/v1/successions/edition?mode=dry-run|commit: a newer edition of the division codes
// compared with the tree (the renames it proposes), then the ones an admin ticked recorded.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EditionInput, ProposedSuccession, Succession } from '@tuowei/shared';
import { apiSend } from '../../../lib/api-client.ts';
import { changed } from '../../../lib/query-keys.ts';

export interface EditionAnswer {
  proposals: ProposedSuccession[];
  recorded: Succession[];
}

export function compareEdition(mode: 'dry-run' | 'commit', input: EditionInput): Promise<EditionAnswer> {
  return apiSend<EditionAnswer>('POST', `/api/v1/successions/edition?mode=${mode}`, { body: input });
}

export function useCompareEdition() {
  return useMutation({ mutationFn: (input: EditionInput) => compareEdition('dry-run', input) });
}

export function useCommitEdition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EditionInput) => compareEdition('commit', input),
    onSuccess: () => changed(queryClient, 'successions'),
  });
}
