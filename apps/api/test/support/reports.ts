// Inserts quarterly reports straight into the database, for tests that need known figures.
import type { InstitutionCounts, ReportStatus } from '@tuowei/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

export interface FixtureReport {
  code: string;
  period: string;
  places: number;
  affordablePlaces: number;
  status?: ReportStatus;
  institutions?: InstitutionCounts;
  /** Who approved it, and when (ISO), for an approved report. */
  approvedBy?: string;
  approvedAt?: string;
}

export async function insertReports(db: Kysely<DB>, reports: FixtureReport[]): Promise<void> {
  for (const report of reports) {
    const [year, quarter] = report.period.split('Q').map(Number);
    const { id } = await db
      .insertInto('quarterly_reports')
      .values({
        jurisdiction_code: report.code,
        year,
        quarter,
        places: report.places,
        affordable_places: report.affordablePlaces,
        children_enrolled: null,
        status: report.status ?? 'approved',
        comment: null,
        return_reason: null,
        created_by: 'fixture',
        updated_by: 'fixture',
        submitted_by: null,
        submitted_at: null,
        approved_by: report.approvedBy ?? null,
        approved_at: report.approvedAt ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const kinds = Object.entries(report.institutions ?? {});
    if (kinds.length > 0) {
      await db
        .insertInto('report_institutions')
        .values(kinds.map(([kind, count]) => ({ report_id: id, kind, count: count as number })))
        .execute();
    }
  }
}
