// What the lone-surrogate check costs every JSON body: the scan of the raw text that every body
// gets, and the walk of the parsed value that only a body with a surrogate escape gets, beside
// JSON.parse itself, on bodies at the 1 MB limit. `pnpm --filter @tuowei/api exec tsx bench/text-check.ts`
import { malformedTextPath, mayHoldLoneSurrogate } from '@tuowei/shared';

const BODIES: Record<string, unknown> = {
  'a comment of 300,000 characters (0.9 MB of UTF-8)': {
    places: 1,
    affordablePlaces: 0,
    comment: '托'.repeat(300_000),
  },
  'an object of 20,000 keys': Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, `v${i}`])),
};

/** Median of 21 runs, in ms. */
function median(work: () => void): string {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[10].toFixed(2);
}

for (const [name, body] of Object.entries(BODIES)) {
  const text = JSON.stringify(body);
  console.log(
    `${name}: JSON.parse ${median(() => JSON.parse(text))} ms · scan ${median(() => mayHoldLoneSurrogate(text))} ms · walk ${median(() => malformedTextPath(JSON.parse(text)))} ms (parse included)`,
  );
}
