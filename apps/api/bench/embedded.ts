// `pnpm --filter @tuowei/api exec tsx bench/embedded.ts`: the API as it ships (its production
// bundle) on the embedded default in a fresh folder, with the demo data a newcomer gets, loaded
// with autocannon on a remembered answer, a read computed on every request, and a report write.
//   --duration 10     seconds per endpoint
//   --connections 100
// Build first: pnpm --filter @tuowei/api build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, serveApi, signInDemo } from '../../../tests/support/product.ts';
import { cpuMs, numberOption } from './support.ts';

const duration = numberOption('duration', 10);
const connections = numberOption('connections', 100);
const WEIXI = '533423';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-bench-embedded-'));
const product = await serveApi({ PORT: String(await freePort()), TUOWEI_DATA_DIR: dataDir, TUOWEI_DEMO: '1' });
try {
  const entry = await signInDemo(product, 'demo-weixi-entry');
  const signedIn = { cookie: entry.cookie, 'x-csrf-token': entry.csrfToken };

  // Each write takes a quarter no other write in flight holds, sends the version it last saw and
  // keeps the one answered: every PUT is a real update (200), none a conflict. The quarters are
  // ended ones before the demo's (2000Q1–2020Q4: quarters not begun are refused), one per connection.
  const free = Array.from({ length: 21 * 4 }, (_, i) => ({
    period: `${2000 + Math.floor(i / 4)}Q${(i % 4) + 1}`,
    version: null as string | null,
  }));
  const writeConnections = Math.min(connections, free.length);
  type Slot = (typeof free)[number];
  const write: autocannon.Request = {
    method: 'PUT',
    setupRequest: (request, context) => {
      const slot = free.pop() as Slot;
      (context as { slot?: Slot }).slot = slot;
      return {
        ...request,
        path: `/api/v1/reports/${WEIXI}/${slot.period}`,
        headers: {
          ...signedIn,
          'content-type': 'application/json',
          ...(slot.version ? { 'if-match': slot.version } : {}),
        },
        body: JSON.stringify({ places: 600 + Number(slot.version ?? 0), affordablePlaces: 300 }),
      };
    },
    onResponse: (status, _body, context, headers) => {
      const slot = (context as { slot: Slot }).slot;
      if (status === 200 || status === 201) slot.version = String(headers?.etag).replaceAll('"', '');
      free.push(slot);
    },
  };

  const endpoints: [string, autocannon.Options][] = [
    ['remembered: progress', { url: `${product.url}/api/v1/progress/${WEIXI}?period=2024Q4` }],
    ['remembered: jurisdiction', { url: `${product.url}/api/v1/jurisdictions/${WEIXI}` }],
    ['computed: report', { url: `${product.url}/api/v1/reports/${WEIXI}/2024Q4`, headers: signedIn }],
    ['write: report PUT', { url: product.url, requests: [write], connections: writeConnections }],
  ];
  // what answered other than 2xx, by status: a 5xx here is a defect, not a figure
  const statuses = (result: autocannon.Result) =>
    Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${count}×${code}`)
      .join(' ');
  const load = os.loadavg();
  console.log(
    `embedded default, ${connections} connections (${writeConnections} for writes, one quarter each), ${duration} s each`,
  );
  console.log(`load average before: ${load.map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
  console.log('endpoint                      req/s    p50 ms   p99 ms   CPU ms/req   non-2xx  errors');
  for (const [name, options] of endpoints) {
    const cpuBefore = cpuMs(product.process.pid as number);
    const result = await autocannon({ connections, duration, timeout: 60, ...options });
    const cpuPerRequest = (cpuMs(product.process.pid as number) - cpuBefore) / result.requests.total;
    console.log(
      `${name.padEnd(28)}${result.requests.average.toFixed(0).padStart(7)}${String(result.latency.p50).padStart(10)}` +
        `${String(result.latency.p99).padStart(9)}${cpuPerRequest.toFixed(2).padStart(13)}${String(result.non2xx).padStart(10)}` +
        `${String(result.errors + result.timeouts).padStart(8)}  ${statuses(result)}`,
    );
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await product.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
