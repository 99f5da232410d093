// Reading the audit trail: per record, or for a subtree and a date range.
import type { AuditEntryView } from '@tuowei/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { subtreeCodes } from '../jurisdictions/repository.ts';

interface AuditRow {
  id: string | number;
  at: Date;
  actor: string;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  jurisdiction_code: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
}

const toEntry = (row: AuditRow): AuditEntryView => ({
  id: Number(row.id),
  at: new Date(row.at).toISOString(),
  actor: row.actor,
  actorRole: row.actor_role,
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  jurisdictionCode: row.jurisdiction_code,
  before: row.before,
  after: row.after,
  reason: row.reason,
  requestId: row.request_id,
});

export async function auditOfRecord(db: Kysely<DB>, entity: string, entityId: string): Promise<AuditEntryView[]> {
  const { rows } = await sql<AuditRow>`
    select * from audit_log where entity = ${entity} and entity_id = ${entityId} order by id`.execute(db);
  return rows.map(toEntry);
}

export interface AuditFilter {
  /** Null: everything (a country-wide reader). */
  root: string | null;
  from?: string;
  to?: string;
  entity?: string;
  before?: number;
  limit: number;
}

/** Midnight in Beijing at the start of a calendar day, `days` later. */
function beijingMidnight(date: string, days: number): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + days * 86_400_000);
}

/** Newest first; a subtree includes entries about its units only (not country-wide ones). */
export async function auditOfSubtree(db: Kysely<DB>, filter: AuditFilter): Promise<AuditEntryView[]> {
  const { rows } = await sql<AuditRow>`
    select * from audit_log
    where true
      ${filter.root ? sql`and jurisdiction_code in (${subtreeCodes(filter.root)})` : sql``}
      ${filter.from ? sql`and at >= ${beijingMidnight(filter.from, 0)}` : sql``}
      ${filter.to ? sql`and at < ${beijingMidnight(filter.to, 1)}` : sql``}
      ${filter.entity ? sql`and entity = ${filter.entity}` : sql``}
      ${filter.before ? sql`and id < ${filter.before}` : sql``}
    order by id desc
    limit ${filter.limit}`.execute(db);
  return rows.map(toEntry);
}
