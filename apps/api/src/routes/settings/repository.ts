// Settings that change what dashboards count and when reports are late.
import type { ReportStatus, Settings } from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, writeAudit } from '../../audit.ts';
import type { FreshCache } from '../../cache.ts';
import { lockNaturalKey } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';

export const DEFAULT_SETTINGS: Settings = { counting: 'submitted_and_approved', reportDeadlineDays: 15 };

export async function readSettings(db: Kysely<DB> | Transaction<DB>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key === 'counted_statuses') settings.counting = row.value as Settings['counting'];
    if (row.key === 'report_deadline_days') settings.reportDeadlineDays = Number(row.value);
  }
  return settings;
}

/** The settings in a computing transaction, read once per global version (settings move it). */
export function rememberedSettings(trx: Transaction<DB>, cache: FreshCache): Promise<Settings> {
  return cache.perGlobal(
    trx,
    'settings',
    () => readSettings(trx),
    () => 1,
  );
}

export function countedStatuses(settings: Settings): ReportStatus[] {
  return settings.counting === 'approved_only' ? ['approved'] : ['submitted', 'approved'];
}

export async function writeSettings(db: Kysely<DB>, next: Settings, actor: AuditActor) {
  return db.transaction().execute(async (trx) => {
    // concurrent writers take turns, so that each audit row's before is what its write replaced
    await lockNaturalKey(trx, 'settings');
    const before = await readSettings(trx);
    const values = [
      { key: 'counted_statuses', value: JSON.stringify(next.counting) },
      { key: 'report_deadline_days', value: JSON.stringify(next.reportDeadlineDays) },
    ];
    for (const value of values) {
      await trx
        .insertInto('settings')
        .values({ ...value, updated_by: actor.username })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: value.value, updated_by: actor.username, updated_at: new Date() }),
        )
        .execute();
    }
    await writeAudit(trx, actor, { action: 'update', entity: 'setting', entityId: 'settings', before, after: next });
    return next;
  });
}
