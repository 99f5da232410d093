// `pnpm bench`: the synthetic country in a fresh database on the real Postgres, the API started
// in production mode (bench/harness.ts), and the scenarios of bench/scenarios run against it:
// the dashboards' endpoints with the import and exports (endpoints), every public read against
// the bare route (reads), the quarter-end rush (rush), and the national overview in headless
// Chromium (page: bytes per page, time to the table's first row). Prints tables and writes
// bench/results.json.
//   pnpm bench                            2,850 counties, 10 s per measurement, every scenario
//   pnpm bench -- --scenario rush,reads   only these
//   pnpm bench -- --scenario page --loads 5   the overview in Chromium, 5 cold loads
//   pnpm bench -- --counties 300          a smaller country
//   pnpm bench -- --townships 40000       the country down to its townships
//   pnpm bench -- --growth                300 counties, 2,850 counties, 40,000 townships, side by side
//   pnpm bench -- --duration 5
//   pnpm bench -- --rush-rate 50 --rush-writers 20
//   pnpm bench -- --bundle /tmp/old/server.mjs   another build of the API (to measure before and after)
import { NATIONAL, type SyntheticOptions } from '../src/seed/synthetic.ts';
import { withBench, writeResults } from './harness.ts';
import { type EndpointResults, endpoints, initialJavaScript } from './scenarios/endpoints.ts';
import { overviewPage } from './scenarios/overview-page.ts';
import { reads } from './scenarios/reads.ts';
import { rush } from './scenarios/rush.ts';
import { memoryOf, numberOption } from './support.ts';

const args = process.argv.slice(2);
const growth = args.includes('--growth');
const SCENARIOS = ['reads', 'page', 'rush', 'endpoints'] as const;
const at = args.indexOf('--scenario');
const chosen = at >= 0 ? args[at + 1].split(',') : [...SCENARIOS];
const unknown = chosen.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}`);
/** The sizes a growth run compares, named by the units that report. */
const GROWTH: { name: string; options: SyntheticOptions }[] = [
  { name: '300 counties', options: { ...NATIONAL, counties: 300 } },
  { name: '2,850 counties', options: NATIONAL },
  { name: '40,000 townships', options: { ...NATIONAL, townships: 40_000 } },
];

type Run = Awaited<ReturnType<typeof measure>>;

/** The chosen scenarios on one country, one after another on the same served API. */
function measure(scale: SyntheticOptions) {
  return withBench(scale, async (bench) => {
    const started = Date.now();
    // the reads and the rush first: the endpoints scenario imports a quarter, which adds reports
    const readsRun = chosen.includes('reads') ? await reads(bench) : undefined;
    const pageRun = chosen.includes('page') ? await overviewPage(bench) : undefined;
    const rushRun = chosen.includes('rush') ? await rush(bench) : undefined;
    const endpointsRun = chosen.includes('endpoints') ? await endpoints(bench) : undefined;
    const { peak } = memoryOf(bench.pid);
    console.log(`API peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB`);
    console.log(
      `  after each phase, MiB now / peak so far: ${bench.memory.map((m) => `${m.after} ${m.rssMiB}/${m.peakMiB}`).join('; ')}`,
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
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
  });
}

/** How each endpoint's cost grows from the smallest country to the largest. */
function printGrowth(runs: { name: string; results: Run }[]) {
  const cell = (text: string) => text.padStart(22);
  const row = (label: string, pick: (results: Run) => string) =>
    console.log(`${label.padEnd(26)}${runs.map(({ results }) => cell(pick(results))).join('')}`);
  console.log(`\ngrowth`);
  console.log(`${''.padEnd(26)}${runs.map((run) => cell(run.name)).join('')}`);
  const first = runs[0].results as Run & Partial<EndpointResults>;
  for (const [i, endpoint] of (first.endpoints ?? []).entries()) {
    row(endpoint.name, (r) => {
      const m = (r as Run & EndpointResults).endpoints[i];
      return `${m.requestsPerSecond.toFixed(0)} · ${m.p99} · ${(r as Run & EndpointResults).firstAnswerMs[m.name]}`;
    });
  }
  if (first.endpoints) {
    const e = (r: Run) => r as Run & EndpointResults;
    row('overview after a write, ms', (r) => String(e(r).coldNationalOverviewMs));
    row('import dry run / commit', (r) => `${e(r).import.dryRunMs} / ${e(r).import.commitMs} ms`);
    row('national gap report xlsx', (r) => `${e(r).gapReportExports[0].ms} ms`);
  }
  if (first.rush) {
    row('rush: max writes/s', (r) => String(r.rush?.max.writes.writesPerSecond));
    row('rush: national after write', (r) => `max ${r.rush?.steady.writes.nationalOverviewAfterWriteMs.max} ms`);
  }
  row('API peak RSS', (r) => `${(r.apiPeakRssBytes / 2 ** 20).toFixed(0)} MiB`);
}

async function main() {
  const counties = numberOption('counties', NATIONAL.counties);
  const townships = numberOption('townships', 0);
  const scales = growth
    ? GROWTH
    : [{ name: 'this run', options: { ...NATIONAL, counties, ...(townships > 0 ? { townships } : {}) } }];
  const runs: { name: string; results: Run }[] = [];
  for (const scale of scales) runs.push({ name: scale.name, results: await measure(scale.options) });
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
