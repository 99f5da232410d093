// Builds the web app into apps/web/dist, which the API serves; in development, Vite serves it and
// passes API and docs requests through to the API on port 3000.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { pageDownloads } from './bench/first-download.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:3000';

/**
 * Prints the JavaScript a first visit downloads, gzipped: what index.html loads (the entry and the
 * chunks it imports), and with it what the overview (the dashboard's home, `/`) needs before its
 * table can show (its chunk and every chunk they import statically), counted by
 * bench/first-download.ts as the byte-budget test counts it. Charts and other pages load later
 * and are not counted. Node's zlib gzips about 1 % tighter than the sizes in Vite's table.
 */
function initialDownload(): Plugin {
  let outDir = '';
  return {
    name: 'tuowei-initial-download',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const { entry, pages } = pageDownloads(outDir);
      const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB gzip`;
      console.log(`initial JS: ${kB(entry.gzipBytes)}; with the overview page: ${kB(pages.overview.gzipBytes)}`);
    },
  };
}

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, for the API to
 * send to browsers that accept them (@fastify/static's preCompressed) without compressing on
 * every request: the overview's scripts are about a quarter of their size so.
 */
function precompressed(): Plugin {
  let outDir = '';
  return {
    name: 'tuowei-precompressed',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' });
      for (const file of files) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const full = path.join(outDir, file);
        const content = fs.readFileSync(full);
        if (content.length < 1024) continue;
        fs.writeFileSync(
          `${full}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        fs.writeFileSync(`${full}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * Writes first-visit/overview.js into the build as assets/first-visit-<hash>.js, with the files
 * the overview page needs beyond the entry's (its chunk and their static imports, its styles), and
 * has index.html load it async ahead of the entry: on the overview's address the page's code and
 * the national overview's answer then download beside the entry instead of after it has run.
 */
function firstVisit(): Plugin {
  let outDir = '';
  let script: { fileName: string; source: string } | null = null;
  return {
    name: 'tuowei-first-visit',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter(
          (output): output is Rollup.OutputChunk => output.type === 'chunk',
        );
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const closure = (starts: string[]) => {
          const found = new Set<string>();
          const visit = (file: string) => {
            if (found.has(file)) return;
            found.add(file);
            for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
          };
          for (const start of starts) visit(start);
          return found;
        };
        const entry = closure(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
        const overview = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/app/routes/overview.tsx'));
        if (!overview) throw new Error('the build has no chunk for src/app/routes/overview.tsx');
        const page = [...closure([overview.fileName])].filter((file) => !entry.has(file));
        const styles = new Set(page.flatMap((file) => [...(byFile.get(file)?.viteMetadata?.importedCss ?? [])]));
        const files = { scripts: page.map((file) => `/${file}`), styles: [...styles].map((file) => `/${file}`) };
        const template = fs.readFileSync(path.join(root, 'first-visit/overview.js'), 'utf8');
        const source = template.replace('const files = OVERVIEW_FILES;', `const files = ${JSON.stringify(files)};`);
        if (source === template) throw new Error('first-visit/overview.js lost its OVERVIEW_FILES line');
        const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
        script = { fileName: `assets/first-visit-${hash}.js`, source };
        return [
          {
            tag: 'script',
            attrs: { async: true, fetchpriority: 'high', src: `/${script.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
    writeBundle() {
      if (script) fs.writeFileSync(path.join(outDir, script.fileName), script.source);
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), firstVisit(), initialDownload(), precompressed()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each page imports, for bench/first-download.ts
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // The shared package is pure functions and schemas: nothing in it runs for its effect on
        // import. Said so, a page takes only what it uses, and the API contract's schemas (and
        // zod with them) stay out of every page that has no form to check.
        moduleSideEffects: [{ test: /\/packages\/shared\/src\//, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/docs': api,
    },
  },
});
