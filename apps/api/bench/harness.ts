// The bench's harness: the synthetic country in a fresh database on the real Postgres, the API's
// production bundle serving it, autocannon load, tables, and bench/results.json with the machine's
// description. The scenarios (bench/scenarios/*) say what is measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import type { SyntheticOptions } from '../src/seed/synthetic.ts';
import { createAccounts } from '../test/support/accounts.ts';
import { memoryOf, numberOption, serveProduction, signIn, syntheticDatabase } from './support.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../../..');

export const settings = {
  connections: numberOption('connections', 100),
  // the growth run (the default: no size given) 5 s, one country 10 s
  duration: numberOption(
    'duration',
    process.argv.includes('--growth') || !['--counties', '--townships'].some((a) => process.argv.includes(a)) ? 5 : 10,
  ),
};

export interface Measured {
  name: string;
  path: string;
  requestsPerSecond: number;
  /** Requests answered in the measurement. */
  requests: number;
  p50: number;
  p99: number;
  /** The longest any request waited. */
  max: number;
  errors: number;
  non2xx: number;
  ratioToCeiling?: number;
  p99ToCeiling?: number;
}

/** What a browser says it accepts: answers the API remembers go compressed. */
export const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

export function measured(name: string, url: string, result: autocannon.Result): Measured {
  return {
    name,
    path: new URL(url).pathname + new URL(url).search,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * autocannon 9 keeps every answer's body as a string (lib/pipelinedRequestsQueue.js, addBody),
 * which on a compressed answer is a UTF-8 decoding of binary data: 3.5 ms of the client's CPU per
 * 74 kB answer (GET /plans at 2,850 counties), measured with a CPU profile, so that on a 2-core
 * machine the load generator, not the API, set the large answers' req/s. No scenario asks for
 * the bodies (no expectBody, no onResponse): each connection drops them; bytes are still counted.
 */
export function discardBodies(client: unknown) {
  (client as { pipelinedRequests: { addBody: (data: Buffer) => void } }).pipelinedRequests.addBody = () => {};
}

/** One endpoint under load, as a browser asks for it. */
export async function load(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  connections = settings.connections,
  duration = settings.duration,
): Promise<Measured> {
  // a long timeout: a slow answer should show in the latencies, not vanish as an error
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: { ...BROWSER, ...headers },
    timeout: 60,
    setupClient: discardBodies,
  });
  return measured(name, url, result);
}

/** Each measurement beside the first (the bare route): its share of the ceiling's req/s and p99. */
export function againstCeiling(rows: Measured[]) {
  const [ceiling] = rows;
  for (const m of rows) {
    m.ratioToCeiling = m.requestsPerSecond / ceiling.requestsPerSecond;
    m.p99ToCeiling = m.p99 / ceiling.p99;
  }
}

export function printTable(rows: Measured[], extra: Record<string, Record<string, number>> = {}) {
  const extraNames = Object.keys(extra);
  console.log(
    `${'endpoint'.padEnd(28)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'ratio'.padStart(6)} ${'p99×'.padStart(6)}${extraNames.map((n) => ` ${n.padStart(9)}`).join('')}`,
  );
  for (const m of rows) {
    console.log(
      `${m.name.padEnd(28)} ${m.requestsPerSecond.toFixed(0).padStart(8)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${String(m.errors + m.non2xx).padStart(7)} ${(m.ratioToCeiling ?? 0).toFixed(2).padStart(6)} ${(m.p99ToCeiling ?? 0).toFixed(2).padStart(6)}${extraNames.map((n) => ` ${String(extra[n][m.name] ?? '').padStart(9)}`).join('')}`,
    );
  }
}

export const MACHINE = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg(),
};

export type Session = Awaited<ReturnType<typeof signIn>>;

/** Everything a scenario needs: the served API on the synthetic country, and its sessions. */
export interface Bench {
  size: string;
  base: string;
  pid: number;
  db: Awaited<ReturnType<typeof syntheticDatabase>>['database']['db'];
  dataset: Awaited<ReturnType<typeof syntheticDatabase>>['counts'] & {
    /** Loading the country, when its kept template was made (this run or an earlier one). */
    loadMs: number;
    /** This run: from asking for the country to holding a fresh copy of it (and loading it first, if made). */
    readyMs: number;
    madeTemplate: boolean;
    template: string;
  };
  province: string;
  county: string;
  /** Country-wide entry sessions, as many as asked for. */
  entries: Session[];
  auditor: Session;
  /** Where the API's memory stood after each phase: the peak so far shows which phase raised it. */
  memory: { after: string; rssMiB: number; peakMiB: number }[];
  note(after: string): void;
}

