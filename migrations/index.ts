// Every migration, in the order they apply. Imported, not read from the folder at run time, so
// that the production bundle carries them; a test checks that this list and the folder agree.
import type { Migration } from 'kysely';
import * as foundation from './2026-11-26-01-foundation.ts';
import * as accountsAudit from './2026-11-26-02-accounts-audit.ts';
import * as dataVersion from './2026-11-26-03-data-version.ts';
import * as township from './2026-11-27-04-township.ts';
import * as auditChain from './2026-12-01-05-audit-chain.ts';
import * as loginThrottle from './2026-12-01-06-login-throttle.ts';
import * as yearlyIndicators from './2026-12-01-07-yearly-indicators.ts';
import * as residentialProjects from './2026-12-01-08-residential-projects.ts';
import * as funding from './2026-12-01-09-funding.ts';
import * as divisions from './2026-12-01-10-divisions.ts';
import * as successionsRevisions from './2026-12-01-12-successions-revisions.ts';
import * as freshness from './2026-12-01-13-freshness.ts';
import * as commitTimeLocks from './2026-12-01-19-commit-time-locks.ts';
import * as branchVersions from './2026-12-01-20-branch-versions.ts';
import * as provinceOwnVersions from './2026-12-02-21-province-own-versions.ts';
import * as oneWalkVersions from './2026-12-02-22-one-walk-versions.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-01-foundation': foundation,
  '2026-11-26-02-accounts-audit': accountsAudit,
  '2026-11-26-03-data-version': dataVersion,
  '2026-11-27-04-township': township,
  '2026-12-01-05-audit-chain': auditChain,
  '2026-12-01-06-login-throttle': loginThrottle,
  '2026-12-01-07-yearly-indicators': yearlyIndicators,
  '2026-12-01-08-residential-projects': residentialProjects,
  '2026-12-01-09-funding': funding,
  '2026-12-01-10-divisions': divisions,
  '2026-12-01-12-successions-revisions': successionsRevisions,
  '2026-12-01-13-freshness': freshness,
  '2026-12-01-19-commit-time-locks': commitTimeLocks,
  '2026-12-01-20-branch-versions': branchVersions,
  '2026-12-02-21-province-own-versions': provinceOwnVersions,
  '2026-12-02-22-one-walk-versions': oneWalkVersions,
};
