// `pnpm bench`: the synthetic country in a fresh database on the real Postgres, the API started
// in production mode, and each endpoint loaded with autocannon beside a bare route (the ceiling),
// plus the import of a quarter for every county, the API's peak memory and the dashboard's
// initial JavaScript. Prints a table and writes bench/results.json.
//   pnpm bench                       2,850 counties, 10 s per endpoint
//   pnpm bench -- --counties 300     a smaller country (growth)
//   pnpm bench -- --duration 5
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { NATIONAL } from '../src/seed/synthetic.ts';
import { createAccounts, TEST_PASSWORD } from '../test/support/accounts.ts';
import { syntheticDatabase } from './support.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const counties = option('counties', NATIONAL.counties);
const duration = option('duration', 10);
const connections = option('connections', 100);

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

function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Measured> {
  const result = await autocannon({ url, connections, duration, headers });
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

async function main() {
  const started = Date.now();
  console.log(`loading the synthetic country (${counties} counties) into a fresh database…`);
  const synthetic = await syntheticDatabase({ ...NATIONAL, counties });
  await createAccounts(synthetic.database.db, [
    { username: 'bench-entry', role: 'entry', jurisdictionCode: null },
    { username: 'bench-auditor', role: 'auditor', jurisdictionCode: null },
  ]);
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(ROOT, 'apps/api'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: synthetic.url,
      TUOWEI_DEMO: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    for (let i = 0; i < 200; i++) {
      if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await sql<{ code: string; level: string }>`
      select code, level from jurisdictions where synthetic and level in ('province', 'county') order by code`.execute(
      synthetic.database.db,
    );
    const province = rows.find((r) => r.level === 'province')?.code as string;
    const county = rows.find((r) => r.level === 'county')?.code as string;
    const period = '2025Q4';

    console.log(`measuring with ${connections} connections, ${duration} s each…`);
    const measured: Measured[] = [];
    const ceiling = await load('bare route (ceiling)', `${base}/ping`);
    measured.push(ceiling);
    measured.push(await load('national overview', `${base}/overview?period=${period}`));
    measured.push(await load('province page', `${base}/overview?root=${province}&period=${period}`));
    measured.push(await load('county progress', `${base}/progress/${county}?period=${period}`));
    measured.push(await load('province progress', `${base}/progress/${province}?period=${period}`));
    for (const m of measured) m.ratioToCeiling = m.requestsPerSecond / ceiling.requestsPerSecond;

    // the import of one quarter for every county, through HTTP: dry run, then commit
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-entry', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const { rows: allCounties } = await sql<{ code: string }>`
      select code from jurisdictions where synthetic and level = 'county' order by code`.execute(synthetic.database.db);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('季报');
    sheet.addRow(['行政区划代码', '季度', '托位数', '普惠托位数']);
    allCounties.forEach(({ code }, i) => {
      sheet.addRow([code, '2026Q1', 900 + (i % 500), 500 + (i % 300)]);
    });
    const file = Buffer.from(await book.xlsx.writeBuffer());
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
    }
    // the gap report of the whole country, and of one province, in each format: time and size
    const auditorLogin = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-auditor', password: TEST_PASSWORD }),
    });
    const auditorCookie = (auditorLogin.headers.get('set-cookie') ?? '').split(';')[0];
    const exports: { scope: string; format: string; ms: number; bytes: number; rows?: number }[] = [];
    for (const [scope, query] of [
      ['country', ''],
      [`province ${province}`, `root=${province}&`],
    ]) {
      for (const format of ['xlsx', 'csv']) {
        const t0 = performance.now();
        const response = await fetch(`${base}/gap-report?${query}period=${period}&format=${format}`, {
          headers: { cookie: auditorCookie },
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
      }
    }

    // after a write every cached answer is recomputed: the first read's cost
    const t = performance.now();
    await fetch(`${base}/overview?period=2026Q1`);
    const coldOverview = performance.now() - t;

    const rss = peakRss(server.pid as number);
    const web = initialJavaScript();
    const results = {
      when: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
      },
      dataset: { ...synthetic.counts, loadMs: Math.round(synthetic.loadMs) },
      settings: { connections, durationSeconds: duration },
      endpoints: measured,
      import: {
        rows: allCounties.length,
        dryRunMs: Math.round(imports['dry-run']),
        commitMs: Math.round(imports.commit),
      },
      coldNationalOverviewMs: Math.round(coldOverview),
      gapReportExports: exports,
      apiPeakRssBytes: rss,
      dashboardInitialJs: web,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

    console.log(
      `\n${synthetic.counts.counties} counties, ${synthetic.counts.reports} reports, ${synthetic.counts.plans} plans (loaded in ${Math.round(synthetic.loadMs)} ms)`,
    );
    console.log(
      `${'endpoint'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'ratio'.padStart(6)}`,
    );
    for (const m of measured) {
      console.log(
        `${m.name.padEnd(24)} ${m.requestsPerSecond.toFixed(0).padStart(8)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${String(m.errors + m.non2xx).padStart(7)} ${(m.ratioToCeiling ?? 0).toFixed(2).padStart(6)}`,
      );
    }
    console.log(
      `import of ${allCounties.length} rows: dry run ${results.import.dryRunMs} ms, commit ${results.import.commitMs} ms`,
    );
    console.log(`first national overview after a write: ${results.coldNationalOverviewMs} ms`);
    for (const e of exports) {
      console.log(
        `gap report, ${e.scope}, ${e.format}: ${e.ms} ms, ${(e.bytes / 1024).toFixed(0)} KiB${e.rows ? `, ${e.rows} rows` : ''}`,
      );
    }
    console.log(`API peak RSS: ${(rss / 2 ** 20).toFixed(0)} MiB`);
    console.log(`dashboard initial JS: ${(web.gzipBytes / 1024).toFixed(1)} KiB gzip (${web.files.join(', ')})`);
    console.log('written: bench/results.json');
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await synthetic.drop();
  }
}

await main();
