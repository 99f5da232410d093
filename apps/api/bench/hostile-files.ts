// `npm run hostile:files`: the API's production bundle on a fresh database with the synthetic
// country, sent the attack's files (issue 11) one by one and three at once. For each it prints
// the answer, the time to it, the API's peak resident memory while it was read, and the latency
// of a health check sent every 50 ms meanwhile (max and p99); then the import time of a real
// workbook of the country's 2,850 counties (alone with `-- --county`, to compare builds).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { sql } from 'kysely';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { createAccounts } from '../test/support/accounts.ts';
import * as hostile from '../test/support/hostile-files.ts';
import { memoryOf, quarterWorkbook, serveProduction, signIn, syntheticDatabase } from './support.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const MiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** Forgets the process's peak resident memory, so that the next peak is this phase's own (Linux). */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const synthetic = await syntheticDatabase();
const port = await freePort();
const server = await serveProduction(synthetic.url, port);
const pid = server.process.pid as number;
try {
  const base = `${server.url}/api/v1`;
  await createAccounts(synthetic.database.db, [{ username: 'hostile-entry', role: 'entry', jurisdictionCode: null }]);
  const { cookie, csrfToken } = await signIn(base, 'hostile-entry');
  const post = async (body: Buffer, type: string, mode = 'commit') => {
    const started = performance.now();
    const response = await fetch(`${base}/import?mode=${mode}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': type, 'x-file-name': 'hostile.xlsx' },
      body: new Uint8Array(body),
    });
    const answer = (await response.json()) as { error?: { code: string; message: string } };
    return { status: response.status, ms: performance.now() - started, answer };
  };

  /** Runs `work` while a health check goes out every 50 ms (each on its own, not waiting for the last). */
  async function watched<T>(work: () => Promise<T>) {
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    let failed = 0;
    let peakSampled = 0;
    const exact = resetPeak(pid);
    const timer = setInterval(() => {
      peakSampled = Math.max(peakSampled, memoryOf(pid).rss);
      const started = performance.now();
      pending.push(
        fetch(`${base}/health`)
          .then(async (response) => {
            await response.arrayBuffer();
            if (!response.ok) failed++;
            latencies.push(performance.now() - started);
          })
          .catch(() => {
            failed++;
          }),
      );
    }, 50);
    const result = await work();
    clearInterval(timer);
    await Promise.all(pending);
    const peak = exact ? memoryOf(pid).peak : peakSampled;
    return { result, latencies, failed, peak };
  }

  const cases: [string, () => Promise<Buffer> | Buffer, string][] = [
    ['one cell at XFD1048576 (declared dimension)', hostile.declaredDimension, XLSX_TYPE],
    ['zip bomb: 2 GB of spaces, true size', () => hostile.zipBomb(), XLSX_TYPE],
    ['zip bomb: 2 GB of spaces, claims 4 KB', () => hostile.zipBomb(4096), XLSX_TYPE],
    ['700,000 rows', hostile.manyRows, XLSX_TYPE],
    ['500,000 CSV rows', hostile.manyCsvRows, 'text/csv'],
    ['a value in column 300', hostile.wideSheet, XLSX_TYPE],
    ['2.5 million shared strings', hostile.manySharedStrings, XLSX_TYPE],
    ['CSV mixing UTF-8 and GBK', hostile.mixedEncodingCsv, 'text/csv'],
    ['formula with no saved value', hostile.formulaWithoutValue, XLSX_TYPE],
    ['180 MB of text for a 160 MB heap', hostile.heapHungry, XLSX_TYPE],
  ];
  const built = new Map<string, Buffer>();
  for (const [name, make] of process.argv.includes('--county') ? [] : cases) built.set(name, await make());

  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; API at rest ${MiB(memoryOf(pid).rss)}`,
  );
  const header = `${'file'.padEnd(46)} ${'size'.padStart(9)} ${'status'.padStart(6)} ${'answer ms'.padStart(10)} ${'peak RSS'.padStart(9)} ${'health max'.padStart(11)} ${'p99'.padStart(6)} ${'checks'.padStart(7)}  code`;
  console.log(header);
  const line = (
    name: string,
    size: number,
    answers: { status: number; ms: number; answer: { error?: { code: string } } }[],
    watch: { latencies: number[]; failed: number; peak: number },
  ) =>
    console.log(
      `${name.padEnd(46)} ${`${(size / 1024).toFixed(0)} KB`.padStart(9)} ${answers
        .map((a) => a.status)
        .join('/')
        .padStart(6)} ${answers
        .map((a) => a.ms.toFixed(0))
        .join('/')
        .padStart(
          10,
        )} ${MiB(watch.peak).padStart(9)} ${`${Math.max(0, ...watch.latencies).toFixed(0)} ms`.padStart(11)} ${percentile(watch.latencies, 99).toFixed(0).padStart(6)} ${`${watch.latencies.length}${watch.failed ? ` (${watch.failed} failed)` : ''}`.padStart(7)}  ${answers.map((a) => a.answer.error?.code ?? 'ok').join('/')}`,
    );

  const countyOnly = process.argv.includes('--county');
  for (const [name, , type] of countyOnly ? [] : cases) {
    const body = built.get(name) as Buffer;
    const watch = await watched(() => post(body, type));
    line(name, body.length, [watch.result], watch);
  }
  if (!countyOnly) await together();
  async function together() {
    const three = [
      'zip bomb: 2 GB of spaces, true size',
      '700,000 rows',
      'one cell at XFD1048576 (declared dimension)',
    ];
    const together = await watched(() => Promise.all(three.map((name) => post(built.get(name) as Buffer, XLSX_TYPE))));
    line('three at once: bomb, 700,000 rows, XFD1048576', 0, together.result, together);
    const threeCsv = await watched(() =>
      Promise.all([0, 1, 2].map(() => post(built.get('500,000 CSV rows') as Buffer, 'text/csv'))),
    );
    line('three 500,000-row CSVs at once', 0, threeCsv.result, threeCsv);
  }

  const { rows: counties } = await sql<{ code: string }>`
    select code from jurisdictions where synthetic and level = 'county' order by code`.execute(synthetic.database.db);
  const county = await quarterWorkbook(
    counties.map(({ code }) => code),
    '2026Q1',
  );
  for (const mode of ['dry-run', 'dry-run', 'dry-run', 'commit']) {
    const watch = await watched(() => post(county, XLSX_TYPE, mode));
    if (watch.result.status !== 200) throw new Error(`the county workbook: ${JSON.stringify(watch.result.answer)}`);
    line(
      `${counties.length.toLocaleString('en-US')}-row county workbook, ${mode}`,
      county.length,
      [watch.result],
      watch,
    );
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await server.stop();
  await synthetic.drop();
}
