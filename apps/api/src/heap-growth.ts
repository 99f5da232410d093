// How far V8 lets the old generation grow past what survived its last full collection: twice it
// while the API serves, a tenth more while a country-wide file is written. Set at run time, so a
// `--heap-growing-percent` given to node itself is left as it is (and then never changed here).
import v8 from 'node:v8';

/**
 * Serving: the old generation may grow to twice what survived the last full collection, not up
 * to four times as V8 decides by itself: under cached reads most of what a request makes is
 * garbage, and V8 let it pile up while the machine had memory to spare. Measured in-process at
 * 2,850 counties (20,000 cached reads, 100 at once, then the country's exports): peak RSS 393–400
 * → 279–280 MiB, the exports' 456–481 → 321–348 MiB, for 4–12 % more CPU on the reads. Growing by
 * less all the time was measured and not chosen: in the rush at 2,850 counties the write p99 at
 * 50 writes/s was 152 and 162 ms at 100 % against 262 and 310 at 50 % (two runs each,
 * alternated), the longer collections' pauses falling on the writes. Not a limit: a larger
 * answer still gets the memory it needs.
 */
const SERVING_PERCENT = 100;
/**
 * While a country-wide file is written: what it keeps alive is small (a province's rows at a
 * time), and everything else it makes is garbage that a heap allowed to double lets pile up over
 * the cache's pieces of the whole country. Measured in-process on the country's gap report as a
 * workbook at 40,000 townships (`bench/first-read-profile.ts --export gap-xlsx`, node given the
 * flag): peak RSS 345 MiB at 100 %, 309 at 25 %, 292 at 10 %, for 18.7, 21.8 and 23.5 s of CPU.
 */
const EXPORT_PERCENT = 10;

const givenToNode = process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'));
/** What the heap grows by outside exports: 0 is V8's own choice (in tests, say), till the API serves. */
let outsideExports = 0;
let exporting = 0;

function grow(percent: number) {
  if (!givenToNode) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** The growth of a serving API (server.ts, once at start). */
export function growHeapForServing(): void {
  outsideExports = SERVING_PERCENT;
  if (exporting === 0) grow(outsideExports);
}

/**
 * The heap kept tight while a country-wide file is written: call the returned function, once,
 * when it is done. Several at once keep it tight until the last is done.
 */
export function tightHeapWhileExporting(): () => void {
  if (exporting++ === 0) grow(EXPORT_PERCENT);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--exporting === 0) grow(outsideExports);
  };
}
