// `pnpm bench`: the synthetic country in a fresh database on the real Postgres, the API started
// in production mode, and each endpoint loaded with autocannon beside a bare route (the ceiling),
// plus the import of a quarter for every county, the API's peak memory and the dashboard's
// initial JavaScript. Prints a table and writes bench/results.json.
//   pnpm bench                            2,850 counties, 10 s per endpoint
//   pnpm bench -- --counties 300          a smaller country
//   pnpm bench -- --townships 40000       the country down to its townships
//   pnpm bench -- --growth                300 counties, 2,850 counties, 40,000 townships, side by side
//   pnpm bench -- --duration 5
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { NATIONAL, type SyntheticOptions } from '../src/seed/synthetic.ts';
import { createAccounts } from '../test/support/accounts.ts';
import { memoryOf, numberOption, quarterWorkbook, serveProduction, signIn, syntheticDatabase } from './support.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const args = process.argv.slice(2);
const counties = numberOption('counties', NATIONAL.counties);
const townships = numberOption('townships', 0);
const growth = args.includes('--growth');
const duration = numberOption('duration', growth ? 5 : 10);
const connections = numberOption('connections', 100);
/** The sizes a growth run compares, named by the units that report. */
const GROWTH: { name: string; options: SyntheticOptions }[] = [
  { name: '300 counties', options: { ...NATIONAL, counties: 300 } },
  { name: '2,850 counties', options: NATIONAL },
  { name: '40,000 townships', options: { ...NATIONAL, townships: 40_000 } },
];

interface Measured {
  name: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratioToCeiling?: number;
}

