// Runs the whole vitest suite and ends with one plain line, "N passed, N failed, N skipped",
// that any reader of the log (CI included) can count.
//
// Two vitest runs side by side: the end-to-end files, one at a time (one product and one browser),
// and the rest, one file at a time beside them. In one run vitest keeps a project whose files run
// one at a time for the very end, alone: the other core sat idle for the e2e files' eight minutes.
// Each run's lines carry their project's name; each writes its own report, counted together here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'test-output');
fs.mkdirSync(output, { recursive: true });

const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const RUNS = [
  { name: 'e2e', args: ['--project', 'e2e'] },
  { name: 'units', args: ['--project', 'domain', '--project', 'web', '--project', 'api', '--maxWorkers', '1'] },
];

function run({ name, args }) {
  const report = path.join(output, `vitest-${name}.json`);
  fs.rmSync(report, { force: true });
  // a filter given to `npm test` goes to both runs: the one it leaves without files passes
  const child = spawn(
    vitest,
    [
      'run',
      ...args,
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return new Promise((resolve) => {
    child.on('close', (status) => resolve({ name, report, status }));
    child.on('error', () => resolve({ name, report, status: 1 }));
  });
}

const runs = await Promise.all(RUNS.map(run));
const total = { passed: 0, failed: 0, skipped: 0 };
for (const { name, report } of runs) {
  if (!fs.existsSync(report)) {
    console.log(`\n${name}: vitest wrote no report`);
    total.failed += 1;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  // a file that fails to load counts as a failure even though no test in it ran
  const unloaded = r.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  const counts = {
    passed: r.numPassedTests,
    failed: r.numFailedTests + unloaded,
    skipped: r.numPendingTests + r.numTodoTests,
  };
  console.log(`\n${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(runs.every((one) => one.status === 0) && total.failed === 0 ? 0 : 1);
