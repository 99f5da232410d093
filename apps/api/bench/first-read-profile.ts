// The first read after a write and the country-wide gap report's memory, measured in-process on a
// kept synthetic database (made once with --make), the two ways side by side in one run:
//   tsx bench/first-read-profile.ts --db NAME [--make] [--townships 40000]
//     the largest province after a write to one of its units: read whole (as before migration 20)
//     and assembled from remembered branches; median of --runs writes, wall and CPU time (the
//     process's own, which other processes' load distorts less; Postgres's time is in wall only)
//   tsx bench/first-read-profile.ts --db NAME --gap-report whole|provinces
//     the country's gap report built from one context of the whole country, or province by
//     province; the process's peak RSS while building it (sampled every 20 ms)
//   tsx bench/first-read-profile.ts --db NAME --export gap-xlsx|gap-csv|final-xlsx|final-csv
//     the country's gap report (or final account) as the route writes its file: rows written
//     province by province as they are made; bytes written, CPU time and the peak RSS
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FinalAccount, FinalAccountRow, GapReport, GapRow } from '@tuowei/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { FreshCache } from '../src/cache.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import {
  buildGapReport,
  finalAccountInParts,
  gapReportInParts,
  type WithoutRows,
} from '../src/routes/gap-report/build.ts';
import { finalAccountCsv, finalAccountXlsx, gapReportCsv, gapReportXlsx } from '../src/routes/gap-report/write.ts';
import { loadSubtree } from '../src/routes/progress/repository.ts';
import { readSettings } from '../src/routes/settings/repository.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { loadSyntheticCountry, NATIONAL } from '../src/seed/synthetic.ts';
import { urlForDatabase } from '../test/support/backends.ts';
import { numberOption } from './support.ts';

const name = process.argv[process.argv.indexOf('--db') + 1];
if (process.argv.includes('--make')) {
  const admin = new pg.Client({ connectionString: urlForDatabase('postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: urlForDatabase(name), dataDir: '' });
  await migrateToLatest(database.db);
  await loadShippedPlans(database.db);
  const townships = numberOption('townships', 0);
  console.log(await loadSyntheticCountry(database.db, { ...NATIONAL, ...(townships ? { townships } : {}) }));
  await database.close();
}
const database = await openDatabase({ databaseUrl: urlForDatabase(name), dataDir: '' });
const db = database.db;
await migrateToLatest(db);
const index = 2025 * 4 + 3;
const inSnapshot = <T>(
  work: (trx: Parameters<Parameters<ReturnType<typeof db.transaction>['execute']>[0]>[0]) => Promise<T>,
) => db.transaction().setIsolationLevel('repeatable read').execute(work);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const figures = (runs: { wall: number; cpu: number }[]) =>
  `${median(runs.map((run) => run.wall)).toFixed(1)} ms (CPU ${median(runs.map((run) => run.cpu)).toFixed(1)} ms)`;

const at = process.argv.indexOf('--gap-report');
const exportAt = process.argv.indexOf('--export');
if (exportAt >= 0) {
  const kind = process.argv[exportAt + 1];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const exported = { language: 'zh' as const, exportedBy: 'bench (admin)', exportedAt: new Date(), chainHead: null };
  let rowCount = 0;
  const inParts =
    <Rest extends { rowCount: number } | null, Row>(
      parts: (
        trx: Parameters<Parameters<typeof inSnapshot>[0]>[0],
        settings: Awaited<ReturnType<typeof readSettings>>,
        take: (rows: readonly Row[]) => void | Promise<void>,
      ) => Promise<Rest>,
    ) =>
    async (take: (rows: readonly Row[]) => void | Promise<void>) => {
      const rest = await inSnapshot(async (trx) => parts(trx, await readSettings(trx), take));
      rowCount = rest?.rowCount ?? 0;
      return rest as NonNullable<Rest>;
    };
  const report = inParts<WithoutRows<GapReport> | null, GapRow>((trx, settings, take) =>
    gapReportInParts(trx, null, index, settings, false, take),
  );
  const account = inParts<WithoutRows<FinalAccount> | null, FinalAccountRow>((trx, settings, take) =>
    finalAccountInParts(trx, null, index, settings, false, take),
  );
  const file =
    kind === 'gap-csv'
      ? gapReportCsv({ ...exported, report })
      : kind === 'final-xlsx'
        ? finalAccountXlsx({ ...exported, account })
        : kind === 'final-csv'
          ? finalAccountCsv({ ...exported, account })
          : gapReportXlsx({ ...exported, report });
  let bytes = 0;
  await pipeline(
    file,
    new Writable({
      write(chunk, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const MiB = (value: number) => `${(value / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `country ${kind}: ${rowCount} rows, ${bytes} bytes, ${ms.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms), RSS ${MiB(before)} before, peak ${MiB(peak)}`,
  );
} else if (at >= 0) {
  const whole = process.argv[at + 1] === 'whole';
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const report = await inSnapshot(async (trx) => buildGapReport(trx, null, index, await readSettings(trx), whole));
  const ms = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const MiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `country gap report (${whole ? 'one context of the whole country' : 'province by province'}): ${report?.rows.length} rows, ${ms.toFixed(0)} ms, RSS ${MiB(before)} before, peak ${MiB(peak)}`,
  );
} else {
  const { rows } = await sql<{ province: string }>`
    select p.code as province from jurisdictions p join jurisdictions j on left(j.code, 2) = left(p.code, 2)
    where p.parent_code is null group by p.code order by count(*) desc limit 1`.execute(db);
  const province = rows[0].province;
  const { rows: leaves } = await sql<{ code: string }>`
    select j.code from jurisdictions j where left(j.code, 2) = left(${province}, 2) and j.synthetic
      and not exists (select 1 from jurisdictions c where c.parent_code = j.code) order by j.code`.execute(db);
  const cache = new FreshCache(db);
  const timed = async (withCache: boolean) =>
    inSnapshot(async (trx) => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const context = await loadSubtree(trx, province, index, await readSettings(trx), withCache ? cache : undefined);
      context?.progressOf(province);
      const used = process.cpuUsage(cpu);
      return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
    });
  // warm: the code compiled, the branches remembered
  for (let i = 0; i < 3; i++) {
    await timed(false);
    await timed(true);
  }
  const runs = numberOption('runs', 7);
  const whole: { wall: number; cpu: number }[] = [];
  const assembled: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const leaf = leaves[Math.floor((i * leaves.length) / runs)].code;
    await sql`update quarterly_reports set places = places + 1 where jurisdiction_code = ${leaf}
              and year = 2025 and quarter = 4`.execute(db);
    assembled.push(await timed(true));
    whole.push(await timed(false));
  }
  console.log(
    `largest province ${province} (${leaves.length} reporting units), read and computed after a write to one unit, median of ${runs}: ` +
      `whole ${figures(whole)}, assembled from branches ${figures(assembled)}`,
  );
}
await database.close();
