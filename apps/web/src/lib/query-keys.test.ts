// Which cached answers a write makes stale: every figure after a report, a plan, a unit or the
// settings change (the series and the overview too), the audit trail after every write, nothing
// else; the write's own answer stays as it came.
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { type Change, changed, forgetPrivateQueries, queryKeys } from './query-keys.ts';

function cacheWithEveryAnswer() {
  const queryClient = new QueryClient();
  const keys = {
    session: queryKeys.session(),
    overview: queryKeys.overview(null, '2024Q4'),
    series: queryKeys.series('533423', '2024Q4'),
    progress: queryKeys.progress('533423', '2024Q4'),
    completeness: queryKeys.completeness('533400', '2024Q4'),
    gapReport: queryKeys.gapReport('533400', '2024Q4'),
    funding: queryKeys.funding('533423', 2024),
    plans: queryKeys.plans(),
    jurisdictions: queryKeys.jurisdictions(),
    jurisdiction: queryKeys.jurisdiction('533423'),
    report: queryKeys.report('533423', '2024Q4'),
    otherReport: queryKeys.report('533423', '2025Q1'),
    reportHistory: queryKeys.reportHistory('533423', '2024Q4'),
    audit: queryKeys.audit({ root: '533423' }),
    settings: queryKeys.settings(),
    users: queryKeys.users(),
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });
  const stale = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { queryClient, keys, stale };
}

const FIGURES = ['completeness', 'funding', 'gapReport', 'overview', 'progress', 'series'];

describe('what a write makes stale', () => {
  it.each<[Change, string[]]>([
    ['reports', ['audit', ...FIGURES, 'otherReport', 'reportHistory']],
    ['plans', ['audit', ...FIGURES, 'plans']],
    ['jurisdictions', ['audit', ...FIGURES, 'jurisdictions']],
    ['settings', ['audit', ...FIGURES]],
    ['accounts', ['audit', 'users']],
  ])('after %s: %j', (change, expected) => {
    const { queryClient, keys, stale } = cacheWithEveryAnswer();
    // the write answered with the report, the unit or the settings as they are now: kept as fresh
    const fresh = { reports: keys.report, jurisdictions: keys.jurisdiction, settings: keys.settings }[
      change as 'reports'
    ];
    changed(queryClient, change, fresh && { queryKey: fresh, data: { written: true } });
    expect(stale()).toEqual(expected.sort());
    if (fresh) expect(queryClient.getQueryData(fresh)).toEqual({ written: true });
  });

  it('forgets at sign-in and sign-out what the previous person could read, and keeps what anyone reads', () => {
    const { queryClient, keys } = cacheWithEveryAnswer();
    forgetPrivateQueries(queryClient);
    const left = Object.entries(keys).filter(([, key]) => queryClient.getQueryData(key) !== undefined);
    expect(left.map(([name]) => name).sort()).toEqual(
      [
        'completeness',
        'funding',
        'jurisdiction',
        'jurisdictions',
        'overview',
        'plans',
        'progress',
        'series',
        'session',
        'settings',
      ].sort(),
    );
  });
});
