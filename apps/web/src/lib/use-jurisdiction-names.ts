// Names for the units a page shows (its plans', its audit rows', its accounts'), fetched for those
// codes alone: a page never downloads the tree to name a handful of units.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLanguage } from '../i18n/use-language.ts';
import { jurisdictionNamesQueryOptions } from './jurisdiction-tree.ts';

export function useJurisdictionNames(codes: readonly (string | null | undefined)[]) {
  const { nameOfCode } = useLanguage();
  const known = codes.filter((code): code is string => typeof code === 'string' && code !== '');
  // a page that shows more (the next page of the audit trail) keeps the names it had meanwhile
  const query = useQuery({ ...jurisdictionNamesQueryOptions(known), placeholderData: keepPreviousData });
  const units = query.data;
  return useMemo(
    () => ({
      units,
      error: query.error,
      isPending: known.length > 0 && query.isPending,
      /** The unit's name in the reader's language; its code while the names are on their way. */
      name: (code: string) => nameOfCode(units, code),
      /** Whether the unit is `scope` or below it (null: the whole country); false while not known. */
      within: (code: string, scope: string | null) => {
        if (scope === null || code === scope) return true;
        const unit = units?.find((candidate) => candidate.code === code);
        return unit?.ancestors?.some((above) => above.code === scope) ?? false;
      },
    }),
    [units, query.error, query.isPending, known.length, nameOfCode],
  );
}
