// Which trigger functions fire on which table for which event, read from pg_catalog: what the
// data-version tests check the migrations left behind.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

/** A row per table, event and trigger of one of `functions` (user triggers only). */
export async function triggerEvents(
  db: Kysely<DB>,
  functions: readonly string[],
): Promise<{ table: string; event: TriggerEvent; function: string }[]> {
  const { rows } = await sql<{ table: string; event: TriggerEvent; function: string }>`
    select c.relname as table, e.event, p.proname::text as function
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_proc p on p.oid = t.tgfoid
    cross join lateral (values
      (case when t.tgtype & 4 <> 0 then 'insert' end),
      (case when t.tgtype & 8 <> 0 then 'delete' end),
      (case when t.tgtype & 16 <> 0 then 'update' end),
      (case when t.tgtype & 32 <> 0 then 'truncate' end)) as e(event)
    where not t.tgisinternal and e.event is not null and p.proname = any(${[...functions]}::text[])
    order by 1, 2, 3`.execute(db);
  return rows;
}
