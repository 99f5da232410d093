// The first national overview after a write, in-process on a kept synthetic database (made once
// with `tsx bench/first-read-profile.ts --db NAME --make`), and what its phases cost:
//   tsx bench/overview-after-write.ts --db NAME [--runs 9]
//   node --expose-gc --import tsx bench/overview-after-write.ts --db NAME   also the heap the cold
//                                                                          national overview leaves
// Each run writes one report (a province's version changes), then asks GET /overview as a browser
// does (brotli accepted) through app.inject: its wall time and the process's CPU time, medians.
// Then, on the answer as it stands, each phase of a recomputation alone: the zod parse of the
// whole answer, JSON.stringify, brotli 5 and 4, gzip 6 (medians of --runs).
import zlib from 'node:zlib';
import { overviewSchema } from '@tuowei/shared';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { urlForDatabase } from '../test/support/backends.ts';
import { numberOption } from './support.ts';

const name = process.argv[process.argv.indexOf('--db') + 1];
const runs = numberOption('runs', 9);
const database = await openDatabase({ databaseUrl: urlForDatabase(name), dataDir: '' });
const app = await buildApp({ database, webDist: null });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const read = () => app.inject({ method: 'GET', url: '/api/v1/overview', headers: { 'accept-encoding': 'br' } });
const timed = async <T>(work: () => Promise<T> | T) => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
};

// one reporting unit per province, each written in turn
const { rows: reports } = await sql<{ id: string }>`
  select distinct on (left(r.jurisdiction_code, 2)) r.id from quarterly_reports r
  join jurisdictions j on j.code = r.jurisdiction_code where j.synthetic
  order by left(r.jurisdiction_code, 2), r.id`.execute(database.db);
// run with node --expose-gc: what the cold national overview leaves remembered, after two full
// collections (the pieces and answers the cache keeps; what they weigh in its own count)
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
};
const before = heap();
await read();
if (gc) {
  const after = heap();
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log(
    `after a cold national overview: heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB, array buffers ${mib(after.arrayBuffers)} MiB; remembered ${JSON.stringify(app.cache.remembered())}`,
  );
}
for (let i = 0; i < 2; i++) await read();
const first: { ms: number; cpuMs: number }[] = [];
const second: { ms: number; cpuMs: number }[] = [];
for (let run = 0; run < runs; run++) {
  const { id } = reports[run % reports.length];
  await sql`update quarterly_reports set places = places + 1 where id = ${id}`.execute(database.db);
  const after = await timed(read);
  if (after.value.statusCode !== 200) throw new Error(`GET /overview: ${after.value.statusCode}`);
  first.push(after);
  second.push(await timed(read));
}
const show = (label: string, list: { ms: number; cpuMs: number }[]) =>
  console.log(
    `${label}: wall ${median(list.map((x) => x.ms)).toFixed(1)} ms, CPU ${median(list.map((x) => x.cpuMs)).toFixed(1)} ms (median of ${list.length})`,
  );
show('national overview, first read after a write', first);
show('national overview, second read', second);

const text = (await app.inject({ method: 'GET', url: '/api/v1/overview' })).body;
const answer = JSON.parse(text);
const phase = (label: string, work: () => unknown) => {
  const list: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    list.push(performance.now() - t);
  }
  console.log(`  ${label}: ${median(list).toFixed(2)} ms`);
};
console.log(`phases alone on the answer (${(text.length / 1000).toFixed(0)} kB of JSON), medians of ${runs}:`);
phase('overviewSchema.parse', () => overviewSchema.parse(answer));
phase('JSON.stringify', () => JSON.stringify(answer));
for (const quality of [5, 4])
  phase(`brotli ${quality}`, () =>
    zlib.brotliCompressSync(text, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    }),
  );
phase('gzip 6', () => zlib.gzipSync(text, { level: 6 }));
await app.close();
await database.close();
