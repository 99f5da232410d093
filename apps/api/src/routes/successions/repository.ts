// Successions and what recording one must check in the reports: the SQL of the successions area.
import type { SuccessionKind } from '@tuowei/shared';
import { sql, type Transaction } from 'kysely';
import { periodIndexSql } from '../../db/period-index.ts';
import type { DB } from '../../db/schema.ts';

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
