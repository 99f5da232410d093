// Reads an upload on a thread of its own, so that the server goes on answering while a file is
// read: at most READ_LIMITS.parallel at once (the rest wait their turn), each with a bounded heap
// and stopped once it takes longer than READ_LIMITS.seconds. Refusals become answers that name
// the limit, in the reader's language.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors.ts';
import { Slots } from '../slots.ts';
import { API_WORDS } from '../words.ts';
import { READ_LIMITS } from './limits.ts';
import { ReadRefusal, type Refusal, type Table } from './table.ts';

export type UploadKind = 'xlsx' | 'csv';

// In the production bundle this code lives in dist/server.mjs and the reader beside it; from the
// sources (tsx, vitest) the reader is the TypeScript file, which the thread loads through tsx.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const READER: URL | string = FROM_SOURCES
  ? `import(${JSON.stringify(tsxApi())}).then(({ register }) => {
      register();
      return import(${JSON.stringify(new URL('./read-worker.ts', import.meta.url).href)});
    })`
  : new URL('./workbook-reader.mjs', import.meta.url);

/** tsx's ESM API (a development dependency, needed only when running from the sources). */
function tsxApi(): string {
  const required = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(required.replace(/\.cjs$/, '.mjs')).href;
}

const slots = new Slots(READ_LIMITS.parallel);
let underWay = 0;

/** Files being read on their threads right now (the tests watch the server answer meanwhile). */
export const readsUnderWay = () => underWay;

const WORDS = API_WORDS.workbook;

/** The answer for a refused file: 413 past a limit, 400 for a file that is not what it says. */
export function refusalError(refusal: Refusal, kind: UploadKind): ApiError {
  switch (refusal.kind) {
    case 'limit':
      return new ApiError(413, 'file_over_limit', WORDS.overLimit(WORDS.limits[refusal.limit], refusal.where), {
        limit: refusal.limit,
        max: READ_LIMITS[refusal.limit],
      });
    case 'mixed_encoding':
      return new ApiError(400, 'mixed_encoding', WORDS.mixedEncoding(refusal.line, refusal.encoding), {
        line: refusal.line,
        encoding: refusal.encoding,
      });
    case 'unreadable':
      return new ApiError(400, 'unreadable_file', WORDS.unreadable(kind, refusal.detail));
  }
}

type Outcome = { table: Table } | { refusal: Refusal };

/**
 * Threads that have read a file well and wait for the next: a warm thread reads a county's
 * workbook in a fraction of a fresh one's time (its code is loaded and compiled). One that
 * refused a file, ran out of time or of heap is ended, and its memory with it; one left idle for
 * a minute too.
 */
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
const IDLE_MS = 60_000;

function readerThread(): Worker {
  const warm = idle.pop();
  if (warm) {
    clearTimeout(warm.timer);
    warm.worker.ref();
    return warm.worker;
  }
  const worker = new Worker(READER, {
    eval: FROM_SOURCES,
    resourceLimits: { maxOldGenerationSizeMb: READ_LIMITS.heapMegabytes, maxYoungGenerationSizeMb: 16 },
  });
  // a thread that fails while idle is only forgotten: its failure is no one's answer
  worker.on('error', () => {});
  worker.on('exit', () => {
    const at = idle.findIndex((entry) => entry.worker === worker);
    if (at >= 0) clearTimeout(idle.splice(at, 1)[0].timer);
  });
  return worker;
}

function keepOrEnd(worker: Worker, keep: boolean) {
  if (!keep || idle.length >= READ_LIMITS.parallel) {
    void worker.terminate();
    return;
  }
  // an idle thread does not keep the process alive
  worker.unref();
  const entry = {
    worker,
    timer: setTimeout(() => void worker.terminate(), IDLE_MS).unref(),
  };
  idle.push(entry);
}

function readOnThread(body: Buffer, kind: UploadKind): Promise<Outcome> {
  const worker = readerThread();
  // a copy of its own for the thread, handed over without another copy
  const bytes = new Uint8Array(body);
  return new Promise((resolve) => {
    const settle = (outcome: Outcome) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(outcome);
      keepOrEnd(worker, 'table' in outcome);
    };
    const onMessage = (outcome: Outcome) => settle(outcome);
    const onError = (error: Error & { code?: string }) =>
      settle({
        refusal:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { kind: 'limit', limit: 'heapMegabytes' }
            : ReadRefusal.unreadable(error.message).refusal,
      });
    const onExit = (code: number) =>
      settle({
        refusal: ReadRefusal.unreadable(WORDS.readerStopped(code)).refusal,
      });
    const timer = setTimeout(
      () => settle({ refusal: { kind: 'limit', limit: 'seconds' } }),
      READ_LIMITS.seconds * 1000,
    );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ kind, bytes }, [bytes.buffer]);
  });
}

/** The upload's table, read on a thread of its own; an ApiError naming why when it is refused. */
export async function readUpload(
  body: Buffer,
  kind: UploadKind,
  stillWanted: () => boolean = () => true,
): Promise<Table> {
  if (slots.queued >= READ_LIMITS.waiting) {
    throw new ApiError(429, 'import_busy', WORDS.busy);
  }
  const release = await slots.take();
  try {
    // whoever sent it may have gone while it waited: nobody needs it read
    if (!stillWanted()) throw new ApiError(499, 'gone', WORDS.cancelled);
    underWay++;
    const outcome = await readOnThread(body, kind).finally(() => underWay--);
    if ('refusal' in outcome) throw refusalError(outcome.refusal, kind);
    return outcome.table;
  } finally {
    release();
  }
}
