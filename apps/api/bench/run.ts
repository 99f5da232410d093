// `pnpm bench`: the synthetic country in a fresh database on the real Postgres, the API started
// in production mode (bench/harness.ts), and the scenarios of bench/scenarios run against it:
// the dashboards' endpoints with the import and exports (endpoints), every public read against
// the bare route (reads), the quarter-end rush (rush), and the national overview in headless
// Chromium (page: bytes per page, time to the table's first row). Prints tables and writes
// bench/results.json. Each country is copied from a template database kept on the server (made
// once per migrations, seed and size: bench/support.ts).
//   pnpm bench                            the growth run: every scenario at 300 counties, 2,850
//                                         counties and 40,000 townships (the page at 2,850 only),
//                                         5 s per measurement, then the growth table
//   pnpm bench -- --scenario rush,reads   only these
//   pnpm bench -- --scenario page --loads 5   the overview in Chromium, 5 cold loads
//   pnpm bench -- --counties 2850         one country only (10 s per measurement)
//   pnpm bench -- --counties 300          a smaller country
//   pnpm bench -- --townships 40000       the country down to its townships
//   pnpm bench -- --duration 5
//   pnpm bench -- --rush-rate 50 --rush-writers 20
//   pnpm bench -- --bundle /tmp/old/server.mjs   another build of the API (to measure before and after)
//   pnpm bench -- --socket /var/run/postgresql    the API's connections over Postgres's Unix socket, not TCP
import os from 'node:os';
import { NATIONAL, type SyntheticOptions } from '../src/seed/synthetic.ts';
import { withBench, writeResults } from './harness.ts';
import { type EndpointResults, endpoints, initialJavaScript } from './scenarios/endpoints.ts';
import { overviewPage } from './scenarios/overview-page.ts';
import { reads } from './scenarios/reads.ts';
import { rush } from './scenarios/rush.ts';
import { memoryOf, numberOption } from './support.ts';

const args = process.argv.slice(2);
/** One country when its size is given; otherwise (or with --growth) the three sizes. */
const growth = args.includes('--growth') || !(args.includes('--counties') || args.includes('--townships'));
const SCENARIOS = ['reads', 'page', 'rush', 'endpoints'] as const;
const at = args.indexOf('--scenario');
const chosen = at >= 0 ? args[at + 1].split(',') : [...SCENARIOS];
const unknown = chosen.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}`);
/**
 * The sizes a growth run compares, named by the units that report, and the scenarios each runs:
 * the page in Chromium only at 2,850 counties (the national overview's page shows the provinces,
 * the same rows at every size; issue 16's bar for it is at 2,850).
 */
const GROWTH: { name: string; options: SyntheticOptions; skip: string[] }[] = [
  { name: '300 counties', options: { ...NATIONAL, counties: 300 }, skip: ['page'] },
  { name: '2,850 counties', options: NATIONAL, skip: [] },
  { name: '40,000 townships', options: { ...NATIONAL, townships: 40_000 }, skip: ['page'] },
];

type Run = Awaited<ReturnType<typeof measure>>;

/** The chosen scenarios on one country, one after another on the same served API. */
function measure(scale: SyntheticOptions, skip: string[] = []) {
  const started = Date.now();
  const runs = (name: string) => chosen.includes(name) && !skip.includes(name);
  return withBench(scale, async (bench) => {
    const ready = Date.now();
    /** Wall seconds of each scenario: where the bench's own time goes. */
    const seconds: Record<string, number> = { 'country and API start': Math.round((ready - started) / 1000) };
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
      if (!runs(name)) return undefined;
      const t = Date.now();
      const value = await work();
      seconds[name] = Math.round((Date.now() - t) / 1000);
      return value;
    };
    // the reads and the rush first: the endpoints scenario imports a quarter, which adds reports
    const readsRun = await timed('reads', () => reads(bench));
    const pageRun = await timed('page', () => overviewPage(bench));
    const rushRun = await timed('rush', () => rush(bench));
    const endpointsRun = await timed('endpoints', () => endpoints(bench));
    const { peak } = memoryOf(bench.pid);
    const totalSeconds = Math.round((Date.now() - started) / 1000);
    console.log(`API peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB`);
    console.log(
      `  after each phase, MiB now / peak so far: ${bench.memory.map((m) => `${m.after} ${m.rssMiB}/${m.peakMiB}`).join('; ')}`,
    );
    console.log(
      `${bench.size}: ${totalSeconds} s in all (${Object.entries(seconds)
        .map(([name, s]) => `${name} ${s} s`)
        .join(', ')}); load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    return {
      scale: bench.size,
      dataset: bench.dataset,
      reads: readsRun,
      overviewPage: pageRun,
      rush: rushRun,
      ...(endpointsRun ?? {}),
      apiPeakRssBytes: peak,
      apiMemoryByPhase: bench.memory,
      seconds,
      totalSeconds,
      loadAverageAtEnd: os.loadavg(),
    };
  });
}

