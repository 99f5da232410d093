// The overview's first download stays within its budget: the JavaScript the built app loads before
// the overview's table can show (index.html's entry, the overview's chunk and what they import
// statically), gzipped. A byte count of the build, not a timing. Needs the web app built (npm test
// builds it first).
import { describe, expect, it } from 'vitest';
import { OVERVIEW_BUDGET_BYTES, pageDownloads } from '../../bench/first-download.ts';

describe("the overview's first download", () => {
  const { entry, pages } = pageDownloads();

  it(`is at most ${OVERVIEW_BUDGET_BYTES / 1000} kB gzip before the table shows`, () => {
    expect(pages.overview.gzipBytes).toBeLessThanOrEqual(OVERVIEW_BUDGET_BYTES);
  });

  it('holds the entry and more: the page has a chunk of its own', () => {
    expect(pages.overview.files).toEqual(expect.arrayContaining(entry.files));
    expect(pages.overview.gzipBytes).toBeGreaterThan(entry.gzipBytes);
  });

  it('leaves the charts, the date picker and the schemas to the chunks that need them', () => {
    // the chunks named after what they hold: recharts' parts, antd's date picker, zod's core
    const named = pages.overview.files.map((file) => file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, ''));
    for (const lazy of ['chart-parts', 'date-picker', 'table']) expect(named).not.toContain(lazy);
    expect(pages.dashboard.files.length).toBeGreaterThan(0);
  });
});
