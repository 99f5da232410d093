// A synthetic country for scale tests and benchmarks, deterministic from a seed and marked
// `synthetic` in the data: 31 provinces, about 340 prefectures and 2,850 counties with plausible
// populations, quarterly reports for 2020Q1–2025Q4 (growth, noise, missing quarters) and plans
// at every level, with per-county cascades. It joins the shipped provinces where codes meet.
// At township scale about 40,000 townships (nine-digit codes) split each county's population and
// report in its place: the counties' figures are then the sums of their townships'.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { JURISDICTIONS } from './five-plans.ts';

/** The 31 province-level prefixes of GB/T 2260. */
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65,
];

export interface SyntheticOptions {
  seed: number;
  /** Counties in all (about 2,850 for the country). */
  counties: number;
  firstYear: number;
  lastYear: number;
  /** Townships in all, under the counties (0: none; about 40,000 for the country). */
  townships?: number;
}

export const NATIONAL: SyntheticOptions = { seed: 2025, counties: 2850, firstYear: 2020, lastYear: 2025 };
/** The country down to its townships. */
export const TOWNSHIP_SCALE: SyntheticOptions = { ...NATIONAL, townships: 40_000 };

/** mulberry32: a small, fast, deterministic generator. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Unit {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'prefecture' | 'county' | 'township';
  parent: string | null;
  population: number;
}

interface Township extends Unit {
  /** How far its places per 1,000 sit from its county's. */
  lean: number;
}

interface SyntheticReport {
  code: string;
  year: number;
  quarter: number;
  places: number;
  affordable: number;
  status: string;
}

/**
 * The townships of each county, from a generator of their own (the counties' figures stay those
 * of the country without townships): as many as asked in all, more in the more populous counties,
 * splitting each county's population.
 */
function townships(counties: Unit[], options: SyntheticOptions): Map<string, Township[]> {
  const result = new Map<string, Township[]>();
  const wanted = options.townships ?? 0;
  if (wanted <= 0) return result;
  const next = random(options.seed + 10_007);
  const total = counties.reduce((sum, county) => sum + county.population, 0);
  for (const county of counties) {
    const count = Math.min(999, Math.max(2, Math.round((wanted * county.population) / total)));
    const weights = Array.from({ length: count }, () => 0.3 + next());
    const weightSum = weights.reduce((sum, w) => sum + w, 0);
    let left = county.population;
    const list = weights.map((weight, i): Township => {
      const population = i === count - 1 ? left : Math.round((county.population * weight) / weightSum);
      left -= population;
      const number = String(i + 1).padStart(3, '0');
      return {
        code: `${county.code}${number}`,
        name: `${county.name}合成镇${number}`,
        nameEn: `${county.nameEn} township ${number}`,
        level: 'township',
        parent: county.code,
        population,
        lean: 0.75 + 0.5 * next(),
      };
    });
    result.set(county.code, list);
  }
  return result;
}

