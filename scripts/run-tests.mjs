// Runs the whole vitest suite and ends with one plain line, "N passed, N failed, N skipped",
// that any reader of the log (CI included) can count.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(root, 'test-output', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(
  vitest,
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

let summary = 'tests: 0 passed, 1 failed (vitest wrote no report)';
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file that fails to load counts as a failure even though no test in it ran.
  const unloaded = r.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  const failed = r.numFailedTests + unloaded;
  summary = `tests: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
}
console.log(`\n${summary}`);
process.exit(result.status ?? 1);
