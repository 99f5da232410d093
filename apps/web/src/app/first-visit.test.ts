// first-visit/overview.js, the script index.html runs before the app's code: on the overview's
// address it asks for the same national overview the page will (the quarter in the address, else
// the last one ended by the Beijing calendar, as lastEndedPeriod says) and preloads the page's
// files; on any other address it does nothing. Run in a bare VM context with a recorded fetch.
import fs from 'node:fs';
import vm from 'node:vm';
import { formatPeriod, lastEndedPeriod } from '@tuowei/shared';
import { describe, expect, it } from 'vitest';

const SOURCE = fs.readFileSync(new URL('../../first-visit/overview.js', import.meta.url), 'utf8');

function visit(address: string, now: string, stored: string | null = null) {
  const url = new URL(address, 'http://tuowei.test');
  const asked: { path: string; headers: Record<string, string> }[] = [];
  const links: { rel: string; href: string }[] = [];
  const window: Record<string, unknown> = {
    location: { pathname: url.pathname, search: url.search },
    localStorage: { getItem: (key: string) => (key === 'tuowei.language' ? stored : null) },
  };
  const RealDate = Date;
  const context = vm.createContext({
    window,
    document: {
      createElement: () => ({}),
      head: { appendChild: (link: { rel: string; href: string }) => links.push(link) },
    },
    URLSearchParams,
    Date: class extends RealDate {
      static override now() {
        return RealDate.parse(now);
      }
    },
    fetch: (path: string, init: { headers: Record<string, string> }) => {
      asked.push({ path, headers: init.headers });
      return Promise.resolve(null);
    },
    OVERVIEW_FILES: { scripts: ['/assets/overview-x.js'], styles: ['/assets/dashboard-x.css'] },
  });
  vm.runInContext(SOURCE, context);
  return { asked, links, firstVisit: window.tuoweiFirstVisit as { path: string; locale: string } | undefined };
}

describe('the first visit script', () => {
  it('asks for the last quarter ended in Beijing when the address names none, as the page does', () => {
    // 2026-03-31 23:59 in Beijing is still Q1 (last ended 2025Q4); 2026-04-01 00:30 there is Q2
    for (const [now, expected] of [
      ['2026-03-31T15:59:00Z', '2025Q4'],
      ['2026-03-31T16:30:00Z', '2026Q1'],
      ['2026-12-01T22:00:00Z', '2026Q3'],
      ['2027-01-10T00:00:00Z', '2026Q4'],
    ]) {
      expect(formatPeriod(lastEndedPeriod(new Date(now)))).toBe(expected);
      const { asked, firstVisit } = visit('/', now);
      expect(asked.map((request) => request.path)).toEqual([`/api/v1/overview?period=${expected}`]);
      expect(firstVisit?.path).toBe(`/api/v1/overview?period=${expected}`);
    }
  });

  it("asks for the address's quarter, in the reader's stored language", () => {
    const { asked, firstVisit } = visit('/?period=2024Q2', '2026-12-01T22:00:00Z', 'en');
    expect(asked).toEqual([
      { path: '/api/v1/overview?period=2024Q2', headers: { Accept: 'application/json', 'Accept-Language': 'en' } },
    ]);
    expect(firstVisit?.locale).toBe('en');
    expect(visit('/?period=2024Q2', '2026-12-01T22:00:00Z').firstVisit?.locale).toBe('zh-CN');
  });

  it("preloads the overview page's scripts and styles", () => {
    expect(visit('/', '2026-12-01T22:00:00Z').links).toEqual([
      { rel: 'modulepreload', crossOrigin: '', href: '/assets/overview-x.js' },
      { rel: 'preload', as: 'style', crossOrigin: '', href: '/assets/dashboard-x.css' },
    ]);
  });

  it('does nothing on any other page', () => {
    const { asked, links, firstVisit } = visit('/plans?period=2024Q2', '2026-12-01T22:00:00Z');
    expect([asked, links, firstVisit]).toEqual([[], [], undefined]);
  });
});
