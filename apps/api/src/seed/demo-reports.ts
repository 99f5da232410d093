// Demo quarterly reports (TUOWEI_DEMO=1): plausible, deterministic, and marked `demo` in the
// data so every screen, API answer and export can say so. Their dates follow the review
// workflow's order: begun after the quarter ends, submitted days later, approved days after that.
import { type InstitutionKind, type Period, periodFromIndex, periodIndex, reportingRefusal } from '@tuowei/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export const DEMO_USER = 'demo';
const FIRST: Period = { year: 2021, quarter: 1 };
const LAST: Period = { year: 2026, quarter: 3 };

interface DemoSeries {
  code: string;
  /** Places at the end of each year from 2020 on (2020's is the start of 2021Q1's line). */
  placesByYearEnd: Record<number, number>;
  affordableShareByYearEnd: Record<number, number>;
  /** Exact figures where the demo should show a worked example (Weixi 2024, the API's worked example in docs/api.md). */
  exact?: Record<string, { places: number; affordablePlaces: number }>;
  /** Institution counts from a quarter on: { '2024Q3': { comprehensive_centre: 1 } }. */
  institutionsFrom?: Record<string, Partial<Record<InstitutionKind, number>>>;
}

const SERIES: DemoSeries[] = [
  {
    code: '533423', // Weixi: 656 places short of 659 in 2025, affordable on target
    placesByYearEnd: { 2020: 150, 2021: 240, 2022: 330, 2023: 520, 2024: 600, 2025: 650, 2026: 690 },
    affordableShareByYearEnd: { 2020: 0.5, 2023: 0.58, 2024: 0.583, 2025: 0.61, 2026: 0.61 },
    exact: {
      '2024Q1': { places: 544, affordablePlaces: 320 },
      '2024Q2': { places: 563, affordablePlaces: 330 },
      '2024Q3': { places: 581, affordablePlaces: 340 },
      '2024Q4': { places: 600, affordablePlaces: 350 },
      '2025Q4': { places: 650, affordablePlaces: 396 },
    },
    institutionsFrom: {
      '2021Q1': { public: 1, standalone: 2, kindergarten_class: 1 },
      '2023Q2': { public: 2, standalone: 3, kindergarten_class: 3, community_point: 1, demonstration: 1 },
      '2025Q2': { public: 3, standalone: 4, kindergarten_class: 4, community_point: 2, demonstration: 2 },
    },
  },
  {
    code: '371503', // Chiping: short of 5 per 1,000
    placesByYearEnd: { 2020: 800, 2021: 1050, 2022: 1350, 2023: 1700, 2024: 2050, 2025: 2380, 2026: 2600 },
    affordableShareByYearEnd: { 2020: 0.4, 2023: 0.55, 2025: 0.63, 2026: 0.65 },
    institutionsFrom: {
      '2021Q1': { standalone: 6, kindergarten_class: 8, for_profit: 5 },
      '2025Q3': { standalone: 9, kindergarten_class: 14, for_profit: 6, public: 2, public_independent: 1 },
    },
  },
  {
    code: '141000', // Linfen: meets 4.5 per 1,000 by the end of 2025
    placesByYearEnd: { 2020: 7400, 2021: 9300, 2022: 11_600, 2023: 13_900, 2024: 16_100, 2025: 17_900, 2026: 18_600 },
    affordableShareByYearEnd: { 2020: 0.45, 2023: 0.58, 2025: 0.62, 2026: 0.63 },
    institutionsFrom: {
      '2021Q1': { public: 8, standalone: 60, kindergarten_class: 90 },
      '2024Q3': { public: 21, standalone: 84, kindergarten_class: 130, comprehensive_centre: 1 },
    },
  },
  {
    code: '140000', // Shanxi: province-wide figures of its own, short of 4.5 and of 60 %
    placesByYearEnd: {
      2020: 66_000,
      2021: 82_000,
      2022: 99_000,
      2023: 117_000,
      2024: 135_000,
      2025: 152_000,
      2026: 160_000,
    },
    affordableShareByYearEnd: { 2020: 0.42, 2023: 0.52, 2025: 0.58, 2026: 0.6 },
  },
  {
    code: '520000', // Guizhou: meets 3 per 1,000
    placesByYearEnd: {
      2020: 52_000,
      2021: 66_000,
      2022: 80_000,
      2023: 94_000,
      2024: 106_000,
      2025: 118_000,
      2026: 122_000,
    },
    affordableShareByYearEnd: { 2020: 0.5, 2025: 0.66, 2026: 0.67 },
  },
];

/** Straight lines between year-end anchors, read at a fractional year. */
function along(anchors: Record<number, number>, at: number): number {
  const years = Object.keys(anchors)
    .map(Number)
    .sort((a, b) => a - b);
  if (at <= years[0]) return anchors[years[0]];
  for (let i = 1; i < years.length; i++) {
    const [from, to] = [years[i - 1], years[i]];
    if (at <= to) return anchors[from] + ((anchors[to] - anchors[from]) * (at - from)) / (to - from);
  }
  return anchors[years[years.length - 1]];
}

