// Every public read under load in one run beside the bare route: the share of its req/s and the
// multiple of its p99 each one reaches (issue 16's bar: ≥ 0.5 and ≤ 1.25×). On a machine shared
// with other work the neighbours' load comes and goes within a run, so the endpoints are measured
// in rounds (`--rounds`, 3), each endpoint once per round in turn, and each figure is the median of
// its rounds; the API's CPU time per request is given beside them, which the neighbours move less.
import { againstCeiling, type Bench, BROWSER, load, type Measured, printTable, settings } from '../harness.ts';
import { cpuMs, numberOption } from '../support.ts';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function reads(bench: Bench) {
  const { base, province, county } = bench;
  const period = '2025Q4';
  const list: [string, string][] = [
    ['bare route (ceiling)', `${base}/ping`],
    ['plans', `${base}/plans`],
    ['jurisdictions (to county)', `${base}/jurisdictions?level=province,prefecture,county`],
    ["jurisdictions (a province's)", `${base}/jurisdictions?parent=${province}`],
    ['a jurisdiction', `${base}/jurisdictions/${county}`],
    ['series', `${base}/series/${county}?period=${period}`],
    ['completeness (province)', `${base}/completeness/${province}?period=${period}`],
    ['national overview', `${base}/overview?period=${period}`],
    ['county progress', `${base}/progress/${county}?period=${period}`],
    ['divisions edition', `${base}/divisions/edition`],
  ];
  const rounds = numberOption('rounds', 3);
  const seconds = Math.max(2, Math.round(settings.duration / rounds));
  console.log(`public reads: ${settings.connections} connections, ${rounds} rounds of ${seconds} s each, the medians…`);
  for (const [name, url] of list) {
    const response = await fetch(url, { headers: BROWSER });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${name}: ${response.status}`);
  }
  const taken = new Map<string, { measured: Measured; cpuMsPerRequest: number }[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of list) {
      const cpuBefore = cpuMs(bench.pid);
      const measured = await load(name, url, {}, settings.connections, seconds);
      const cpuMsPerRequest = (cpuMs(bench.pid) - cpuBefore) / Math.max(1, measured.requests);
      taken.set(name, [...(taken.get(name) ?? []), { measured, cpuMsPerRequest }]);
    }
  }
  const cpu: Record<string, number> = {};
  const rows: (Measured & { rounds: Measured[]; apiCpuMsPerRequest: number })[] = list.map(([name]) => {
    const all = taken.get(name) ?? [];
    const first = all[0].measured;
    cpu[name] = Number(median(all.map((r) => r.cpuMsPerRequest)).toFixed(3));
    return {
      ...first,
      requestsPerSecond: median(all.map((r) => r.measured.requestsPerSecond)),
      requests: all.reduce((sum, r) => sum + r.measured.requests, 0),
      p50: median(all.map((r) => r.measured.p50)),
      p99: median(all.map((r) => r.measured.p99)),
      errors: all.reduce((sum, r) => sum + r.measured.errors, 0),
      non2xx: all.reduce((sum, r) => sum + r.measured.non2xx, 0),
      rounds: all.map((r) => r.measured),
      apiCpuMsPerRequest: cpu[name],
    };
  });
  againstCeiling(rows);
  bench.note('public reads');
  console.log(
    `\n${bench.size}: every public read against the bare route (anonymous reader), medians of ${rounds} rounds`,
  );
  printTable(rows, { 'API cpu ms': cpu });
  const revalidated = await revalidatedOverview(`${base}/overview?period=${period}`, seconds);
  const ceiling = rows[0];
  console.log(
    `national overview asked again with its entity tag (If-None-Match; a browser's reload): ${revalidated.measured.requestsPerSecond.toFixed(0)} req/s, p99 ${revalidated.measured.p99} ms (${(revalidated.measured.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)} and ${(revalidated.measured.p99 / ceiling.p99).toFixed(2)}× the bare route), ${revalidated.notModified} of ${revalidated.measured.requests} answers 304 with no body, where the answer is ${revalidated.answerBytes} bytes compressed`,
  );
  return Object.assign(rows, { revalidated });
}

/** The national overview under load as a browser asks for it again: with the entity tag it was given. */
async function revalidatedOverview(url: string, seconds: number) {
  const first = await fetch(url, { headers: BROWSER });
  // as sent (fetch decodes the body): its length header
  const answerBytes = Number(first.headers.get('content-length'));
  await first.arrayBuffer();
  const tag = first.headers.get('etag');
  if (!tag) throw new Error('the national overview came without an entity tag');
  const measured = await load(
    'national overview, revalidated',
    url,
    { 'if-none-match': tag },
    settings.connections,
    seconds,
  );
  // every answer a 304 (autocannon counts them among the answers outside 2xx)
  return { measured, notModified: measured.non2xx, answerBytes };
}
