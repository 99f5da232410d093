// GET /api/v1/jurisdictions?parent=:code: the units directly under one (the provinces under the country).
import { useQuery } from '@tanstack/react-query';
import { jurisdictionChildrenQueryOptions } from '../../../lib/jurisdiction-tree.ts';

export function useJurisdictionChildren(parent: string | null) {
  return useQuery(jurisdictionChildrenQueryOptions(parent));
}