export function syntheticCountry(options: SyntheticOptions) {
  const next = random(options.seed);
  const between = (low: number, high: number) => low + (high - low) * next();
  const units: Unit[] = [];
  const prefecturesPerProvince = Math.max(1, Math.round(options.counties / 8.4 / PROVINCES.length));
  let countiesLeft = options.counties;
  PROVINCES.forEach((p, pi) => {
    const province: Unit = {
      code: `${p}0000`,
      name: `合成省${p}`,
      nameEn: `Synthetic province ${p}`,
      level: 'province',
      parent: null,
      population: 0,
    };
    units.push(province);
    const prefectures = prefecturesPerProvince;
    for (let f = 1; f <= prefectures; f++) {
      // prefecture numbers from 51 up keep clear of the shipped units (14 10, 37 15, 53 34)
      const pf = `${p}${String(50 + f).padStart(2, '0')}`;
      const prefecture: Unit = {
        code: `${pf}00`,
        name: `合成市${pf}`,
        nameEn: `Synthetic prefecture ${pf}`,
        level: 'prefecture',
        parent: province.code,
        population: 0,
      };
      units.push(prefecture);
      const remainingPrefectures = (PROVINCES.length - pi - 1) * prefectures + (prefectures - f) + 1;
      const count = Math.max(1, Math.round(countiesLeft / remainingPrefectures + between(-2, 2)));
      for (let c = 1; c <= count && countiesLeft > 0; c++, countiesLeft--) {
        // resident population: skewed, 110 thousand to 1.3 million, about 490 thousand on average
        const population = Math.round(Math.exp(between(11.6, 14.1)));
        units.push({
          code: `${pf}${String(c).padStart(2, '0')}`,
          name: `合成县${pf}${c}`,
          nameEn: `Synthetic county ${pf}${c}`,
          level: 'county',
          parent: prefecture.code,
          population,
        });
        prefecture.population += population;
        province.population += population;
      }
    }
  });

  const counties = units.filter((u) => u.level === 'county');
  const townshipsOf = townships(counties, options);
  units.push(...[...townshipsOf.values()].flat());
  const reports: SyntheticReport[] = [];
  for (const county of counties) {
    const start = between(1.2, 2.6); // places per 1,000 at the start
    const growth = between(0.05, 0.16); // per quarter
    const share = between(0.35, 0.6);
    const shareGrowth = between(0, 0.012);
    let quarterIndex = 0;
    for (let year = options.firstYear; year <= options.lastYear; year++) {
      for (let quarter = 1; quarter <= 4; quarter++, quarterIndex++) {
        if (next() < 0.03) continue; // about 3 % of quarters never reported
        const ratio = (start + growth * quarterIndex) * (1 + between(-0.02, 0.02));
        const affordableShare = Math.min(0.95, share + shareGrowth * quarterIndex);
        const status = next() < 0.9 ? 'approved' : 'submitted';
        // the county reports itself, or its townships report, each with a lean of its own
        for (const unit of townshipsOf.get(county.code) ?? [county]) {
          const lean = unit === county ? 1 : (unit as Township).lean;
          const places = Math.round((ratio * lean * unit.population) / 1000);
          const affordable = Math.min(places, Math.round(places * affordableShare));
          reports.push({ code: unit.code, year, quarter, places, affordable, status });
        }
      }
    }
  }

  // plans: every province; half the prefectures; a fifth of the counties with yearly schedules
  const plans: {
    key: string;
    code: string;
    title: string;
    targets: { metric: string; value: number; dueYear: number; scope: string; kind: string | null; clause: string }[];
  }[] = [];
  for (const unit of units) {
    if (unit.level === 'province') {
      plans.push({
        key: `synthetic/${unit.code}`,
        code: unit.code,
        title: `${unit.name}优化生育政策实施方案（合成）`,
        targets: [
          { metric: 'places_per_1000', value: 4.5, dueYear: 2025, scope: 'self', kind: null, clause: '一' },
          { metric: 'affordable_share', value: 0.6, dueYear: 2025, scope: 'self', kind: null, clause: '一' },
          {
            metric: 'institutions',
            value: 1,
            dueYear: 2025,
            scope: 'each_county',
            kind: 'public_guidance',
            clause: '二(三)',
          },
        ],
      });
    } else if (unit.level === 'prefecture' && next() < 0.5) {
      plans.push({
        key: `synthetic/${unit.code}`,
        code: unit.code,
        title: `${unit.name}实施方案（合成）`,
        targets: [
          {
            metric: 'places_per_1000',
            value: next() < 0.5 ? 4.5 : 5,
            dueYear: 2025,
            scope: 'self',
            kind: null,
            clause: '二',
          },
        ],
      });
    } else if (unit.level === 'county' && next() < 0.2) {
      const goal = Math.round(((4.5 + between(0, 1)) * unit.population) / 1000);
      plans.push({
        key: `synthetic/${unit.code}`,
        code: unit.code,
        title: `${unit.name}实施方案（合成）`,
        targets: [
          { metric: 'places_per_1000', value: 4.5, dueYear: 2025, scope: 'self', kind: null, clause: '一' },
          { metric: 'places', value: Math.round(goal * 0.8), dueYear: 2024, scope: 'self', kind: null, clause: '附件' },
          { metric: 'places', value: goal, dueYear: 2025, scope: 'self', kind: null, clause: '附件' },
        ],
      });
    }
  }
  return {
    units: units.map(({ code, name, nameEn, level, parent, population }) => ({
      code,
      name,
      nameEn,
      level,
      parent,
      population,
    })),
    reports,
    plans,
  };
}

