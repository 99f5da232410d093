// The quarter-end rush (issue 16): entry sessions write and submit reports for ended quarters
// while 100 connections read the national overview, a province page and county progress. In one
// run: the reads on an idle server, then at a steady 50 writes/s, then with as many writes as a
// pool of writers gets through; after every write a reader asks for the written unit's
// prefecture page and checks that it already shows the write (freshness), and the national
// overview (how long a reader waits for its recomputation). Last, writers alone (1, 10, 50), with
// Postgres sampled for sessions waiting on a lock: how the rows every writer shares (its
// province's data version, the audit chain's head; both taken at commit since migration 19)
// behave under concurrent writers.
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type Bench, BROWSER, discardBodies, type Measured, measured, settings } from '../harness.ts';
import { cpuMs, numberOption, postgresCpuMs } from '../support.ts';

/** The steady rate of the rush, in reports written and submitted per second. */
const STEADY_RATE = numberOption('rush-rate', 50);
/** The writers that find the highest rate: each writes and submits, then writes the next. */
const MAX_WRITERS = numberOption('rush-writers', 20);
/**
 * The quarters written, all ended on 2026-12-01 (the running one, 2026Q4, cannot be submitted);
 * not 2026Q2, which the endpoints scenario's writes keep to themselves (at 300 counties the rush
 * writes every unit's quarter three times over).
 */
const QUARTERS = ['2026Q3', ...Array.from({ length: 80 }, (_, i) => `${2019 - Math.floor(i / 4)}Q${4 - (i % 4)}`)];

interface Slot {
  code: string;
  parent: string;
  period: string;
}

interface Written {
  /** PUT then submit, each in ms. */
  requestMs: number[];
  /** Whether the prefecture page read after the submit's answer already showed the figure. */
  fresh: boolean | null;
  /** How long the reads after it took: the written unit's parent's page, the national overview. */
  probeMs: number[];
  failed: string | null;
}