/** How each endpoint's cost grows from the smallest country to the largest. */
function printGrowth(runs: { name: string; results: Run }[]) {
  const cell = (text: string) => text.padStart(24);
  const row = (label: string, pick: (results: Run) => string) =>
    console.log(`${label.padEnd(38)}${runs.map(({ results }) => cell(pick(results))).join('')}`);
  console.log(`\ngrowth (endpoints: req/s · p99 ms · first answer ms)`);
  console.log(`${''.padEnd(38)}${runs.map((run) => cell(run.name)).join('')}`);
  const first = runs[0].results as Run & Partial<EndpointResults>;
  for (const [i, endpoint] of (first.endpoints ?? []).entries()) {
    row(endpoint.name, (r) => {
      const m = (r as Run & EndpointResults).endpoints[i];
      return `${m.requestsPerSecond.toFixed(0)} · ${m.p99} · ${(r as Run & EndpointResults).firstAnswerMs[m.name]}`;
    });
  }
  const e = (r: Run) => r as Run & Partial<EndpointResults>;
  if (first.endpoints) {
    for (const read of ['national overview', 'province page', 'county progress'] as const)
      row(`first ${read} after a write`, (r) => {
        const a = e(r).afterWrites?.firstReadMs[read];
        return a ? `${a.median} · max ${a.max} ms` : '—';
      });
    row('cold overview, new quarter', (r) => `${e(r).coldNationalOverviewMs} ms`);
    row('import dry run / commit', (r) => `${e(r).import?.dryRunMs} / ${e(r).import?.commitMs} ms`);
    row('national gap report xlsx', (r) => `${e(r).gapReportExports?.[0].ms} ms`);
  }
  if (first.rush) {
    row(`rush: writes/s at ${first.rush.steadyRate}/s asked`, (r) => String(r.rush?.steady.writes.writesPerSecond));
    row(`rush: writes/s, ${first.rush.maxWriters} writers`, (r) => String(r.rush?.max.writes.writesPerSecond));
    row(`rush: write p99 at ${first.rush.steadyRate}/s`, (r) => `${r.rush?.steady.writes.writeP99} ms`);
    row('rush: read p99 idle → at rate, max', (r) => {
      const idle = Math.max(...(r.rush?.idle ?? []).map((m) => m.p99));
      const busy = Math.max(...(r.rush?.steady.reads ?? []).map((m) => m.p99));
      return `${idle} → ${busy} ms`;
    });
    row('rush: fresh reads at rate', (r) => `${r.rush?.steady.writes.freshReads}/${r.rush?.steady.writes.probedReads}`);
    row('rush: national after write', (r) => {
      const n = r.rush?.steady.writes.nationalOverviewAfterWriteMs;
      return `${n?.p50} · max ${n?.max} ms`;
    });
    row('rush: longest read wait', (r) => `${r.rush?.steady.longestReadWaitMs} ms`);
    row('rush: API CPU-s per s at rate', (r) => String(r.rush?.steady.apiCores));
    row('writers alone, 50: writes/s', (r) => String(r.rush?.writersAlone.at(-1)?.summary.writesPerSecond));
  }
  row('API peak RSS', (r) => `${(r.apiPeakRssBytes / 2 ** 20).toFixed(0)} MiB`);
  row('bench wall time', (r) => `${r.totalSeconds} s`);
  row('load average at end', (r) => r.loadAverageAtEnd.map((l) => l.toFixed(1)).join(' '));
}

async function main() {
  const counties = numberOption('counties', NATIONAL.counties);
  const townships = numberOption('townships', 0);
  const scales = growth
    ? GROWTH
    : [{ name: 'this run', options: { ...NATIONAL, counties, ...(townships > 0 ? { townships } : {}) } }];
  const runs: { name: string; results: Run }[] = [];
  for (const scale of scales)
    runs.push({ name: scale.name, results: await measure(scale.options, 'skip' in scale ? scale.skip : []) });
  if (growth) printGrowth(runs);
  const web = initialJavaScript();
  console.log(
    web
      ? `\ndashboard initial JS: ${(web.gzipBytes / 1024).toFixed(1)} KiB gzip (${web.files.join(', ')})`
      : '\ndashboard initial JS: not measured (the web app is not built: pnpm --filter @tuowei/web build)',
  );
  writeResults({
    scenarios: chosen,
    dashboardInitialJs: web,
    runs: runs.map(({ name, results }) => ({ name, ...results })),
  });
}

await main();
