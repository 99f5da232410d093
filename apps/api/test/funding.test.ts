// Money that follows from places, on real Postgres: the shipped rules of Weixi (四(十二)) and
// Chiping (二(三)2), what they owe for a year from the reports, the admins' edits of rules
// (audited, If-Match), and hostile input refused with nothing stored.
import type { Funding, FundingRule, PlanView } from '@tuowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { readSheetsByName } from './support/libreoffice.ts';
import { insertReports } from './support/reports.ts';

describe('funding', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  let yunnanAdmin: Client;
  let entryChiping: Client;
  let auditor: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [
      ACCOUNTS.admin,
      ACCOUNTS.adminYunnan,
      ACCOUNTS.entryChiping,
      ACCOUNTS.auditor,
    ]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    yunnanAdmin = await signIn(app, ACCOUNTS.adminYunnan.username);
    entryChiping = await signIn(app, ACCOUNTS.entryChiping.username);
    auditor = await signIn(app, ACCOUNTS.auditor.username);
    // Weixi: 442 places at the end of 2023 (its 附件3 task), 600 at the end of 2024 (task 586)
    await insertReports(test.database.db, [
      { code: '533423', period: '2023Q4', places: 442, affordablePlaces: 266 },
      { code: '533423', period: '2024Q2', places: 520, affordablePlaces: 300 },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const call = async (
    client: Client | null,
    method: 'PUT' | 'POST' | 'DELETE' | 'GET',
    url: string,
    payload?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const response = await app.inject({
      method,
      url,
      headers: client ? client.headers(extra) : extra,
      ...(payload ? { payload: payload as object } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };

  const plans = async (): Promise<PlanView[]> => (await call(null, 'GET', '/api/v1/plans')).body;
  const planOf = async (code: string) => (await plans()).find((plan) => plan.jurisdictionCode === code) as PlanView;
  const funding = async (code: string, year: number): Promise<Funding> =>
    (await call(null, 'GET', `/api/v1/funding/${code}?year=${year}`)).body;
  const ruleCount = async () =>
    Number(
      (
        await test.database.db
          .selectFrom('funding_rules')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('ships the rules with the plans: Weixi one, Chiping four', async () => {
    const weixi = await planOf('533423');
    expect(weixi.fundingRules).toEqual([
      expect.objectContaining({
        kind: 'per_place_built',
        rate: 2000,
        payer: 'province',
        condition: 'schedule_target_met',
        clause: '四(十二)',
        version: 1,
      }),
    ]);
    const chiping = await planOf('371503');
    expect(
      chiping.fundingRules.map((rule: FundingRule) => [
        rule.kind,
        rule.rate,
        rule.payer,
        rule.birthOrder,
        rule.institutionKind,
      ]),
    ).toEqual([
      ['per_child_month', 300, 'county', 2, null],
      ['per_child_month', 400, 'county', 3, null],
      ['per_institution_once', 150_000, 'prefecture', null, 'public_independent'],
      ['per_institution_once', 100_000, 'county', null, 'public_independent'],
    ]);
  });

  it('Weixi 2024: (600 − 442) places built × 2,000 = 316,000 yuan, the 586 task met', async () => {
    const answer = await funding('533423', 2024);
    expect(answer).toMatchObject({ code: '533423', year: 2024, total: 316_000, complete: true, demo: false });
    expect(answer.items).toEqual([
      expect.objectContaining({
        documentNumber: '维发〔2023〕15号',
        clause: '四(十二)',
        payer: 'province',
        quantity: 158,
        rate: 2000,
        amount: 316_000,
        conditionMet: true,
        basis: expect.objectContaining({
          yearEnd: 600,
          yearEndPeriod: '2024Q4',
          previousYearEnd: 442,
          previousYearEndPeriod: '2023Q4',
          scheduleTarget: expect.objectContaining({ value: 586 }),
        }),
      }),
    ]);
  });

  it('the gap report workbook ends with the funding sheet, read back by LibreOffice', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/gap-report?root=530000&period=2024Q4&format=xlsx',
      headers: auditor.headers(),
    });
    expect(response.statusCode).toBe(200);
    const sheet = readSheetsByName(response.rawPayload).get('资金测算（2024年）') as string[][];
    const [header, ...rows] = sheet;
    expect(header).toEqual([
      '行政区划代码',
      '名称',
      '文号',
      '条款',
      '出资方',
      '规则',
      '拨付条件已满足',
      '依据数据',
      '数量',
      '标准（元）',
      '金额（元）',
    ]);
    const amount = header.indexOf('金额（元）');
    expect(rows.map((row) => [row[0], row[4], row[6], row[8], row[amount]])).toEqual([
      ['533423', '省级财政', '是', '158', '316,000.00'],
      ['533423', '', '', '', '316,000.00'],
    ]);
    expect(rows[0][header.indexOf('依据数据')]).toBe('2024Q4: 600; 2023Q4: 442; 当年任务 586');
    expect(rows[1][header.indexOf('规则')]).toBe('合计');
  });

  it('Weixi 2025, with no report of the year: the 656 task is not met, nothing is owed', async () => {
    const answer = await funding('533423', 2025);
    // no 2025 report: the task (656) cannot be met, so nothing is owed, and conditionMet is false
    expect(answer.items[0]).toMatchObject({ quantity: null, amount: 0, conditionMet: false });
    expect(answer.total).toBe(0);
  });

  it('Chiping 2025 from the reports’ child-months, entered through the report API', async () => {
    const quarters = [
      { period: '2024Q4', places: 2000, second: 100, third: 25, independent: 0 },
      { period: '2025Q1', places: 2100, second: 120, third: 30, independent: 0 },
      { period: '2025Q2', places: 2200, second: 135, third: 33, independent: 0 },
      { period: '2025Q3', places: 2300, second: 150, third: 36, independent: 1 },
      { period: '2025Q4', places: 2380, second: 165, third: 39, independent: 1 },
    ];
    for (const q of quarters) {
      const saved = await call(entryChiping, 'PUT', `/api/v1/reports/371503/${q.period}`, {
        places: q.places,
        affordablePlaces: 1200,
        secondChildMonths: q.second,
        thirdChildMonths: q.third,
        institutions: { public_independent: q.independent },
      });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({ secondChildMonths: q.second, thirdChildMonths: q.third });
      const submitted = await call(entryChiping, 'POST', `/api/v1/reports/371503/${q.period}/submit`, undefined, {
        'if-match': String(saved.body.version),
      });
      expect(submitted.status).toBe(200);
    }
    const answer = await funding('371503', 2025);
    const amounts = answer.items.map((item) => [item.payer, item.quantity, item.amount]);
    expect(amounts).toEqual([
      ['county', 570, 171_000], // (120 + 135 + 150 + 165) × 300
      ['county', 138, 55_200], // (30 + 33 + 36 + 39) × 400
      ['prefecture', 1, 150_000], // public independent institutions 0 → 1
      ['county', 1, 100_000],
    ]);
    expect(answer.total).toBe(476_200);
    expect(answer.byPayer).toEqual([
      { payer: 'prefecture', amount: 150_000 },
      { payer: 'county', amount: 326_200 },
    ]);
    expect(answer.items[0].basis.quarters).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
  });

  it('a parent sums its units’ rules: Diqing and Yunnan 2024 over Weixi, Liaocheng and Shandong over Chiping', async () => {
    for (const parent of ['533400', '530000']) {
      const answer = await funding(parent, 2024);
      expect(answer).toMatchObject({ code: parent, year: 2024, total: 316_000, complete: true });
      expect(answer.byPayer).toEqual([{ payer: 'province', amount: 316_000 }]);
      expect(answer.items.map((item) => [item.jurisdictionCode, item.quantity, item.amount])).toEqual([
        ['533423', 158, 316_000],
      ]);
      expect(answer.units).toEqual([{ code: '533423', total: 316_000, complete: true, unknownRules: [] }]);
    }
    const chiping = await funding('371503', 2025);
    for (const parent of ['371500', '370000']) {
      const answer = await funding(parent, 2025);
      expect(answer).toMatchObject({ code: parent, total: 476_200, complete: true });
      expect(answer.byPayer).toEqual(chiping.byPayer);
      expect(answer.items.map((item) => item.ruleId)).toEqual(chiping.items.map((item) => item.ruleId));
    }
    // 2024: Chiping's 2023 year-end is not reported, so its new institutions are unknown; the
    // child-months of 2024Q4 alone (100 × 300 + 25 × 400 = 40,000) are known, and the parent says
    // that its total is a lower bound for want of Chiping's two construction grants
    const liaocheng = await funding('371500', 2024);
    expect(liaocheng.total).toBe(40_000);
    expect(liaocheng.complete).toBe(false);
    const grants = chiping.items.filter((item) => item.kind === 'per_institution_once').map((item) => item.ruleId);
    expect(liaocheng.units).toEqual([{ code: '371503', total: 40_000, complete: false, unknownRules: grants }]);
  });

  it('imports child-months from a CSV with the template’s headers, and the funding answer counts them', async () => {
    const csv = [
      '行政区划代码,季度,托位数,普惠托位数,普惠托育二孩在托人月数,普惠托育三孩在托人月数',
      '371503,2026Q1,2400,1300,200,-1',
    ].join('\n');
    const upload = (body: string, mode: 'dry-run' | 'commit') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/import?mode=${mode}`,
        headers: entryChiping.headers({ 'content-type': 'text/csv' }),
        payload: body,
      });
    const refused = (await upload(csv, 'commit')).json();
    expect(refused.error.code).toBe('import_rejected');
    expect(refused.error.details.problems).toEqual([
      expect.objectContaining({ row: 2, column: '普惠托育三孩在托人月数', value: '-1', reason: '不能为负数' }),
    ]);
    const committed = await upload(csv.replace(',-1', ',40'), 'commit');
    expect(committed.json()).toMatchObject({ committed: true, created: 1 });
    const report = await call(entryChiping, 'GET', '/api/v1/reports/371503/2026Q1');
    expect(report.body).toMatchObject({ secondChildMonths: 200, thirdChildMonths: 40, status: 'draft' });
    await call(entryChiping, 'POST', '/api/v1/reports/371503/2026Q1/submit', undefined, { 'if-match': '1' });
    const answer = await funding('371503', 2026);
    // 200 × 300 and 40 × 400, from one quarter so far
    expect(answer.items.slice(0, 2).map((item) => [item.quantity, item.amount, item.basis.provisional])).toEqual([
      [200, 60_000, true],
      [40, 16_000, true],
    ]);
  });

  it('a report without child-months keeps them unknown (null), and a negative count is refused', async () => {
    const saved = await call(entryChiping, 'PUT', '/api/v1/reports/371503/2023Q4', {
      places: 1700,
      affordablePlaces: 900,
    });
    expect(saved.body).toMatchObject({ secondChildMonths: null, thirdChildMonths: null });
    const refused = await call(entryChiping, 'PUT', '/api/v1/reports/371503/2023Q3', {
      places: 1600,
      affordablePlaces: 900,
      thirdChildMonths: -3,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'body.thirdChildMonths' })]);
    const stored = await test.database.db
      .selectFrom('quarterly_reports')
      .select('id')
      .where('jurisdiction_code', '=', '371503')
      .where('year', '=', 2023)
      .where('quarter', '=', 3)
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses a bad year, an unknown unit, and a zero or negative rate, storing nothing', async () => {
    for (const year of ['24', '1999', '2101', 'abcd', '']) {
      const answer = await call(null, 'GET', `/api/v1/funding/533423?year=${year}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_year');
    }
    const english = await app.inject({
      method: 'GET',
      url: '/api/v1/funding/533423?year=1999',
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toContain('from 2000 to 2100');
    expect((await call(null, 'GET', '/api/v1/funding/533499?year=2024')).status).toBe(404);

    const weixi = await planOf('533423');
    const before = await ruleCount();
    const rule = {
      kind: 'per_place_built',
      rate: -2000,
      payer: 'province',
      condition: null,
      clause: '四(十二)',
      description: 'x',
    };
    for (const rate of [-2000, 0]) {
      const refused = await call(admin, 'POST', `/api/v1/plans/${weixi.id}/funding-rules`, { ...rule, rate });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([{ field: 'body.rate', message: '应大于 0' }]);
    }
    const noBirthOrder = await call(admin, 'POST', `/api/v1/plans/${weixi.id}/funding-rules`, {
      ...rule,
      rate: 300,
      kind: 'per_child_month',
    });
    expect(noBirthOrder.body.error.details).toEqual([expect.objectContaining({ field: 'body.birthOrder' })]);
    const unknownPlan = await call(admin, 'POST', '/api/v1/plans/00000000-0000-4000-8000-000000000000/funding-rules', {
      ...rule,
      rate: 1,
    });
    expect(unknownPlan).toMatchObject({ status: 404, body: { error: { code: 'no_plan' } } });
    const badPlanId = await call(admin, 'POST', '/api/v1/plans/not-a-plan/funding-rules', { ...rule, rate: 1 });
    expect(badPlanId.status).toBe(400);
    expect(await ruleCount()).toBe(before);
  });

  it('an admin’s edit is audited, guarded by If-Match, and seen by the very next funding answer', async () => {
    expect((await funding('533423', 2024)).total).toBe(316_000);
    const [rule] = (await planOf('533423')).fundingRules;
    const edit = { ...rule, rate: 2500 } as Partial<FundingRule>;
    delete edit.id;
    delete edit.planId;
    delete edit.version;
    const withoutVersion = await call(admin, 'PUT', `/api/v1/funding-rules/${rule.id}`, edit);
    expect(withoutVersion.status).toBe(428);
    const outside = await call(
      yunnanAdmin,
      'PUT',
      `/api/v1/funding-rules/${(await planOf('371503')).fundingRules[0].id}`,
      {
        ...edit,
      },
      { 'if-match': '1' },
    );
    expect(outside.status).toBe(403);

    const updated = await call(admin, 'PUT', `/api/v1/funding-rules/${rule.id}`, edit, { 'if-match': '1' });
    expect(updated.status).toBe(200);
    expect(updated.body.fundingRules[0]).toMatchObject({ rate: 2500, version: 2 });
    // 158 × 2,500
    expect((await funding('533423', 2024)).total).toBe(395_000);

    const stale = await call(
      admin,
      'PUT',
      `/api/v1/funding-rules/${rule.id}`,
      { ...edit, rate: 1 },
      { 'if-match': '1' },
    );
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'stale_version' } } });
    expect((await funding('533423', 2024)).total).toBe(395_000);

    const added = await call(yunnanAdmin, 'POST', `/api/v1/plans/${rule.planId}/funding-rules`, {
      kind: 'per_institution_once',
      rate: 50_000,
      payer: 'county',
      condition: null,
      clause: '四(十二)',
      description: '示范性托育机构一次性奖补（测试）',
      institutionKind: 'demonstration',
    });
    expect(added.status).toBe(201);
    const addedRule = added.body.fundingRules[1] as FundingRule;
    const deleted = await call(yunnanAdmin, 'DELETE', `/api/v1/funding-rules/${addedRule.id}`, undefined, {
      'if-match': '1',
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.fundingRules).toHaveLength(1);

    const audit = await test.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'entity_id', 'jurisdiction_code', 'before', 'after'])
      .where('entity', '=', 'funding_rule')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => [row.action, row.actor, row.entity_id, row.jurisdiction_code])).toEqual([
      ['update', ACCOUNTS.admin.username, rule.id, '533423'],
      ['insert', ACCOUNTS.adminYunnan.username, addedRule.id, '533423'],
      ['delete', ACCOUNTS.adminYunnan.username, addedRule.id, '533423'],
    ]);
    expect(audit[0].before).toMatchObject({ rate: 2000, version: 1 });
    expect(audit[0].after).toMatchObject({ rate: 2500 });
  });

  it('a rule goes with its plan', async () => {
    const created = await call(admin, 'POST', '/api/v1/plans', {
      jurisdictionCode: '533400',
      documentNumber: null,
      title: '测试规划',
      issuer: '测试',
      issuedOn: null,
    });
    const plan = created.body as PlanView;
    await call(admin, 'POST', `/api/v1/plans/${plan.id}/funding-rules`, {
      kind: 'per_place_built',
      rate: 1000,
      payer: 'prefecture',
      condition: null,
      clause: '一',
      description: '测试',
    });
    const before = await ruleCount();
    expect((await call(admin, 'DELETE', `/api/v1/plans/${plan.id}`)).status).toBe(204);
    expect(await ruleCount()).toBe(before - 1);
  });
});