interface Batch {
  written: Written[];
  /** From the first write's start to the last one's answer. */
  seconds: number;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (ms: number) => Math.round(ms * 10) / 10;

export async function rush(bench: Bench) {
  const { base, province, county } = bench;
  // the units that report (counties, or townships at township scale), quarter after quarter
  const { rows: units } = await sql<{ code: string; parent_code: string; level: string }>`
    select j.code, j.parent_code, j.level from jurisdictions j
    where j.synthetic and not exists (select 1 from jurisdictions c where c.parent_code = j.code)
    order by j.code`.execute(bench.db);
  const slots: Slot[] = QUARTERS.flatMap((period) =>
    units.map((unit) => ({ code: unit.code, parent: unit.parent_code, period })),
  );
  const levelOf = new Map(units.map((unit) => [unit.code, unit.level]));
  let next = 0;
  let session = 0;
  const period = QUARTERS[0];

  /** One report written as a draft, then submitted with the version the draft was given. */
  async function write(probe: boolean): Promise<Written> {
    const slot = slots[next++];
    const { cookie, csrfToken } = bench.entries[session++ % bench.entries.length];
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const places = 1000 + (next % 5000);
    const requestMs: number[] = [];
    const url = `${base}/reports/${slot.code}/${slot.period}`;
    let t = performance.now();
    const put = await fetch(url, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ places, affordablePlaces: Math.floor(places / 2) }),
    });
    await put.arrayBuffer();
    requestMs.push(performance.now() - t);
    if (!put.ok) return { requestMs, fresh: null, probeMs: [], failed: `PUT ${put.status}` };
    const version = String(put.headers.get('etag')).replaceAll('"', '');
    t = performance.now();
    const submit = await fetch(`${url}/submit`, { method: 'POST', headers: { ...headers, 'if-match': version } });
    await submit.arrayBuffer();
    requestMs.push(performance.now() - t);
    if (!submit.ok) return { requestMs, fresh: null, probeMs: [], failed: `submit ${submit.status}` };
    if (!probe) return { requestMs, fresh: null, probeMs: [], failed: null };
    // issued after the submit was answered: it must show the figure just submitted
    t = performance.now();
    const page = await fetch(`${base}/overview?root=${slot.parent}&period=${slot.period}`, { headers: BROWSER });
    const body = (await page.json()) as { rows: { code: string; places: number | null; figuresPeriod: string }[] };
    const pageMs = performance.now() - t;
    const row = body.rows.find((r) => r.code === slot.code);
    t = performance.now();
    const national = await fetch(`${base}/overview?period=${slot.period}`, { headers: BROWSER });
    await national.arrayBuffer();
    const nationalMs = performance.now() - t;
    return {
      requestMs,
      fresh: row?.places === places && row.figuresPeriod === slot.period,
      probeMs: [pageMs, nationalMs],
      failed: null,
    };
  }

  /** Writes started at a steady rate for `seconds`, each left to finish; and how long that took. */
  async function steady(rate: number, seconds: number, probe: boolean): Promise<Batch> {
    const running: Promise<Written>[] = [];
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      while (running.length < due) running.push(write(probe));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const written = await Promise.all(running);
    return { written, seconds: (performance.now() - started) / 1000 };
  }

  /** `writers` writing one report after another for `seconds`. */
  async function closedLoop(writers: number, seconds: number, probe: boolean): Promise<Batch> {
    const done: Written[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (performance.now() < until) done.push(await write(probe));
      }),
    );
    return { written: done, seconds: (performance.now() - started) / 1000 };
  }

  const readUrls: [string, string][] = [
    ['national overview', `${base}/overview?period=${period}`],
    ['province page', `${base}/overview?root=${province}&period=${period}`],
    ['county progress', `${base}/progress/${county}?period=${period}`],
  ];
  /** The three reads at once, the connections shared among them, while `during` runs. */
  async function readers<T>(
    during: () => Promise<T>,
  ): Promise<{ reads: Measured[]; during: T } & ReturnType<typeof phaseCost>> {
    const cpuBefore = cpuMs(bench.pid);
    const postgresBefore = postgresCpuMs();
    const benchBefore = process.cpuUsage();
    const started = performance.now();
    const share = Math.ceil(settings.connections / readUrls.length);
    const loads = readUrls.map(([, url]) =>
      autocannon({
        url,
        connections: share,
        duration: settings.duration,
        headers: BROWSER,
        timeout: 60,
        setupClient: discardBodies,
      }),
    );
    const [results, value] = await Promise.all([Promise.all(loads), during()]);
    const seconds = (performance.now() - started) / 1000;
    const reads = results.map((result, i) => measured(readUrls[i][0], readUrls[i][1], result));
    const benchUsed = process.cpuUsage(benchBefore);
    const cpu = {
      api: cpuMs(bench.pid) - cpuBefore,
      postgres: postgresCpuMs() - postgresBefore,
      bench: (benchUsed.user + benchUsed.system) / 1000,
    };
    return { reads, during: value, ...phaseCost(cpu, seconds, reads) };
  }

  /**
   * The CPU time of the API, Postgres and this bench (its readers and writers) in a phase, and the
   * longest any reader waited in it: the three share the machine's cores.
   */
  function phaseCost(cpu: { api: number; postgres: number; bench: number }, seconds: number, reads: Measured[]) {
    /** CPU-seconds per second: 2 is the whole of this machine's two cores. */
    const cores = (ms: number) => round(ms / 1000 / seconds);
    return {
      apiCpuMs: Math.round(cpu.api),
      apiCores: cores(cpu.api),
      postgresCores: cores(cpu.postgres),
      benchCores: cores(cpu.bench),
      longestReadWaitMs: Math.max(0, ...reads.map((r) => r.max)),
      loadAverage: os.loadavg(),
    };
  }

  // writes per second over the time until the last write was answered, not the time writes were started in
  const summarise = ({ written, seconds }: Batch) => {
    const ok = written.filter((w) => w.failed === null);
    const probed = ok.filter((w) => w.fresh !== null);
    const requestMs = ok.flatMap((w) => w.requestMs);
    const failures = new Map<string, number>();
    for (const w of written) if (w.failed) failures.set(w.failed, (failures.get(w.failed) ?? 0) + 1);
    return {
      reports: ok.length,
      writesPerSecond: round(ok.length / seconds),
      writeP50: round(percentile(requestMs, 50)),
      writeP99: round(percentile(requestMs, 99)),
      failures: Object.fromEntries(failures),
      freshReads: probed.filter((w) => w.fresh).length,
      probedReads: probed.length,
      freshness: probed.length === 0 ? null : probed.filter((w) => w.fresh).length / probed.length,
      parentPageAfterWriteMs: {
        p50: round(
          percentile(
            probed.map((w) => w.probeMs[0]),
            50,
          ),
        ),
        max: round(Math.max(0, ...probed.map((w) => w.probeMs[0]))),
      },
      nationalOverviewAfterWriteMs: {
        p50: round(
          percentile(
            probed.map((w) => w.probeMs[1]),
            50,
          ),
        ),
        max: round(Math.max(0, ...probed.map((w) => w.probeMs[1]))),
      },
    };
  };

  const { duration } = settings;
  console.log(
    `rush: ${settings.connections} reading connections, ${duration} s per phase, ${units.length} reporting units…`,
  );
  for (const [, url] of readUrls) await (await fetch(url, { headers: BROWSER })).arrayBuffer();
  const idle = await readers(async () => null);
  bench.note('rush: idle reads');
  const steadyRun = await readers(() => steady(STEADY_RATE, duration, true));
  bench.note(`rush: ${STEADY_RATE} writes/s`);
  const maxRun = await readers(() => closedLoop(MAX_WRITERS, duration, true));
  bench.note(`rush: ${MAX_WRITERS} writers`);

  // writers alone, sampling Postgres for sessions waiting on a lock (the data versions and the
  // audit chain's head are what every write of every table that figures come from shares)
  const alone: {
    writers: number;
    apiCpuMs: number;
    apiCpuMsPerWrite: number;
    lockWaitingMean: number;
    lockWaitingMax: number;
    summary: ReturnType<typeof summarise>;
  }[] = [];
  for (const writers of [1, 10, 50]) {
    let sampling = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await sql<{ n: string }>`
          select count(*) as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(bench.db);
        samples.push(Number(rows[0].n));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const cpuBefore = cpuMs(bench.pid);
    const written = await closedLoop(writers, Math.max(2, duration / 2), false);
    const apiCpuMs = cpuMs(bench.pid) - cpuBefore;
    sampling = false;
    await sampler;
    alone.push({
      writers,
      apiCpuMs: Math.round(apiCpuMs),
      apiCpuMsPerWrite: round(apiCpuMs / Math.max(1, written.written.filter((w) => w.failed === null).length)),
      lockWaitingMean: round(samples.reduce((s, n) => s + n, 0) / Math.max(1, samples.length)),
      lockWaitingMax: Math.max(0, ...samples),
      summary: summarise(written),
    });
  }
  bench.note('rush: writers alone');

  const levels: Record<string, number> = {};
  for (const slot of slots.slice(0, next)) {
    const level = levelOf.get(slot.code) ?? '?';
    levels[level] = (levels[level] ?? 0) + 1;
  }
  // the longest wait of any reader: the load's connections, or a read just after a write
  const phase = (run: Awaited<ReturnType<typeof readers>>, writes?: ReturnType<typeof summarise>) => ({
    apiCpuMs: run.apiCpuMs,
    apiCores: run.apiCores,
    postgresCores: run.postgresCores,
    benchCores: run.benchCores,
    longestReadWaitMs: Math.round(
      Math.max(
        run.longestReadWaitMs,
        writes?.parentPageAfterWriteMs.max ?? 0,
        writes?.nationalOverviewAfterWriteMs.max ?? 0,
      ),
    ),
    loadAverage: run.loadAverage,
  });
  const steadyWrites = summarise(steadyRun.during);
  const maxWrites = summarise(maxRun.during);
  const results = {
    reportingUnits: units.length,
    /** The reports the rush wrote, by the level of the unit written (townships at township scale). */
    writtenByLevel: levels,
    steadyRate: STEADY_RATE,
    maxWriters: MAX_WRITERS,
    idle: idle.reads,
    idleCost: phase(idle),
    steady: { reads: steadyRun.reads, writes: steadyWrites, ...phase(steadyRun, steadyWrites) },
    max: { reads: maxRun.reads, writes: maxWrites, ...phase(maxRun, maxWrites) },
    writersAlone: alone,
  };
  printRush(bench.size, results);
  return results;
}

type RushResults = Awaited<ReturnType<typeof rush>>;

function printRush(size: string, r: RushResults) {
  const cell = (text: string) => text.padStart(24);
  const phases = [
    ['idle', r.idle, null, r.idleCost],
    [`${r.steadyRate} writes/s`, r.steady.reads, r.steady.writes, r.steady],
    [`${r.maxWriters} writers`, r.max.reads, r.max.writes, r.max],
  ] as const;
  const written = Object.entries(r.writtenByLevel)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ');
  console.log(
    `\n${size}: the rush (${r.reportingUnits} reporting units; written: ${written}); reads req/s · p50 · p99 · max ms`,
  );
  console.log(`${''.padEnd(26)}${phases.map(([name]) => cell(name)).join('')}`);
  for (const [i, read] of r.idle.entries()) {
    console.log(
      `${read.name.padEnd(26)}${phases.map(([, reads]) => cell(`${reads[i].requestsPerSecond.toFixed(0)} · ${reads[i].p50} · ${reads[i].p99} · ${reads[i].max}${reads[i].errors + reads[i].non2xx ? ` (${reads[i].errors + reads[i].non2xx} failed)` : ''}`)).join('')}`,
    );
  }
  const costRow = (label: string, pick: (c: (typeof phases)[number][3]) => string) =>
    console.log(`${label.padEnd(26)}${phases.map(([, , , c]) => cell(pick(c))).join('')}`);
  costRow('longest read wait ms (any)', (c) => String(c.longestReadWaitMs));
  costRow('API CPU ms (cores)', (c) => `${c.apiCpuMs} (${c.apiCores})`);
  costRow('cores: Postgres · bench', (c) => `${c.postgresCores} · ${c.benchCores}`);
  costRow('load average', (c) => c.loadAverage.map((l: number) => l.toFixed(1)).join(' '));
  const row = (label: string, pick: (w: NonNullable<(typeof phases)[number][2]>) => string) =>
    console.log(`${label.padEnd(26)}${phases.map(([, , w]) => cell(w ? pick(w) : '—')).join('')}`);
  row('writes/s (reports)', (w) => `${w.writesPerSecond} (${w.reports})`);
  row('write p50 · p99 ms', (w) => `${w.writeP50} · ${w.writeP99}`);
  row('write failures', (w) => JSON.stringify(w.failures));
  row('fresh reads after write', (w) => `${w.freshReads}/${w.probedReads}`);
  row('parent page after write', (w) => `p50 ${w.parentPageAfterWriteMs.p50} · max ${w.parentPageAfterWriteMs.max}`);
  row(
    'national after write',
    (w) => `p50 ${w.nationalOverviewAfterWriteMs.p50} · max ${w.nationalOverviewAfterWriteMs.max}`,
  );
  console.log('\nwriters alone (write and submit, one report after another): the shared rows under concurrency');
  console.log(
    `${'writers'.padEnd(10)}${'writes/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'lock waits mean/max'.padStart(22)}${'API CPU ms/write'.padStart(18)}  failures`,
  );
  for (const a of r.writersAlone) {
    console.log(
      `${String(a.writers).padEnd(10)}${String(a.summary.writesPerSecond).padStart(10)}${String(a.summary.writeP50).padStart(9)}${String(a.summary.writeP99).padStart(9)}${`${a.lockWaitingMean} / ${a.lockWaitingMax}`.padStart(22)}${String(a.apiCpuMsPerWrite).padStart(18)}  ${JSON.stringify(a.summary.failures)}`,
    );
  }
}
