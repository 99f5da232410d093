// Makes `npm start` / `npm test` work on a machine with only Node.js and npm: checks the Node
// version, then installs the workspace with the pinned pnpm (a no-op when nothing changed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@12.4.2';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`托位 Tuowei needs Node.js 20.19 or newer (22 recommended); this is ${process.version}.`);
  process.exit(1);
}

const local = path.join(root, 'node_modules', '.bin', 'pnpm');
const [command, args] = fs.existsSync(local)
  ? [local, ['install', '--frozen-lockfile']]
  : ['npx', ['--yes', PNPM, 'install', '--frozen-lockfile']];
const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
if (result.status !== 0) {
  console.error(`\nInstalling dependencies failed (${command} ${args.join(' ')}).`);
  process.exit(result.status ?? 1);
}
