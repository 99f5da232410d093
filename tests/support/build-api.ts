// Before the end-to-end tests: the web app and the API's production bundle, built once from the
// code under test, for the tests that start the product as it ships (apps/api/dist/server.mjs
// serving apps/web/dist). Built here rather than by each file's start, which ran the README's
// whole `npm start` (install check, both builds, start) once per file; first-screen.test.ts still
// runs that command itself. Then one first start, whose data folder the files' starts copy.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeNewcomerData } from './product.ts';

export default async function buildApi() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // as `npm start` builds it: for production, whatever NODE_ENV the test runner has set
  const { NODE_ENV: _testMode, ...env } = process.env;
  execFileSync(path.join(root, 'node_modules/.bin/pnpm'), ['--filter', '@tuowei/web', 'build'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [path.join(root, 'apps/api/scripts/build.mjs')], { stdio: 'inherit' });
  // and the first start's data folder, that every file's start copies (product.ts)
  await makeNewcomerData();
}
