// Reading the audit trail: per record, or for a subtree and a date range.
import type { AuditEntryView } from '@tuowei/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { subtreeCodes } from '../jurisdictions/repository.ts';

/** The columns of an audit row that read the same however the row is read. */
interface AuditColumns {
  actor: string;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  jurisdiction_code: string | null;
  reason: string | null;
  request_id: string | null;
}

interface AuditRow extends AuditColumns {
  id: string | number;
  at: Date;
  before: unknown;
  after: unknown;
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

/** One audit row as the hash chain covers it: every hashed field as the text Postgres gives. */
export interface ChainRow extends AuditColumns {
  id: string;
  prev_id: string | null;
  hash: string | null;
  /** UTC, to the microsecond, whatever the session's time zone. */
  at: string;
  before: string | null;
  after: string | null;
}

/** The rows after `afterId` (from the first when null), in id order, at most `limit`. */
export async function chainPage(db: Kysely<DB>, afterId: number | null, limit: number): Promise<ChainRow[]> {
  const { rows } = await sql<ChainRow>`
    select id::text as id, prev_id::text as prev_id, hash,
           to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
           actor, actor_role, action, entity, entity_id, jurisdiction_code,
           before::text as before, after::text as after, reason, request_id
    from audit_log
    ${afterId === null ? sql`` : sql`where audit_log.id > ${afterId}`}
    order by audit_log.id
    limit ${limit}`.execute(db);
  return rows;
}

export interface ChainLink {
  id: number;
  hash: string;
}

/** The head the chain's trigger recorded: the last row it chained (null before the first). */
export async function recordedChainHead(db: Kysely<DB>): Promise<ChainLink | null> {
  const { rows } = await sql<{ last_id: string | null; last_hash: string }>`
    select last_id::text as last_id, last_hash from audit_chain where id = 1`.execute(db);
  const head = rows[0];
  return head?.last_id ? { id: Number(head.last_id), hash: head.last_hash } : null;
}

/** The trail's last row as it stands: what an export records, for comparing later. */
export async function lastLink(db: Kysely<DB>): Promise<ChainLink | null> {
  const { rows } = await sql<{ id: string; hash: string }>`
    select id::text as id, hash from audit_log order by audit_log.id desc limit 1`.execute(db);
  return rows[0] ? { id: Number(rows[0].id), hash: rows[0].hash } : null;
}

/** The hash stored on one row, or null when there is no such row. */
export async function storedHash(db: Kysely<DB>, id: number): Promise<string | null> {
  const { rows } = await sql<{ hash: string | null }>`select hash from audit_log where id = ${id}`.execute(db);
  return rows[0]?.hash ?? null;
}

/** The first row's id after `afterId` (the very first when null), or null. */
export async function firstIdAfter(db: Kysely<DB>, afterId: number | null): Promise<number | null> {
  const { rows } = await sql<{ id: string }>`
    select id::text as id from audit_log ${afterId === null ? sql`` : sql`where audit_log.id > ${afterId}`}
    order by audit_log.id limit 1`.execute(db);
  return rows[0] ? Number(rows[0].id) : null;
}