/** Loads the synthetic country into a migrated database with the shipped plans. */
export async function loadSyntheticCountry(db: Kysely<DB>, options: SyntheticOptions = NATIONAL) {
  const { units, reports, plans } = syntheticCountry(options);
  await db.transaction().execute(async (trx) => {
    const v = <T>(rows: T[], pick: (row: T) => unknown) => sql.val(rows.map(pick));
    await sql`
      insert into jurisdictions (code, name, name_en, level, parent_code, synthetic)
      select c, n, e, l, p, true from unnest(${v(units, (u) => u.code)}::text[], ${v(units, (u) => u.name)}::text[],
        ${v(units, (u) => u.nameEn)}::text[], ${v(units, (u) => u.level)}::text[], ${v(units, (u) => u.parent)}::text[]) as t(c, n, e, l, p)
      on conflict (code) do nothing`.execute(trx);
    await sql`
      insert into populations (jurisdiction_code, year, population, source)
      select c, 2020, p, '合成数据 synthetic' from unnest(${v(units, (u) => u.code)}::text[], ${v(units, (u) => u.population)}::bigint[]) as t(c, p)
      on conflict do nothing`.execute(trx);
    // in slices: a township-scale country has about a million reports
    for (let from = 0; from < reports.length; from += REPORTS_PER_STATEMENT) {
      await insertReports(trx, reports.slice(from, from + REPORTS_PER_STATEMENT));
    }
    const inserted = await sql<{ id: string; seed_key: string }>`
      insert into plans (seed_key, jurisdiction_code, title, issuer)
      select k, c, t, '合成数据 synthetic' from unnest(${v(plans, (p) => p.key)}::text[], ${v(plans, (p) => p.code)}::text[],
        ${v(plans, (p) => p.title)}::text[]) as t(k, c, t)
      on conflict (seed_key) do nothing
      returning id, seed_key`.execute(trx);
    const planIds = new Map(inserted.rows.map((row) => [row.seed_key, row.id]));
    const targets = plans.flatMap((plan) =>
      planIds.has(plan.key)
        ? plan.targets.map((t, i) => ({ ...t, planId: planIds.get(plan.key) as string, order: i }))
        : [],
    );
    await sql`
      insert into targets (plan_id, metric, comparator, value, due_year, clause, scope, institution_kind, sort_order)
      select p, m, 'at_least', v, d, c, s, k, o
      from unnest(${v(targets, (t) => t.planId)}::uuid[], ${v(targets, (t) => t.metric)}::text[], ${v(targets, (t) => t.value)}::numeric[],
                  ${v(targets, (t) => t.dueYear)}::int[], ${v(targets, (t) => t.clause)}::text[], ${v(targets, (t) => t.scope)}::text[],
                  ${v(targets, (t) => t.kind)}::text[], ${v(targets, (t) => t.order)}::int[]) as t(p, m, v, d, c, s, k, o)`.execute(
      trx,
    );
  });
  // the planner's statistics of the tables just filled: without them (a fresh database, or a server
  // with autovacuum off) a province's reports are read by a scan of the whole table
  await sql`analyze jurisdictions, populations, quarterly_reports, report_institutions, plans, targets`.execute(db);
  return {
    provinces: units.filter((u) => u.level === 'province').length,
    prefectures: units.filter((u) => u.level === 'prefecture').length,
    counties: units.filter((u) => u.level === 'county').length,
    townships: units.filter((u) => u.level === 'township').length,
    reports: reports.length,
    plans: plans.length,
  };
}

