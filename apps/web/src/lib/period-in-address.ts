// The quarter a page shows, from its address (?period=2024Q4), the last ended quarter when the
// address names none; then written into the address, so that a copied link names what it shows.
import { formatPeriod, lastEndedPeriod } from '@tuowei/shared';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/** The page's quarter and a way to choose another; `write` false leaves the address alone (no unit chosen yet). */
export function usePeriodInAddress(write = true): [string, (period: string) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const inAddress = searchParams.get('period');
  const period = inAddress ?? formatPeriod(lastEndedPeriod(new Date()));

  useEffect(() => {
    if (write && inAddress === null) {
      setSearchParams(
        (current) => {
          current.set('period', period);
          return current;
        },
        { replace: true },
      );
    }
  }, [write, inAddress, period, setSearchParams]);

  const choose = (next: string) =>
    setSearchParams((current) => {
      current.set('period', next);
      return current;
    });
  return [period, choose];
}
