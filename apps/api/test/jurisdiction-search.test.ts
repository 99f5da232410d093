// A few units of the national tree without the whole of it: a search by name or code (`?q=` with
// `limit`), a subtree (`within`), and names for a list of codes (`codes`), each unit with its way
// down; on real Postgres and on the embedded default, with the NBS 2023 tree to the counties loaded.
import type { JurisdictionListed } from '@tuowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const YUNNAN = { code: '530000', name: '云南省', nameEn: 'Yunnan Province', level: 'province', parentCode: null };
const DIQING = {
  code: '533400',
  name: '迪庆藏族自治州',
  nameEn: 'Diqing Tibetan Autonomous Prefecture',
  level: 'prefecture',
  parentCode: '530000',
};

describe.each(BACKENDS)('searching and looking up jurisdictions on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    app = await buildApp({ database: test.database, webDist: null });
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return {
      status: response.statusCode,
      body: response.json(),
      total: response.headers['x-total-count'],
      bytes: response.rawPayload.length,
    };
  };
  const codes = (units: JurisdictionListed[]) => units.map((unit) => unit.code);

  it('finds 维西 by part of its Chinese name, with its prefecture and province above it', async () => {
    const { status, body, total } = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('维西')}`);
    expect(status).toBe(200);
    expect(total).toBe('1');
    expect(body).toEqual([
      {
        code: '533423',
        name: '维西傈僳族自治县',
        nameEn: 'Weixi Lisu Autonomous County',
        level: 'county',
        parentCode: '533400',
        ancestors: [YUNNAN, DIQING],
      },
    ]);
  });

  it('finds by English name whatever the case, and by the beginning of a code, the higher level first', async () => {
    // "weixi" is also the start of 威信县's "Weixin County"
    expect(codes((await get('/api/v1/jurisdictions?q=WEIXI')).body)).toEqual(['530629', '533423']);
    expect(codes((await get('/api/v1/jurisdictions?q=weixi%20LISU')).body)).toEqual(['533423']);
    // 迪庆: the prefecture and its three county-level units, the prefecture first
    const diqing = await get('/api/v1/jurisdictions?q=5334');
    expect(codes(diqing.body)).toEqual(['533400', '533401', '533422', '533423']);
    expect(diqing.body[0].ancestors).toEqual([YUNNAN]);
    // a province has no one above it
    const yunnan = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('云南')}`);
    expect(yunnan.body[0]).toEqual({ ...YUNNAN, ancestors: [] });
  });

  it('answers at most `limit` units and says in X-Total-Count how many match in all', async () => {
    const all = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('县')}&limit=200`);
    const five = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('县')}&limit=5`);
    expect(five.body).toHaveLength(5);
    // more than a thousand counties are named 县; every one of them matches
    expect(Number(five.total)).toBeGreaterThan(1000);
    expect(five.total).toBe(all.total);
    expect(all.body).toHaveLength(200);
    // without a limit: the first 50, the same first five
    const byDefault = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('县')}`);
    expect(byDefault.body).toHaveLength(50);
    expect(codes(byDefault.body).slice(0, 5)).toEqual(codes(five.body));
    // a search of the whole country answers a few kilobytes, not the tree's hundreds
    expect(byDefault.bytes).toBeLessThan(40_000);
  });

  it('searches within a subtree, one level, or one unit’s children', async () => {
    const within = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('县')}&within=533400`);
    // 香格里拉市 is a city: only 德钦县 and 维西傈僳族自治县 are named 县 in 迪庆
    expect(codes(within.body)).toEqual(['533422', '533423']);
    expect(within.total).toBe('2');
    const prefectures = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('迪庆')}&level=prefecture`);
    expect(codes(prefectures.body)).toEqual(['533400']);
    const children = await get(`/api/v1/jurisdictions?q=${encodeURIComponent('县')}&parent=533400`);
    expect(codes(children.body)).toEqual(['533422', '533423']);
    // a subtree without a search: the unit and everything below it
    expect(codes((await get('/api/v1/jurisdictions?within=533400')).body)).toEqual([
      '533400',
      '533401',
      '533422',
      '533423',
    ]);
  });

  it('takes % and _ as the characters they are, not as patterns', async () => {
    for (const q of ['%', '_', '\\']) {
      const { status, body, total } = await get(`/api/v1/jurisdictions?q=${encodeURIComponent(q)}`);
      expect({ q, status, body, total }).toEqual({ q, status: 200, body: [], total: '0' });
    }
  });

  it('names the units of a list of codes with their ancestors, leaving out a code no unit has', async () => {
    const { status, body } = await get('/api/v1/jurisdictions?codes=533423,141000,999999,533423');
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        code: '141000',
        name: '临汾市',
        nameEn: 'Linfen City',
        level: 'prefecture',
        parentCode: '140000',
        ancestors: [{ code: '140000', name: '山西省', nameEn: 'Shanxi Province', level: 'province', parentCode: null }],
      },
      expect.objectContaining({ code: '533423', ancestors: [YUNNAN, DIQING] }),
    ]);
    // within a scope: a code outside it is left out as an unknown one is
    expect(codes((await get('/api/v1/jurisdictions?codes=533423,141000&within=140000')).body)).toEqual(['141000']);
  });

  it('refuses a question that cannot be answered with a 400 naming the parameter, an unknown scope with a 404', async () => {
    const refusals: [string, string][] = [
      [`q=${encodeURIComponent('维西')}&codes=533423`, 'codes'],
      ['codes=53342', 'codes'],
      [`codes=${Array.from({ length: 501 }, (_, i) => String(110000 + i)).join(',')}`, 'codes'],
      ['q=x&limit=0', 'limit'],
      ['q=x&limit=201', 'limit'],
      ['q=x&limit=ten', 'limit'],
      [`q=${'x'.repeat(51)}`, 'q'],
      ['q=%20%20', 'q'],
      ['within=53340', 'within'],
    ];
    for (const [query, field] of refusals) {
      const { status, body } = await get(`/api/v1/jurisdictions?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      const fields = body.error.details.map((detail: { field: string }) =>
        detail.field.split('.').slice(0, 2).join('.'),
      );
      expect({ query, fields }).toEqual({ query, fields: expect.arrayContaining([`querystring.${field}`]) });
    }
    const unknown = await get('/api/v1/jurisdictions?q=x&within=999999');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_jurisdiction' } } });
  });

  it('keeps the whole list as it was: every unit, without ancestors', async () => {
    const { body } = await get('/api/v1/jurisdictions?level=province');
    expect(body).toHaveLength(31);
    expect(body).toContainEqual(YUNNAN);
  });
});
