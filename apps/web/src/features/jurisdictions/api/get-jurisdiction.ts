// GET /api/v1/jurisdictions/:code: one jurisdiction with its yearly populations and its children.
// (its query options are in lib/jurisdiction-tree.ts, which the pickers below the features share)
import { useQuery } from '@tanstack/react-query';
import { jurisdictionQueryOptions } from '../../../lib/jurisdiction-tree.ts';

export { jurisdictionQueryOptions };

export function useJurisdiction(code: string | undefined) {
  return useQuery({ ...jurisdictionQueryOptions(code ?? ''), enabled: code !== undefined });
}
