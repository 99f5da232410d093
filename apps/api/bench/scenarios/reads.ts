// Every public read under load in one run beside the bare route: the share of its req/s and the
// multiple of its p99 each one reaches (issue 16's bar: ≥ 0.5 and ≤ 1.25×).
import { againstCeiling, type Bench, BROWSER, load, type Measured, printTable, settings } from '../harness.ts';

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
  console.log(`public reads: ${settings.connections} connections, ${settings.duration} s each…`);
  for (const [name, url] of list) {
    const response = await fetch(url, { headers: BROWSER });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${name}: ${response.status}`);
  }
  const rows: Measured[] = [];
  for (const [name, url] of list) rows.push(await load(name, url));
  againstCeiling(rows);
  bench.note('public reads');
  console.log(`\n${bench.size}: every public read against the bare route (anonymous reader)`);
  printTable(rows);
  return rows;
}
