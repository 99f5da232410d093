// Successions and what recording one must check in the reports: the SQL of the successions area.
import type { SuccessionKind, SuccessionView } from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import { periodIndexSql } from '../../db/period-index.ts';
import type { DB } from '../../db/schema.ts';
import { scopeCodes } from '../jurisdictions/repository.ts';

/**
 * The successions touching a subtree (root null: the country): either unit in it, oldest first,
 * with both units' names.
 */
export async function successionsIn(db: Kysely<DB> | Transaction<DB>, root: string | null): Promise<SuccessionView[]> {
  const { rows } = await sql<{
    from_code: string;
    to_code: string;
    effective_on: string;
    reason: string;
    kind: SuccessionKind;
    from_name: string;
    from_name_en: string;
    to_name: string;
    to_name_en: string;
  }>`
    select s.from_code, s.to_code, to_char(s.effective_on, 'YYYY-MM-DD') as effective_on, s.reason, s.kind,
           f.name as from_name, f.name_en as from_name_en, t.name as to_name, t.name_en as to_name_en
    from successions s
    join jurisdictions f on f.code = s.from_code
    join jurisdictions t on t.code = s.to_code
    where s.from_code in (${scopeCodes(root)}) or s.to_code in (${scopeCodes(root)})
    order by s.effective_on, s.from_code, s.to_code`.execute(db);
  return rows.map((row) => ({
    fromCode: row.from_code,
    toCode: row.to_code,
    effectiveOn: row.effective_on,
    reason: row.reason,
    kind: row.kind,
    fromName: row.from_name,
    fromNameEn: row.from_name_en,
    toName: row.to_name,
    toNameEn: row.to_name_en,
  }));
}

export async function insertSuccession(
  trx: Transaction<DB>,
  row: { fromCode: string; toCode: string; effectiveOn: string; reason: string; kind: SuccessionKind },
): Promise<void> {
  await trx
    .insertInto('successions')
    .values({
      from_code: row.fromCode,
      to_code: row.toCode,
      effective_on: row.effectiveOn,
      reason: row.reason,
      kind: row.kind,
    })
    .execute();
}

/**
 * The years a unit has yearly indicators for, of any status, from a year on (`after: true`) or
 * before it.
 */
export async function indicatorYears(
  trx: Transaction<DB>,
  code: string,
  year: number,
  after: boolean,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('yearly_indicators')
    .select('year')
    .where('jurisdiction_code', '=', code)
    .where('year', after ? '>=' : '<', year)
    .orderBy('year')
    .limit(5)
    .execute();
  return rows.map((row) => String(row.year));
}

/**
 * The quarters (as `2025Q1`) a unit has reports for, of any status, at or after a quarter
 * (`after: true`) or before it.
 */
export async function reportQuarters(
  trx: Transaction<DB>,
  code: string,
  index: number,
  after: boolean,
): Promise<string[]> {
  const { rows } = await sql<{ period: string }>`
    select r.year || 'Q' || r.quarter as period from quarterly_reports r
    where r.jurisdiction_code = ${code}
      and ${after ? sql`${periodIndexSql('r')} >= ${index}` : sql`${periodIndexSql('r')} < ${index}`}
    order by r.year, r.quarter
    limit 5`.execute(trx);
  return rows.map((row) => row.period);
}