const REPORTS_PER_STATEMENT = 100_000;

async function insertReports(db: Transaction<DB>, reports: SyntheticReport[]) {
  const v = <T>(rows: T[], pick: (row: T) => unknown) => sql.val(rows.map(pick));
  await sql`
    insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, status, created_by, updated_by,
                                   submitted_by, submitted_at, approved_by, approved_at)
    select c, y, q, pl, af, s, 'synthetic', 'synthetic', 'synthetic', make_date(y, q * 3, 28),
           case when s = 'approved' then 'synthetic' end, case when s = 'approved' then make_date(y, q * 3, 28) end
    from unnest(${v(reports, (r) => r.code)}::text[], ${v(reports, (r) => r.year)}::int[], ${v(reports, (r) => r.quarter)}::int[],
                ${v(reports, (r) => r.places)}::int[], ${v(reports, (r) => r.affordable)}::int[], ${v(reports, (r) => r.status)}::text[])
      as t(c, y, q, pl, af, s)
    on conflict do nothing`.execute(db);
}

/** TUOWEI_SYNTHETIC's two countries. */
export const SYNTHETIC_SCALES = { counties: NATIONAL, townships: TOWNSHIP_SCALE } as const;
export type SyntheticScale = keyof typeof SYNTHETIC_SCALES;

/** A database that holds real data, which the synthetic country must not be mixed into. */
export class SyntheticRefused extends Error {}

/**
 * TUOWEI_SYNTHETIC on start: the synthetic country loaded into a database that holds only what
 * Tuowei ships (its jurisdictions, plans and demo reports); nothing when it is there already.
 * Refused on a database with real data: a report not marked demo, or a jurisdiction not shipped
 * (the national division tree is shipped: its units name the edition that loaded them).
 */
export async function loadSyntheticOnStart(
  db: Kysely<DB>,
  scale: SyntheticScale,
): Promise<{ loaded: false } | { loaded: true; counts: Awaited<ReturnType<typeof loadSyntheticCountry>> }> {
  const present = await db
    .selectFrom('jurisdictions')
    .select('code')
    .where('synthetic', '=', true)
    .limit(1)
    .executeTakeFirst();
  if (present) return { loaded: false };
  const shipped = JURISDICTIONS.map((j) => j.code);
  const realReport = await db
    .selectFrom('quarterly_reports')
    .select(['jurisdiction_code', 'year', 'quarter'])
    .where('demo', '=', false)
    .limit(1)
    .executeTakeFirst();
  const realUnit = await db
    .selectFrom('jurisdictions')
    .select('code')
    .where('code', 'not in', shipped)
    .where('division_edition', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (realReport || realUnit) {
    const what = realReport
      ? `a report that is not demo data (${realReport.jurisdiction_code} ${realReport.year}Q${realReport.quarter})`
      : `a jurisdiction Tuowei does not ship (${realUnit?.code})`;
    throw new SyntheticRefused(
      `TUOWEI_SYNTHETIC=${scale} loads the synthetic country only into an empty database, and this one holds real data: ${what}. ` +
        'Start without TUOWEI_SYNTHETIC, or point DATABASE_URL (or TUOWEI_DATA_DIR) at an empty database.\n' +
        `合成数据只能载入空数据库，而此数据库已有真实数据（${realReport ? `非演示季报 ${realReport.jurisdiction_code} ${realReport.year}Q${realReport.quarter}` : `非内置行政区划 ${realUnit?.code}`}）。`,
    );
  }
  return { loaded: true, counts: await loadSyntheticCountry(db, SYNTHETIC_SCALES[scale]) };
}