const ENTRY_ACCOUNTS = 10;

/** The synthetic country served by the production bundle for the duration of `work`. */
export async function withBench<T>(scale: SyntheticOptions, work: (bench: Bench) => Promise<T>): Promise<T> {
  const size = scale.townships
    ? `${scale.counties} counties, ${scale.townships} townships`
    : `${scale.counties} counties`;
  console.log(`\nthe synthetic country (${size}) in a fresh database, copied from a kept template…`);
  const synthetic = await syntheticDatabase(scale);
  console.log(
    synthetic.madeTemplate
      ? `  template ${synthetic.template} made: loading took ${(synthetic.loadMs / 1000).toFixed(1)} s; ready in ${(synthetic.readyMs / 1000).toFixed(1)} s`
      : `  copied from ${synthetic.template} in ${(synthetic.readyMs / 1000).toFixed(1)} s (loading it took ${(synthetic.loadMs / 1000).toFixed(1)} s when it was made)`,
  );
  await createAccounts(synthetic.database.db, [
    ...Array.from({ length: ENTRY_ACCOUNTS }, (_, i) => ({
      username: `bench-entry-${i}`,
      role: 'entry' as const,
      jurisdictionCode: null,
    })),
    { username: 'bench-auditor', role: 'auditor', jurisdictionCode: null },
  ]);
  const at = process.argv.indexOf('--bundle');
  const socket = process.argv.indexOf('--socket');
  const server = await serveProduction(
    socket >= 0 ? overSocket(synthetic.url, process.argv[socket + 1]) : synthetic.url,
    3900 + Math.floor(Math.random() * 90),
    at >= 0 ? process.argv[at + 1] : undefined,
  );
  const base = `${server.url}/api/v1`;
  const pid = server.process.pid as number;
  try {
    const { rows } = await sql<{ code: string; level: string }>`
      select code, level from jurisdictions where synthetic and level in ('province', 'county') order by code`.execute(
      synthetic.database.db,
    );
    const entries: Session[] = [];
    for (let i = 0; i < ENTRY_ACCOUNTS; i++) entries.push(await signIn(base, `bench-entry-${i}`));
    const memory: Bench['memory'] = [];
    const bench: Bench = {
      size,
      base,
      pid,
      db: synthetic.database.db,
      dataset: {
        ...synthetic.counts,
        loadMs: synthetic.loadMs,
        readyMs: synthetic.readyMs,
        madeTemplate: synthetic.madeTemplate,
        template: synthetic.template,
      },
      province: rows.find((r) => r.level === 'province')?.code as string,
      county: rows.find((r) => r.level === 'county')?.code as string,
      entries,
      auditor: await signIn(base, 'bench-auditor'),
      memory,
      note(after) {
        const { rss, peak } = memoryOf(pid);
        memory.push({ after, rssMiB: Math.round(rss / 2 ** 20), peakMiB: Math.round(peak / 2 ** 20) });
      },
    };
    bench.note('start');
    return await work(bench);
  } finally {
    await server.stop();
    await synthetic.drop();
  }
}

/**
 * The database URL over Postgres's Unix socket in `folder` (`--socket /var/run/postgresql`): the
 * served API's connections, to compare with loopback TCP on the same host.
 */
function overSocket(url: string, folder: string | undefined): string {
  if (!folder?.startsWith('/'))
    throw new Error('--socket takes the folder of the server’s socket, e.g. /var/run/postgresql');
  const parsed = new URL(url);
  parsed.searchParams.set('host', folder);
  return parsed.toString();
}

/** bench/results.json: what was measured, when, on which machine, with which settings. */
export function writeResults(results: Record<string, unknown>) {
  const written = {
    when: new Date().toISOString(),
    machine: { ...MACHINE, loadAverageAtEnd: os.loadavg() },
    settings: { connections: settings.connections, durationSeconds: settings.duration },
    ...results,
  };
  fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(written, null, 2)}\n`);
  console.log('written: bench/results.json');
}