/** What a browser says it accepts: answers the API remembers go compressed. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Measured> {
  // a long timeout: a slow answer should show in the latencies, not vanish as an error
  const result = await autocannon({ url, connections, duration, headers: { ...BROWSER, ...headers }, timeout: 60 });
  return {
    name,
    path: new URL(url).pathname + new URL(url).search,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function initialJavaScript(): { files: string[]; gzipBytes: number } {
  const dist = path.join(ROOT, 'apps/web/dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gzipBytes = files.reduce(
    (sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length,
    0,
  );
  return { files, gzipBytes };
}

const MACHINE = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};

type Results = Awaited<ReturnType<typeof benchmark>>;

async function benchmark(scale: SyntheticOptions) {
  const started = Date.now();
  const size = scale.townships
    ? `${scale.counties} counties, ${scale.townships} townships`
    : `${scale.counties} counties`;
  console.log(`\nloading the synthetic country (${size}) into a fresh database…`);
  const synthetic = await syntheticDatabase(scale);
  await createAccounts(synthetic.database.db, [
    { username: 'bench-entry', role: 'entry', jurisdictionCode: null },
    { username: 'bench-auditor', role: 'auditor', jurisdictionCode: null },
  ]);
  const server = await serveProduction(synthetic.url, 3900 + Math.floor(Math.random() * 90));
  const base = `${server.url}/api/v1`;
  const pid = server.process.pid as number;
  try {
    const { rows } = await sql<{ code: string; level: string }>`
      select code, level from jurisdictions where synthetic and level in ('province', 'county') order by code`.execute(
      synthetic.database.db,
    );
    const province = rows.find((r) => r.level === 'province')?.code as string;
    const county = rows.find((r) => r.level === 'county')?.code as string;
    const period = '2025Q4';

    const entry = await signIn(base, 'bench-entry');
    const auditor = await signIn(base, 'bench-auditor');
    // where the API's memory stood after each phase: the peak so far shows which phase raised it
    const memory: { after: string; rssMiB: number; peakMiB: number }[] = [];
    const note = (after: string) => {
      const { rss, peak } = memoryOf(pid);
      memory.push({ after, rssMiB: Math.round(rss / 2 ** 20), peakMiB: Math.round(peak / 2 ** 20) });
    };
    note('start');

    console.log(`measuring with ${connections} connections, ${duration} s each…`);
    const measured: Measured[] = [];
    const endpoints: [string, string, Record<string, string>?][] = [
      ['bare route (ceiling)', `${base}/ping`],
      ['national overview', `${base}/overview?period=${period}`],
      ['province page', `${base}/overview?root=${province}&period=${period}`],
      ['county progress', `${base}/progress/${county}?period=${period}`],
      ['province progress', `${base}/progress/${province}?period=${period}`],
      [
        'province gap report xlsx',
        `${base}/gap-report?root=${province}&period=${period}&format=xlsx`,
        { cookie: auditor.cookie },
      ],
    ];
    // each answer once before the load, alone: what its first computation costs
    const firstAnswerMs: Record<string, number> = {};
    for (const [name, url, headers] of endpoints) {
      const t = performance.now();
      const response = await fetch(url, { headers: { ...BROWSER, ...headers } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      firstAnswerMs[name] = Math.round(performance.now() - t);
    }
    note('first answers');
    for (const [name, url, headers] of endpoints) {
      measured.push(await load(name, url, headers));
      note(name);
    }
    const ceiling = measured[0];
    for (const m of measured) m.ratioToCeiling = m.requestsPerSecond / ceiling.requestsPerSecond;

    // the import of one quarter for every county, through HTTP: dry run, then commit
    const { cookie, csrfToken } = entry;
    const { rows: allCounties } = await sql<{ code: string }>`
      select code from jurisdictions where synthetic and level = 'county' order by code`.execute(synthetic.database.db);
    const file = await quarterWorkbook(
      allCounties.map(({ code }) => code),
      '2026Q1',
    );
    const imports: Record<string, number> = {};
    for (const mode of ['dry-run', 'commit']) {
      const t = performance.now();
      const response = await fetch(`${base}/import?mode=${mode}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': XLSX_TYPE },
        body: file,
      });
      imports[mode] = performance.now() - t;
      if (!response.ok) throw new Error(`import ${mode}: ${response.status} ${await response.text()}`);
      note(`import ${mode}`);
    }
    // the gap report of the whole country, and of one province, in each format: time and size; then
    // the final account of the targets closed by the period (all of them at 2025Q4), likewise
    const exports: { scope: string; format: string; ms: number; bytes: number; rows?: number }[] = [];
    for (const [scope, query] of [
      ['country', ''],
      [`province ${province}`, `root=${province}&`],
      ['final account, country', 'account=final&'],
      [`final account, province ${province}`, `account=final&root=${province}&`],
    ]) {
      for (const format of ['xlsx', 'csv']) {
        const t0 = performance.now();
        const response = await fetch(`${base}/gap-report?${query}period=${period}&format=${format}`, {
          headers: { cookie: auditor.cookie },
        });
        const body = Buffer.from(await response.arrayBuffer());
        if (!response.ok)
          throw new Error(`gap report ${scope} ${format}: ${response.status} ${body.toString().slice(0, 200)}`);
        exports.push({
          scope,
          format,
          ms: Math.round(performance.now() - t0),
          bytes: body.length,
          ...(format === 'csv' ? { rows: body.toString('utf8').trim().split('\r\n').length - 1 } : {}),
        });
        note(`gap report ${scope} ${format}`);
      }
    }

    // after a write every cached answer is recomputed: the first read's cost
    const t = performance.now();
    await fetch(`${base}/overview?period=2026Q1`);
    const coldOverview = performance.now() - t;
    note('first national overview after a write');

    const rss = memoryOf(pid).peak;
    const results = {
      scale: size,
      dataset: { ...synthetic.counts, loadMs: Math.round(synthetic.loadMs) },
      endpoints: measured,
      firstAnswerMs,
      import: {
        rows: allCounties.length,
        dryRunMs: Math.round(imports['dry-run']),
        commitMs: Math.round(imports.commit),
      },
      coldNationalOverviewMs: Math.round(coldOverview),
      gapReportExports: exports,
      apiPeakRssBytes: rss,
      apiMemoryByPhase: memory,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    printResults(results);
    return results;
  } finally {
    await server.stop();
    await synthetic.drop();
  }
}

function printResults(results: Results) {
  const { dataset, endpoints: measured } = results;
  console.log(
    `\n${results.scale}: ${dataset.reports} reports, ${dataset.plans} plans (loaded in ${dataset.loadMs} ms); ${connections} connections, ${duration} s each`,
  );
  console.log(
    `${'endpoint'.padEnd(26)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'ratio'.padStart(6)} ${'first ms'.padStart(9)}`,
  );
  for (const m of measured) {
    console.log(
      `${m.name.padEnd(26)} ${m.requestsPerSecond.toFixed(0).padStart(8)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${String(m.errors + m.non2xx).padStart(7)} ${(m.ratioToCeiling ?? 0).toFixed(2).padStart(6)} ${String(results.firstAnswerMs[m.name]).padStart(9)}`,
    );
  }
  console.log(
    `import of ${results.import.rows} rows: dry run ${results.import.dryRunMs} ms, commit ${results.import.commitMs} ms`,
  );
  console.log(`first national overview after a write: ${results.coldNationalOverviewMs} ms`);
  for (const e of results.gapReportExports) {
    console.log(
      `gap report, ${e.scope}, ${e.format}: ${e.ms} ms, ${(e.bytes / 1024).toFixed(0)} KiB${e.rows ? `, ${e.rows} rows` : ''}`,
    );
  }
  console.log(`API peak RSS: ${(results.apiPeakRssBytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(
    `  after each phase, MiB now / peak so far: ${results.apiMemoryByPhase.map((m) => `${m.after} ${m.rssMiB}/${m.peakMiB}`).join('; ')}`,
  );
}

/** How each endpoint's cost grows from the smallest country to the largest. */
function printGrowth(runs: { name: string; results: Results }[]) {
  const cell = (text: string) => text.padStart(22);
  console.log(`\ngrowth (req/s · p99 ms · first answer ms)`);
  console.log(`${''.padEnd(26)}${runs.map((run) => cell(run.name)).join('')}`);
  for (const [i, endpoint] of runs[0].results.endpoints.entries()) {
    const cells = runs.map(({ results }) => {
      const m = results.endpoints[i];
      return cell(`${m.requestsPerSecond.toFixed(0)} · ${m.p99} · ${results.firstAnswerMs[m.name]}`);
    });
    console.log(`${endpoint.name.padEnd(26)}${cells.join('')}`);
  }
  const row = (label: string, pick: (results: Results) => string) =>
    console.log(`${label.padEnd(26)}${runs.map(({ results }) => cell(pick(results))).join('')}`);
  row('overview after a write, ms', (r) => String(r.coldNationalOverviewMs));
  row('import dry run / commit', (r) => `${r.import.dryRunMs} / ${r.import.commitMs} ms`);
  row('national gap report xlsx', (r) => `${r.gapReportExports[0].ms} ms`);
  row('API peak RSS', (r) => `${(r.apiPeakRssBytes / 2 ** 20).toFixed(0)} MiB`);
}

async function main() {
  const scales = growth
    ? GROWTH
    : [{ name: 'this run', options: { ...NATIONAL, counties, ...(townships > 0 ? { townships } : {}) } }];
  const runs: { name: string; results: Results }[] = [];
  for (const scale of scales) runs.push({ name: scale.name, results: await benchmark(scale.options) });
  if (growth) printGrowth(runs);
  const web = initialJavaScript();
  console.log(`\ndashboard initial JS: ${(web.gzipBytes / 1024).toFixed(1)} KiB gzip (${web.files.join(', ')})`);
  const written = {
    when: new Date().toISOString(),
    machine: MACHINE,
    settings: { connections, durationSeconds: duration },
    dashboardInitialJs: web,
    runs: runs.map(({ name, results }) => ({ name, ...results })),
  };
  fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(written, null, 2)}\n`);
  console.log('written: bench/results.json');
}

await main();
