// Prints what one test file's database costs to set up and remove on each backend:
// `tsx apps/api/test/support/setup-cost.ts [rounds]` (the first round on a backend may build its template).
import { performance } from 'node:perf_hooks';
import { BACKENDS, openTestDatabase } from './backends.ts';

const rounds = Number(process.argv[2] ?? 5);
for (const backend of BACKENDS) {
  const opened: number[] = [];
  const destroyed: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    const test = await openTestDatabase(backend);
    const ready = performance.now();
    await test.destroy();
    opened.push(ready - start);
    destroyed.push(performance.now() - ready);
  }
  const ms = (values: number[]) => values.map((value) => Math.round(value)).join(' ');
  const sorted = [...opened].sort((a, b) => a - b);
  console.log(
    `${backend}: open ${ms(opened)} ms (median ${Math.round(sorted[Math.floor(rounds / 2)])}), destroy ${ms(destroyed)} ms`,
  );
}
