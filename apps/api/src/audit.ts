// The audit trail: who did what to which record, when, before → after, and why. Every write
// calls writeAudit inside its own transaction; Postgres refuses to change or delete a row.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './db/schema.ts';

export interface AuditEntry {
  actor: string;
  actorRole?: string | null;
  action: string;
  entity: 'report' | 'population' | 'plan' | 'target' | 'user' | 'jurisdiction' | 'setting' | 'session';
  entityId: string;
  jurisdictionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
}

export async function writeAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      actor_role: entry.actorRole ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      jurisdiction_code: entry.jurisdictionCode ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}
