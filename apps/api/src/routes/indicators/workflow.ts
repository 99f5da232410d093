// Writing a unit-year's health indicators and moving them through review, each step in one
// transaction with its audit row, guarded by the version the person started from (If-Match).
import { type IndicatorsInput, type IndicatorsView, indicatorCounts } from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../../audit.ts';
import { lockNaturalKey } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import type { Actor } from '../reports/workflow.ts';
import { REVIEW_FROM, requireVersion, reviewChanges, reviewStateError, type Transition } from '../review.ts';
import {
  countColumns,
  findIndicators,
  insertIndicators,
  type StoredIndicators,
  snapshot,
  toView,
  updateIndicators,
} from './repository.ts';

export interface IndicatorsKey {
  code: string;
  year: number;
}

type Reader = Kysely<DB> | Transaction<DB>;

export async function indicatorsView(db: Reader, stored: StoredIndicators): Promise<IndicatorsView> {
  return toView(stored, await findIndicators(db, stored.code, stored.year - 1));
}

const subject = (key: IndicatorsKey) => API_WORDS.indicators.subject(key.year);

export const noIndicators = (key: IndicatorsKey) =>
  new ApiError(404, 'no_indicators', API_WORDS.indicators.noIndicators(key.code, key.year));

async function conflict(trx: Transaction<DB>, key: IndicatorsKey, ifMatch: number | null): Promise<never> {
  const stored = await findIndicators(trx, key.code, key.year);
  const current = stored && (await indicatorsView(trx, stored));
  throw new ApiError(
    409,
    'version_conflict',
    API_WORDS.indicators.versionConflict(key.code, key.year, ifMatch, current?.version),
    { current },
  );
}

const requireIndicatorsVersion = (ifMatch: number | null, key: IndicatorsKey) =>
  requireVersion(ifMatch, API_WORDS.indicators.ifMatchRequired(key.year));

/** PUT: creates the unit-year's indicators as a draft, or replaces a draft or returned one (If-Match). */
export async function saveIndicators(
  db: Kysely<DB>,
  actor: Actor,
  key: IndicatorsKey,
  input: IndicatorsInput,
  ifMatch: number | null,
): Promise<{ created: boolean; view: IndicatorsView }> {
  const counts = indicatorCounts(input);
  return db.transaction().execute(async (trx) => {
    await lockNaturalKey(trx, 'indicators', key.code, key.year);
    const existing = await findIndicators(trx, key.code, key.year, true);
    const by = actor.user.username;
    if (!existing) {
      if (ifMatch !== null) await conflict(trx, key, ifMatch);
      const id = await insertIndicators(trx, key, counts, by);
      if (id === null) await conflict(trx, key, ifMatch);
      const stored = (await findIndicators(trx, key.code, key.year)) as StoredIndicators;
      await writeAudit(trx, actor.audit, {
        action: 'insert',
        entity: 'indicators',
        entityId: stored.id,
        jurisdictionCode: key.code,
        after: snapshot(stored),
      });
      return { created: true, view: await indicatorsView(trx, stored) };
    }
    const version = requireIndicatorsVersion(ifMatch, key);
    if (existing.version !== version) await conflict(trx, key, version);
    if (existing.status === 'submitted' || existing.status === 'approved') {
      throw reviewStateError(existing.status, subject(key), 'indicators', 'update');
    }
    await updateIndicators(trx, existing.id, {
      ...countColumns(counts),
      status: 'draft',
      version: existing.version + 1,
      updated_by: by,
      updated_at: new Date(),
    });
    const stored = (await findIndicators(trx, key.code, key.year)) as StoredIndicators;
    await writeAudit(trx, actor.audit, {
      action: 'update',
      entity: 'indicators',
      entityId: stored.id,
      jurisdictionCode: key.code,
      before: snapshot(existing),
      after: snapshot(stored),
    });
    return { created: false, view: await indicatorsView(trx, stored) };
  });
}

/** Moves a unit-year's indicators through review: submit (the reporter), approve or return (the level above). */
export async function moveIndicators(
  db: Kysely<DB>,
  actor: Actor,
  key: IndicatorsKey,
  step: Transition,
  ifMatch: number | null,
  reason: string | null,
): Promise<IndicatorsView> {
  return db.transaction().execute(async (trx) => {
    const existing = await findIndicators(trx, key.code, key.year, true);
    if (!existing) throw noIndicators(key);
    const version = requireIndicatorsVersion(ifMatch, key);
    if (existing.version !== version) await conflict(trx, key, version);
    if (!REVIEW_FROM[step].includes(existing.status)) {
      throw reviewStateError(existing.status, subject(key), 'indicators', step);
    }
    const now = new Date();
    const by = actor.user.username;
    await updateIndicators(trx, existing.id, {
      ...reviewChanges(step, by, now, reason),
      version: existing.version + 1,
      updated_by: by,
      updated_at: now,
    });
    const stored = (await findIndicators(trx, key.code, key.year)) as StoredIndicators;
    await writeAudit(trx, actor.audit, {
      action: step,
      entity: 'indicators',
      entityId: stored.id,
      jurisdictionCode: key.code,
      before: snapshot(existing),
      after: snapshot(stored),
      reason,
    });
    return indicatorsView(trx, stored);
  });
}
