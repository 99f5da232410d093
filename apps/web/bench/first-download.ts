// What a first visit to a page downloads before the page can draw: index.html's entry with every
// chunk it imports statically (and index.html's other scripts), and the page's own chunk with its static imports, gzipped (level 9,
// as the build's .gz copies are). Chunks loaded on demand (charts, pickers, other pages) are not
// counted. Read from the build's manifest (vite build writes dist/.vite/manifest.json); the
// build's own summary, the byte-budget test and the benches all count with this one function.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/** The overview's budget (issue 16): its JavaScript before its table, gzipped, at most this. */
export const OVERVIEW_BUDGET_BYTES = 350_000;

export interface Download {
  files: string[];
  gzipBytes: number;
}

/** A built chunk as the bundle or the manifest tells it: its file, its code and what it imports. */
export interface BuiltChunk {
  file: string;
  code: () => string | Buffer;
  imports: readonly string[];
}

/** The chunks `starts` need before they run (static imports, followed to the end), gzipped. */
export function download(chunks: ReadonlyMap<string, BuiltChunk>, starts: readonly string[]): Download {
  const found = new Set<string>();
  const visit = (key: string) => {
    if (found.has(key)) return;
    found.add(key);
    for (const imported of chunks.get(key)?.imports ?? []) visit(imported);
  };
  for (const start of starts) visit(start);
  const files = [...found].flatMap((key) => {
    const chunk = chunks.get(key);
    return chunk ? [chunk] : [];
  });
  return {
    files: files.map((chunk) => chunk.file).sort(),
    gzipBytes: files.reduce((sum, chunk) => sum + gzipSync(chunk.code(), { level: 9 }).length, 0),
  };
}

interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Each page of the built app (src/app/routes/<page>.tsx): the entry with it, as a first visit loads them. */
export function pageDownloads(dist = WEB_DIST): { entry: Download; pages: Record<string, Download> } {
  const manifestFile = path.join(dist, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile))
    throw new Error(`${manifestFile} is missing: build the web app first (pnpm --filter @tuowei/web build)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestEntry>;
  const chunks = new Map<string, BuiltChunk>(
    Object.entries(manifest)
      .filter(([, entry]) => entry.file.endsWith('.js'))
      .map(([key, entry]) => [
        key,
        { file: entry.file, code: () => fs.readFileSync(path.join(dist, entry.file)), imports: entry.imports ?? [] },
      ]),
  );
  // index.html's own scripts beside the entry (first-visit/overview.js, written by the build
  // without a manifest entry): a first visit downloads them too
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const loose = [...html.matchAll(/<script\b[^>]*\ssrc="\/([^"]+\.js)"/g)]
    .map((match) => match[1])
    .filter((file) => ![...chunks.values()].some((chunk) => chunk.file === file));
  for (const file of loose) chunks.set(file, { file, code: () => fs.readFileSync(path.join(dist, file)), imports: [] });
  const entries = [...Object.keys(manifest).filter((key) => manifest[key].isEntry), ...loose];
  const pages: Record<string, Download> = {};
  for (const key of Object.keys(manifest)) {
    const page = /^src\/app\/routes\/(.+)\.tsx$/.exec(key)?.[1];
    if (page) pages[page] = download(chunks, [...entries, key]);
  }
  return { entry: download(chunks, entries), pages };
}
