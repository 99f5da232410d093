// The audit trail: who did what to which record, when, before → after, and why. Every write
// calls writeAudit inside its own transaction; Postgres refuses to change or delete a row.
import type { Role } from '@tuowei/shared';
import type { FastifyRequest } from 'fastify';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { signedInUser } from './auth/access.ts';
import type { DB } from './db/schema.ts';

/**
 * Who writes: a signed-in person within one request, or the system itself at start-up. Every
 * field is required, so an audit row without its actor, role or request id cannot be written.
 */
export interface AuditActor {
  readonly username: string;
  readonly role: Role | 'system';
  /** The request's id, or for the system what it was doing ('start-up', 'seed'…). */
  readonly requestId: string;
}

/** The signed-in person making this request, or the one named (a login, before there is a session). */
export function requestActor(
  request: FastifyRequest,
  person: { username: string; role: Role } = signedInUser(request),
): AuditActor {
  return { username: person.username, role: person.role, requestId: request.id };
}

/** The system's own writes, outside any request: `occasion` stands in for the request id. */
export function systemActor(occasion: string): AuditActor {
  return { username: 'system', role: 'system', requestId: occasion };
}

export interface AuditEntry {
  action: string;
  entity:
    | 'report'
    | 'indicators'
    | 'population'
    | 'plan'
    | 'target'
    | 'user'
    | 'jurisdiction'
    | 'succession'
    | 'setting'
    | 'session'
    | 'residential_project'
    | 'funding_rule';
  entityId: string;
  jurisdictionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * The statement writing audit rows, all by the same actor; with `when`, only where it holds (for
 * a statement that writes a change and its audit row at once, the change in a CTE beside it).
 */
export function auditInsert(actor: AuditActor, entries: readonly AuditEntry[], when?: RawBuilder<unknown>) {
  const column = <T>(pick: (entry: AuditEntry) => T) => sql.val(entries.map(pick));
  return sql`
    insert into audit_log (actor, actor_role, action, entity, entity_id, jurisdiction_code, before, after, reason, request_id)
    select ${actor.username}, ${actor.role}, v.action, v.entity, v.entity_id, v.jurisdiction_code,
           v.before::jsonb, v.after::jsonb, v.reason, ${actor.requestId}
    from unnest(${column((e) => e.action)}::text[], ${column((e) => e.entity)}::text[],
                ${column((e) => e.entityId)}::text[], ${column((e) => e.jurisdictionCode ?? null)}::text[],
                ${column((e) => json(e.before))}::text[], ${column((e) => json(e.after))}::text[],
                ${column((e) => e.reason ?? null)}::text[])
      with ordinality as v(action, entity, entity_id, jurisdiction_code, before, after, reason, n)
    ${when ? sql`where ${when}` : sql``}
    order by v.n`;
}

/** One audit row, or many in one statement (an import's), all by the same actor. */
export async function writeAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: AuditActor,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const rows: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (rows.length === 0) return;
  await auditInsert(actor, rows).execute(db);
}