/** A small deterministic wobble (±1 %) so that quarters are not on a ruler's edge. */
function wobble(code: string, index: number): number {
  let hash = 2_166_136_261;
  for (const char of `${code}:${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
  return ((hash >>> 0) % 2001) / 100_000 - 0.01;
}

export interface DemoReport {
  code: string;
  year: number;
  quarter: number;
  places: number;
  affordablePlaces: number;
  childrenEnrolled: number;
  institutions: Partial<Record<InstitutionKind, number>>;
  status: 'approved' | 'submitted';
  /** When the draft was begun, submitted and approved (null while submitted). */
  createdAt: Date;
  submittedAt: Date;
  approvedAt: Date | null;
}

const DAY_MS = 86_400_000;

/** The first moment after a quarter: reports of a quarter are written once it has ended. */
export const quarterEnd = (year: number, quarter: number) => new Date(Date.UTC(year, quarter * 3, 1));

/** A whole number of days from `min` to `max`, the same on every run for a unit and quarter. */
const days = (code: string, index: number, salt: number, min: number, max: number) =>
  min + (Math.floor((wobble(code, index * 7 + salt) + 0.01) * 100_000) % (max - min + 1));

/**
 * A county office begins the quarter's draft a few days after it ends, submits it within about
 * two weeks and the level above approves it within another one or two, in office hours in
 * Beijing (UTC+8). The last quarter shown waits for review.
 */
function demoDates(code: string, index: number, year: number, quarter: number, waiting: boolean) {
  const end = quarterEnd(year, quarter).getTime();
  const hour = (salt: number) => (1 + days(code, index, salt, 0, 7)) * 3_600_000; // 09:00–16:00 in Beijing
  const createdAt = new Date(end + days(code, index, 1, 1, 4) * DAY_MS + hour(2));
  const submittedAt = new Date(createdAt.getTime() + days(code, index, 3, 3, 10) * DAY_MS + hour(4) - hour(2));
  const approvedAt = waiting
    ? null
    : new Date(submittedAt.getTime() + days(code, index, 5, 2, 12) * DAY_MS + hour(6) - hour(4));
  return { createdAt, submittedAt, approvedAt };
}

/**
 * The demo's reports, up to 2026Q3 and only for quarters that have ended at `now` (all of them are
 * submitted or approved, which a quarter not ended may not be).
 */
export function demoReports(now: Date = new Date()): DemoReport[] {
  const reports: DemoReport[] = [];
  for (const series of SERIES) {
    let institutions: Partial<Record<InstitutionKind, number>> = {};
    for (let index = periodIndex(FIRST); index <= periodIndex(LAST); index++) {
      const { year, quarter } = periodFromIndex(index);
      const period = `${year}Q${quarter}`;
      if (reportingRefusal({ year, quarter }, now, 'submit')) continue;
      const at = year - 1 + quarter / 4;
      const exact = series.exact?.[period];
      const places = exact?.places ?? Math.round(along(series.placesByYearEnd, at) * (1 + wobble(series.code, index)));
      const affordablePlaces =
        exact?.affordablePlaces ?? Math.min(places, Math.round(places * along(series.affordableShareByYearEnd, at)));
      institutions = series.institutionsFrom?.[period] ?? institutions;
      reports.push({
        code: series.code,
        year,
        quarter,
        places,
        affordablePlaces,
        childrenEnrolled: Math.round(places * (0.52 + wobble(series.code, -index) * 3)),
        institutions,
        status: year === LAST.year && quarter === LAST.quarter ? 'submitted' : 'approved',
        ...demoDates(series.code, index, year, quarter, year === LAST.year && quarter === LAST.quarter),
      });
    }
  }
  return reports;
}

/**
 * Inserts the demo reports that are missing; leaves any report already there alone. Nothing is
 * dated after `now`: a report not yet submitted by then is left out, one not yet approved waits.
 */
export async function loadDemoReports(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const reports = demoReports(now)
    .filter((r) => r.submittedAt <= now)
    .map((r) => (r.approvedAt && r.approvedAt > now ? { ...r, status: 'submitted' as const, approvedAt: null } : r));
  if (reports.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('quarterly_reports')
      .values(
        reports.map((r) => ({
          jurisdiction_code: r.code,
          year: r.year,
          quarter: r.quarter,
          places: r.places,
          affordable_places: r.affordablePlaces,
          children_enrolled: r.childrenEnrolled,
          status: r.status,
          demo: true,
          comment: '演示数据 demo data',
          created_by: DEMO_USER,
          created_at: r.createdAt,
          // the figures were last changed when they were sent for review
          updated_by: DEMO_USER,
          updated_at: r.submittedAt,
          submitted_by: DEMO_USER,
          submitted_at: r.submittedAt,
          approved_by: r.approvedAt ? DEMO_USER : null,
          approved_at: r.approvedAt,
        })),
      )
      .onConflict((oc) => oc.columns(['jurisdiction_code', 'year', 'quarter']).doNothing())
      .returning(['id', 'jurisdiction_code', 'year', 'quarter'])
      .execute();
    const byKey = new Map(reports.map((r) => [`${r.code}/${r.year}/${r.quarter}`, r]));
    const rows = inserted.flatMap((row) =>
      Object.entries(byKey.get(`${row.jurisdiction_code}/${row.year}/${row.quarter}`)?.institutions ?? {}).map(
        ([kind, count]) => ({ report_id: row.id, kind, count: count as number }),
      ),
    );
    if (rows.length > 0) await trx.insertInto('report_institutions').values(rows).execute();
    return inserted.length;
  });
}
