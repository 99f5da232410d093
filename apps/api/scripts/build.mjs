// Bundles the API for production into dist/server.mjs: the API's own code, the shared package and
// the migrations in one file, the npm packages left to node_modules; beside it
// dist/workbook-reader.mjs, the thread that reads uploaded workbooks, and dist/audit-verify.mjs, the
// audit chain's check (`node dist/audit-verify.mjs` in the image). Run by `npm start`, the test
// command, the benchmark and the image build; takes well under a second.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: here,
  entryPoints: {
    server: 'src/server.ts',
    'workbook-reader': 'src/workbook/read-worker.ts',
    'audit-verify': 'src/audit-verify.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'packages-stay-in-node-modules',
      setup(builder) {
        // bare imports are npm packages, loaded at run time; the workspace's own are bundled
        builder.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@tuowei/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});

// the national division tree, which seed/divisions.ts reads beside itself (beside the bundle here)
fs.cpSync(path.join(here, 'src/seed/divisions'), path.join(here, 'dist/divisions'), { recursive: true });
