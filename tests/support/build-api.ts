// Before the end-to-end tests: the API's production bundle, built from the code under test, for
// the tests that start the product as it ships (apps/api/dist/server.mjs).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function buildApi() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(process.execPath, [path.join(root, 'apps/api/scripts/build.mjs')], { stdio: 'inherit' });
}
