// The register of new residential areas on real Postgres: a Weixi project short of Weixi's norm
// (≥ 5 places per 1,000 residents, 维发〔2023〕15号 四(十二)) is flagged in the register, in progress
// and in the gap report's sheet; bad input, other jurisdictions and stale versions store nothing;
// every write is audited.
import type { ProgressView, ResidentialProjectView } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const URL = '/api/v1/residential-projects';

// on the embedded database too, which serialises transactions (the race below) and is the default
describe.each(BACKENDS)('new residential areas on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let entryChiping: Client;
  let auditor: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [
      ACCOUNTS.entryWeixi,
      ACCOUNTS.entryChiping,
      ACCOUNTS.leaderYunnan,
      ACCOUNTS.leaderShandong,
      ACCOUNTS.auditor,
    ]);
    // the clock pinned to 1 December 2026, 10:00 in Beijing
    app = await buildApp({ database: test.database, webDist: null, clock: () => new Date('2026-12-01T02:00:00Z') });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    entryChiping = await signIn(app, ACCOUNTS.entryChiping.username);
    auditor = await signIn(app, ACCOUNTS.auditor.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const weixiProject = {
    jurisdictionCode: '533423',
    name: '维西新城一期',
    approvedOn: '2024-03-01',
    plannedResidents: 3000,
    plannedPlaces: 12,
    deliveredPlaces: 0,
  };
  const post = (client: Client, payload: object, language = 'zh-CN') =>
    app.inject({ method: 'POST', url: URL, headers: client.headers({ 'accept-language': language }), payload });
  const progress = async () =>
    (await app.inject({ method: 'GET', url: '/api/v1/progress/533423?period=2024Q4' })).json() as ProgressView;
  const normOf = (view: ProgressView) => view.targets.find((t) => t.metric === 'new_residential_places_per_1000');
  const stored = async () => {
    const { rows } = await sql<{ n: string }>`select count(*) as n from residential_projects`.execute(test.database.db);
    return Number(rows[0].n);
  };
  const audited = async () => {
    const { rows } = await sql<{ action: string; actor: string; entity_id: string; before: unknown; after: unknown }>`
      select action, actor, entity_id, before, after from audit_log where entity = 'residential_project' order by id`.execute(
      test.database.db,
    );
    return rows;
  };

  let created: ResidentialProjectView;

  it('registers a Weixi project, finds it short of the norm and shows it in the very next progress read', async () => {
    // read (and cache) progress before anything is registered
    expect(normOf(await progress())).toMatchObject({ measured: true, status: 'no_data', current: null, gap: null });

    const response = await post(entry, weixiProject);
    expect(response.statusCode, response.body).toBe(201);
    created = response.json();
    expect(response.headers.etag).toBe('"1"');
    // ⌈5 × 3,000 ÷ 1,000⌉ = 15 required, 12 planned: 3 short
    expect(created).toMatchObject({
      name: '维西新城一期',
      version: 1,
      requiredPlaces: 15,
      shortfall: 3,
      compliant: false,
      norm: { documentNumber: '维发〔2023〕15号', clause: '四(十二)', value: 5 },
    });

    const target = normOf(await progress());
    // 12 × 1,000 ÷ 3,000 = 4 per 1,000
    expect(target).toMatchObject({ current: 4, gap: 3, status: 'off_track' });
    expect(target?.residential?.nonCompliant).toEqual([
      expect.objectContaining({
        id: created.id,
        name: '维西新城一期',
        requiredPlaces: 15,
        plannedPlaces: 12,
        shortfall: 3,
      }),
    ]);
  });

  it('counts a compliant project beside it, and not one approved before the plan was issued (2023-06-28)', async () => {
    const exact = await post(entry, { ...weixiProject, name: '保和小区', plannedResidents: 1000, plannedPlaces: 5 });
    expect(exact.json()).toMatchObject({ requiredPlaces: 5, shortfall: 0, compliant: true });
    const before = await post(entry, { ...weixiProject, name: '老城片区', approvedOn: '2023-06-27', plannedPlaces: 0 });
    expect(before.statusCode).toBe(201);
    expect(before.json()).toMatchObject({ norm: null, requiredPlaces: null, shortfall: null, compliant: null });

    const target = normOf(await progress());
    // (12 + 5) × 1,000 ÷ (3,000 + 1,000) = 4.25; the gap is still 3
    expect(target).toMatchObject({ current: 4.25, gap: 3, status: 'off_track' });
    expect(target?.residential).toMatchObject({ projectsCounted: 2, plannedResidents: 4000, plannedPlaces: 17 });
  });

  it('lists the register to leaders within scope, and refuses those outside it', async () => {
    const leader = await signIn(app, ACCOUNTS.leaderYunnan.username);
    const list = await app.inject({ method: 'GET', url: `${URL}?root=533400`, headers: { cookie: leader.cookie } });
    expect(list.statusCode).toBe(200);
    expect((list.json() as ResidentialProjectView[]).map((p) => p.name).sort()).toEqual(
      ['保和小区', '维西新城一期', '老城片区'].sort(),
    );
    // an entry user's own jurisdiction without a root
    const own = await app.inject({ method: 'GET', url: URL, headers: { cookie: entry.cookie } });
    expect((own.json() as unknown[]).length).toBe(3);
    const shandong = await signIn(app, ACCOUNTS.leaderShandong.username);
    const refused = await app.inject({
      method: 'GET',
      url: `${URL}?root=533423`,
      headers: { cookie: shandong.cookie },
    });
    expect(refused.statusCode).toBe(403);
    // nobody signed in reads nothing
    expect((await app.inject({ method: 'GET', url: `${URL}?root=533423` })).statusCode).toBe(401);
  });

  it('refuses bad input naming the field, in both languages, and stores nothing', async () => {
    const count = await stored();
    const auditRows = (await audited()).length;
    const refusal = async (payload: object, field: string, language = 'zh-CN') => {
      const response = await post(entry, payload, language);
      expect(response.statusCode, response.body).toBe(400);
      const { error } = response.json();
      expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
      return error.details.find((d: { field: string }) => d.field === field).message as string;
    };
    expect(await refusal({ ...weixiProject, name: '零人', plannedResidents: 0 }, 'body.plannedResidents')).toContain(
      '至少为 1',
    );
    expect(
      await refusal({ ...weixiProject, name: '零人', plannedResidents: 0 }, 'body.plannedResidents', 'en'),
    ).toContain('at least 1');
    expect(await refusal({ ...weixiProject, name: '负数', plannedPlaces: -1 }, 'body.plannedPlaces')).toBe(
      '不能为负数',
    );
    expect(await refusal({ ...weixiProject, name: '负数', deliveredPlaces: -2 }, 'body.deliveredPlaces')).toBe(
      '不能为负数',
    );
    // 2 December in Beijing is tomorrow
    expect(await refusal({ ...weixiProject, name: '明天', approvedOn: '2026-12-02' }, 'body.approvedOn')).toBe(
      '批准日期不能晚于今天',
    );
    expect(await refusal({ ...weixiProject, name: '很早', approvedOn: '1999-12-31' }, 'body.approvedOn')).toContain(
      '2000-01-01',
    );
    expect(await refusal({ ...weixiProject, name: '' }, 'body.name')).toBe('必填');
    expect(await refusal({ ...weixiProject, name: '小数', plannedPlaces: 1.5 }, 'body.plannedPlaces')).toBe('应为整数');

    // another jurisdiction: Chiping's entry user cannot register in Weixi
    const outside = await post(entryChiping, { ...weixiProject, name: '越权' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('out_of_scope');
    // a name the jurisdiction already has
    const duplicate = await post(entry, weixiProject);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('duplicate_project_name');

    expect(await stored()).toBe(count);
    expect((await audited()).length).toBe(auditRows);
  });

  it('updates with If-Match, refuses a stale or missing version, and moves nowhere outside scope', async () => {
    const url = `${URL}/${created.id}`;
    const put = (client: Client, payload: object, ifMatch?: string) =>
      app.inject({
        method: 'PUT',
        url,
        headers: client.headers(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
        payload,
      });
    const fixed = await put(entry, { ...weixiProject, plannedPlaces: 15 }, '"1"');
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ version: 2, plannedPlaces: 15, shortfall: 0, compliant: true });
    expect(fixed.headers.etag).toBe('"2"');

    const stale = await put(entry, { ...weixiProject, plannedPlaces: 1 }, '"1"');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { current: { version: 2 } } });
    expect((await put(entry, { ...weixiProject, plannedPlaces: 1 })).statusCode).toBe(428);
    // moving it to Chiping: outside a Weixi entry user's jurisdiction
    expect((await put(entry, { ...weixiProject, jurisdictionCode: '371503' }, '"2"')).statusCode).toBe(403);
    // Chiping's entry user cannot touch a Weixi project at all
    expect((await put(entryChiping, { ...weixiProject, jurisdictionCode: '371503' }, '"2"')).statusCode).toBe(403);

    const { rows } = await sql<{ planned_places: number; version: number }>`
      select planned_places, version from residential_projects where id = ${created.id}`.execute(test.database.db);
    expect(rows[0]).toEqual({ planned_places: 15, version: 2 });
    // now compliant: the norm is met by every counted project
    expect(normOf(await progress())).toMatchObject({ gap: 0, status: 'met' });

    // back to 12 for the gap report below
    expect((await put(entry, weixiProject, '"2"')).statusCode).toBe(200);
  });

  it('lets one of two simultaneous registrations of one name through, and deletes with If-Match', async () => {
    const same = { ...weixiProject, name: '同时登记' };
    const answers = await Promise.all([post(entry, same), post(entry, same)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const winner = answers.find((a) => a.statusCode === 201);
    const id = (winner?.json() as ResidentialProjectView | undefined)?.id;
    const remove = (ifMatch: string) =>
      app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers: entry.headers({ 'if-match': ifMatch }) });
    expect((await remove('"7"')).statusCode).toBe(409);
    expect((await remove('"1"')).statusCode).toBe(204);
    expect((await remove('"1"')).statusCode).toBe(404);
  });

  it('audits every write with its actor, before and after', async () => {
    const rows = await audited();
    expect(rows.map((r) => r.action)).toEqual(['insert', 'insert', 'insert', 'update', 'update', 'insert', 'delete']);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['entry-weixi']));
    const firstUpdate = rows[3];
    expect(firstUpdate.entity_id).toBe(created.id);
    expect(firstUpdate.before).toMatchObject({ plannedPlaces: 12, version: 1 });
    expect(firstUpdate.after).toMatchObject({ plannedPlaces: 15, version: 2 });
    expect(rows[6].before).toMatchObject({ name: '同时登记' });
  });

  it('writes the projects in the gap report workbook, with the norm’s document and clause', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/gap-report?root=533400&period=2024Q4&format=xlsx',
      headers: { cookie: auditor.cookie },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('新建居住区');
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0]).toEqual([
      '行政区划代码',
      '项目名称',
      '批准日期',
      '规划居住人口',
      '每千人标准',
      '应配托位',
      '规划托位',
      '缺口（托位）',
      '是否达标',
      '已交付托位',
      '标准文号',
      '条款',
    ]);
    const row = rows.find((r) => r[1] === '维西新城一期');
    expect(row).toEqual([
      '533423',
      '维西新城一期',
      '2024-03-01',
      3000,
      5,
      15,
      12,
      3,
      '否',
      0,
      '维发〔2023〕15号',
      '四(十二)',
    ]);
    expect(rows.find((r) => r[1] === '保和小区')?.[8]).toBe('是');
    // the project before the plan's issue date: no norm, its cells empty
    expect(rows.find((r) => r[1] === '老城片区')?.slice(4, 9)).toEqual([undefined, undefined, 0, undefined, undefined]);
  });

  describe('imported from a sheet, through the quarterly import’s parser', () => {
    const upload = (csv: string, mode: 'dry-run' | 'commit') =>
      app.inject({
        method: 'POST',
        url: `${URL}/import?mode=${mode}`,
        headers: entry.headers({ 'content-type': 'text/csv' }),
        payload: Buffer.from(`\uFEFF${csv}`),
      });
    const HEADER = '行政区划代码,项目名称,批准日期,规划居住人口,规划托位数,已交付托位数\n';

    it('refuses a sheet with any bad row as a whole, naming each row, column and reason', async () => {
      const count = await stored();
      const csv =
        HEADER +
        '533423,塔城新区,2024/5/1,2000,10,0\n' +
        '533423,明日小区,2026-12-02,1000,5,\n' +
        '533423,无人小区,2024-01-01,0,5,\n' +
        '371503,茌平项目,2024-01-01,1000,7,\n' +
        '533423,塔城新区,2024-06-01,1000,5,\n';
      const dry = await upload(csv, 'dry-run');
      expect(dry.statusCode, dry.body).toBe(200);
      const result = dry.json();
      expect(result.ok).toBe(false);
      expect(result.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
        [3, '批准日期'],
        [4, '规划居住人口'],
        [5, '行政区划代码'],
        [6, '项目名称'],
      ]);
      expect(result.problems[3].reason).toBe('与第 2 行重复（同一行政区划的同名项目）');
      const commit = await upload(csv, 'commit');
      expect(commit.statusCode).toBe(400);
      expect(commit.json().error.code).toBe('import_rejected');
      expect(await stored()).toBe(count);
    });

    it('creates and updates all at once, skipping a totals row, audited, seen by the next progress read', async () => {
      const csv =
        HEADER +
        '533423,维西新城一期,2024-03-01,3000,14,2\n' +
        '533423,塔城新区,2024年5月1日,2000,10,\n' +
        '合计,,,5000,24,\n';
      const dry = (await upload(csv, 'dry-run')).json();
      expect(dry).toMatchObject({ ok: true, committed: false, created: 1, updated: 1, unchanged: 0 });
      expect(dry.skipped).toEqual([{ row: 4, reason: 'total', label: '合计' }]);
      const committed = await upload(csv, 'commit');
      expect(committed.statusCode, committed.body).toBe(200);
      expect(committed.json()).toMatchObject({ ok: true, committed: true, created: 1, updated: 1 });

      const { rows } = await sql<{ action: string; reason: string | null }>`
        select action, reason from audit_log where entity = 'residential_project' and reason = 'import' order by id`.execute(
        test.database.db,
      );
      expect(rows.map((r) => r.action).sort()).toEqual(['insert', 'update']);
      // 维西新城一期 now plans 14 of its 15 (1 short); 塔城新区 10 of ⌈5 × 2,000 ÷ 1,000⌉ = 10
      const target = normOf(await progress());
      expect(target).toMatchObject({ gap: 1, status: 'off_track' });
      // (14 + 5 + 10) × 1,000 ÷ (3,000 + 1,000 + 2,000) = 4.8333…
      expect(target?.current).toBeCloseTo(29_000 / 6000, 9);
      // the same sheet again changes nothing
      expect((await upload(csv, 'dry-run')).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    });

    it('offers a template of the register that reads back as a sheet of the same columns', async () => {
      const response = await app.inject({
        method: 'GET',
        url: `${URL}/import/template.xlsx`,
        headers: { cookie: entry.cookie },
      });
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('新建居住区') as ExcelJS.Worksheet;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        '行政区划代码',
        '项目名称',
        '批准日期',
        '规划居住人口',
        '规划托位数',
        '已交付托位数',
      ]);
      const names: unknown[] = [];
      sheet.eachRow((row, number) => {
        if (number > 1) names.push(row.getCell(2).value);
      });
      expect(names.sort()).toEqual(['保和小区', '塔城新区', '老城片区', '维西新城一期'].sort());
    });
  });
});
