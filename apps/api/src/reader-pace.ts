// A long file is written at its reader's pace: the writer waits while the reader catches up, and
// gives the file up when the reader has gone or has taken nothing for STALLED_READER_MS. The
// country's files are written inside one repeatable-read transaction (one snapshot), which holds
// a connection for as long as the writer waits: on the embedded database, the only one.
import type { Writable } from 'node:stream';

/**
 * How long a reader may take nothing before its file is given up (the stream destroyed, the
 * transaction behind it ended). A browser's download reads as it comes; a reader that stops for
 * this long holds a connection and a snapshot that every other request may be waiting for.
 */
export const STALLED_READER_MS = 30_000;

/**
 * What a CSV may hold unread before its writer waits for its reader. A country-wide one is written
 * in its snapshot's transaction: a file under this (the country's on the embedded database, at the
 * five plans' size) is written whole at once and its transaction ends, whatever the reader does;
 * a longer one waits for the reader.
 */
export const CSV_ROOM_BYTES = 2 ** 20;

/** Why a file stopped being written before its end. */
export class ReaderGone extends Error {}

const gone = () => new ReaderGone('the file was closed before it was written');
const stalled = (ms: number) => new ReaderGone(`the reader took nothing for ${ms / 1000} s: the file was given up`);

/**
 * Resolves once `waiting()` (the bytes between a writer and its reader) is at most `bound`,
 * looking again after 2 ms, then twice as long each time up to 10 ms (a slow reader is not asked
 * 500 times a second); rejects once `stream` is destroyed, and destroys it when what waits has not
 * gone down for `stalledMs`.
 */
export async function caughtUp(
  stream: Writable,
  waiting: () => number,
  bound: number,
  stalledMs = STALLED_READER_MS,
): Promise<void> {
  let wait = 2;
  let least = Number.POSITIVE_INFINITY;
  let since = Date.now();
  for (;;) {
    if (stream.destroyed) throw stream.errored instanceof ReaderGone ? stream.errored : gone();
    const now = waiting();
    if (now <= bound) return;
    if (now < least) {
      least = now;
      since = Date.now();
    } else if (Date.now() - since >= stalledMs) {
      const error = stalled(stalledMs);
      stream.destroy(error);
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(10, wait * 2);
  }
}

/**
 * Resolves once what `stream` holds, written and not yet read, is down to its high-water mark:
 * `caughtUp` on the stream's own buffers, so a slow reader that goes on reading is waited for,
 * and one that takes nothing for `stalledMs` is given up ('drain' comes only once all of it is
 * read: a reader of 20 kB/s takes 50 s over a megabyte).
 */
export function roomIn(stream: Writable & { readableLength?: number }, stalledMs = STALLED_READER_MS): Promise<void> {
  return caughtUp(
    stream,
    () => stream.writableLength + (stream.readableLength ?? 0),
    stream.writableHighWaterMark,
    stalledMs,
  );
}
