// The dashboard's reshaping of API answers into chart rows, table rows and CSV, on hand-made
// answers shaped like Weixi's and Linfen's at 2024Q4.
import type { OverviewRow, OverviewView, ProgressView, SeriesView } from '@tuowei/shared';
import { describe, expect, it } from 'vitest';
import {
  affordableDrawn,
  affordableTable,
  cascadeShortfall,
  gapDrawn,
  gapRankingTable,
  placesDrawn,
  placesTable,
  ratioDrawn,
  ratioTable,
  tableCsv,
  unitsTable,
} from './chart-data.ts';

type TargetSummary = NonNullable<OverviewRow['placesTarget']>;
type TargetProgress = ProgressView['targets'][number];

function summary(
  value: number,
  gap: number | null,
  requiredPerQuarter: number | null,
  status: TargetSummary['status'],
) {
  return {
    targetId: `t-${value}-${gap}`,
    documentNumber: null,
    planTitle: 'plan',
    planJurisdictionCode: '000000',
    clause: '一',
    value,
    dueYear: 2025,
    current: null,
    gap,
    requiredPerQuarter,
    forecast: null,
    status,
  } satisfies TargetSummary;
}

function unit(code: string, name: string, fields: Partial<OverviewRow> = {}): OverviewRow {
  return {
    code,
    name,
    nameEn: `${name} (en)`,
    level: 'county',
    population: null,
    places: null,
    affordablePlaces: null,
    placesPer1000: null,
    affordableShare: null,
    figuresPeriod: null,
    completeness: null,
    childrenReported: 0,
    childrenTotal: 0,
    coverage: null,
    demo: false,
    placesTarget: null,
    affordableShareTarget: null,
    statusCounts: { met: 0, missed: 0, on_track: 0, at_risk: 0, off_track: 0, no_data: 0 },
    ...fields,
  };
}

function overview(root: OverviewRow | null, rows: OverviewRow[]): OverviewView {
  return { period: '2024Q4', counting: 'submitted_and_approved', root, rows, headlines: [], demo: false };
}

function target(fields: Partial<TargetProgress>): TargetProgress {
  return {
    targetId: 'x',
    planId: 'p',
    documentNumber: '维发〔2023〕15号',
    planTitle: '维西县实施方案',
    issuer: '维西县人民政府',
    planJurisdictionCode: '533423',
    inherited: false,
    clause: '附件3',
    metric: 'affordable_places',
    comparator: 'at_least',
    value: 0,
    dueYear: 2025,
    scope: 'self',
    institutionKind: null,
    measured: true,
    binding: true,
    current: null,
    currentPeriod: null,
    gap: null,
    requiredPerQuarter: null,
    forecast: null,
    status: 'no_data',
    dueYearValue: null,
    closed: false,
    currentMeets: null,
    supersedes: null,
    supersededBy: null,
    inForceFrom: null,
    inForceUntil: null,
    baseline: null,
    ...fields,
  };
}

function progress(code: string, targets: TargetProgress[], cascades: ProgressView['cascades'] = []): ProgressView {
  return {
    code,
    name: code,
    nameEn: code,
    level: 'county',
    period: '2024Q4',
    population: null,
    actual: null,
    coverage: null,
    targets,
    cascades,
    scheduleFindings: [],
    demo: false,
    counting: 'submitted_and_approved',
  };
}

const point = (period: string, index: number, places: number, affordablePlaces: number, completeness = 1) => ({
  period,
  index,
  places,
  affordablePlaces,
  population: 146363,
  placesPer1000: null,
  affordableShare: affordablePlaces / places,
  completeness,
});

describe('the places chart', () => {
  it("plots the API's rows as they came and puts each reported quarter's completeness beside them", () => {
    const series: SeriesView = {
      code: '533423',
      period: '2024Q4',
      points: [point('2024Q3', 8098, 581, 340, 0.5), point('2024Q4', 8099, 600, 350)],
      placesChart: [
        { period: '2024Q3', places: 581, scheduled: null, neededByRatio: 659, forecast: null, requiredPace: null },
        { period: '2024Q4', places: 600, scheduled: 586, neededByRatio: 659, forecast: 600, requiredPace: 600 },
        {
          period: '2025Q1',
          places: null,
          scheduled: null,
          neededByRatio: 659,
          forecast: 618.575,
          requiredPace: 614.75,
        },
      ],
    };
    const table = placesTable(series);
    expect(table.columns.map((column) => column.key)).toEqual([
      'period',
      'places',
      'scheduled',
      'neededByRatio',
      'forecast',
      'requiredPace',
      'completeness',
    ]);
    expect(table.rows).toEqual([
      {
        period: '2024Q3',
        places: 581,
        scheduled: null,
        neededByRatio: 659,
        forecast: null,
        requiredPace: null,
        completeness: 0.5,
      },
      {
        period: '2024Q4',
        places: 600,
        scheduled: 586,
        neededByRatio: 659,
        forecast: 600,
        requiredPace: 600,
        completeness: 1,
      },
      // a quarter still to come has no report, hence no completeness
      {
        period: '2025Q1',
        places: null,
        scheduled: null,
        neededByRatio: 659,
        forecast: 618.575,
        requiredPace: 614.75,
        completeness: null,
      },
    ]);
  });
});

describe('places per 1,000 of each unit', () => {
  const yunnan = unit('530000', '云南省', { placesTarget: summary(4.5, 100, 25, 'at_risk') });
  const children = [
    unit('533400', '迪庆藏族自治州', {
      placesPer1000: 4.099396705451515,
      completeness: 1,
      placesTarget: summary(5, 133, 33.25, 'off_track'),
    }),
    unit('532300', '楚雄州', { placesPer1000: null, completeness: 0 }),
  ];

  it("draws each unit against the jurisdiction's binding target and its own, in the reader's language", () => {
    const table = ratioTable(overview(yunnan, children), 'en');
    expect(table.columns.map((column) => column.key)).toEqual([
      'code',
      'name',
      'placesPer1000',
      'rootTarget',
      'ownTarget',
      'status',
      'completeness',
    ]);
    expect(table.rows).toEqual([
      {
        code: '533400',
        name: '迪庆藏族自治州 (en)',
        placesPer1000: 4.099396705451515,
        rootTarget: 4.5,
        ownTarget: 5,
        status: 'off_track',
        completeness: 1,
      },
      {
        code: '532300',
        name: '楚雄州 (en)',
        placesPer1000: null,
        rootTarget: 4.5,
        ownTarget: null,
        status: null,
        completeness: 0,
      },
    ]);
  });

  it('leaves the line across out where the jurisdiction (or the country) has no binding target', () => {
    const table = ratioTable(overview(null, children), 'zh');
    expect(table.columns.map((column) => column.key)).not.toContain('rootTarget');
    expect(table.rows[0]).not.toHaveProperty('rootTarget');
    expect(table.rows[0].name).toBe('迪庆藏族自治州');
  });
});

describe('the gap ranking', () => {
  it('puts the units needing most places first and those without a target or figures last', () => {
    const rows = [
      unit('141000', '临汾市', { placesTarget: summary(4.5, 1477, 369.25, 'on_track') }),
      unit('140100', '太原市', { placesTarget: summary(4.5, 0, null, 'met') }),
      unit('140200', '大同市'),
      unit('533423', '维西县', { placesTarget: summary(4.5, 59, 14.75, 'on_track') }),
      unit('140300', '阳泉市', { placesTarget: summary(4.5, null, null, 'no_data') }),
    ];
    const table = gapRankingTable(overview(null, rows), 'zh');
    // 1,477 > 59 > 0, then the two without a gap by code: 140200 before 140300
    expect(table.rows.map((row) => [row.code, row.placesNeeded, row.requiredPerQuarter])).toEqual([
      ['141000', 1477, 369.25],
      ['533423', 59, 14.75],
      ['140100', 0, null],
      ['140200', null, null],
      ['140300', null, null],
    ]);
  });
});

describe('affordable places against their schedule and share target', () => {
  const series: SeriesView = {
    code: '533423',
    period: '2024Q4',
    points: [point('2024Q3', 8098, 581, 340), point('2024Q4', 8099, 600, 350)],
    placesChart: [],
  };
  const schedule = [
    target({ targetId: 's2024', value: 352, dueYear: 2024 }),
    target({ targetId: 's2025', value: 396, dueYear: 2025 }),
    // a province's count is not a schedule for the county
    target({ targetId: 'parent', value: 9999, dueYear: 2025, planJurisdictionCode: '530000', inherited: true }),
  ];

  it("runs the quarters on to the last scheduled year and sets each year's schedule at its fourth quarter", () => {
    const table = affordableTable(series, progress('533423', schedule));
    expect(table.columns.map((column) => column.key)).toEqual([
      'period',
      'affordablePlaces',
      'scheduledAffordable',
      'affordableShare',
    ]);
    // 2024Q3 and 2024Q4 reported, then 2025Q1–Q4 to reach the 2025 schedule: six rows
    expect(table.rows.map((row) => [row.period, row.affordablePlaces, row.scheduledAffordable])).toEqual([
      ['2024Q3', 340, null],
      ['2024Q4', 350, 352],
      ['2025Q1', null, null],
      ['2025Q2', null, null],
      ['2025Q3', null, null],
      ['2025Q4', null, 396],
    ]);
    // 350 ÷ 600 as the API gave it
    expect(table.rows[1].affordableShare).toBeCloseTo(0.58333, 5);
  });

  it('draws the headline affordable-share target across: the binding one due last, as the overview heads with it', () => {
    const targets = [
      target({ targetId: 'share2025', metric: 'affordable_share', value: 0.6, dueYear: 2025 }),
      target({ targetId: 'share2030', metric: 'affordable_share', value: 0.7, dueYear: 2030 }),
      target({ targetId: 'share2022', metric: 'affordable_share', value: 0.5, dueYear: 2022 }),
      target({ targetId: 'loose', metric: 'affordable_share', value: 0.4, dueYear: 2026, binding: false }),
    ];
    const table = affordableTable(series, progress('533423', targets));
    expect(table.columns.at(-1)).toEqual({ key: 'shareTarget', kind: 'percent' });
    expect(table.rows.map((row) => row.shareTarget)).toEqual([0.7, 0.7]);
  });
});

describe('the units table of the overview', () => {
  it('carries every headline figure of each unit, a missing target as empty', () => {
    const shanxi = unit('140000', '山西省', {
      places: 134572,
      placesPer1000: 3.8826424773297097,
      affordableShare: 0.5500029723865292,
      completeness: 1,
      figuresPeriod: '2024Q4',
      placesTarget: summary(4.5, 21398, 5349.5, 'at_risk'),
      affordableShareTarget: summary(0.6, 6729, 1682.25, 'at_risk'),
    });
    const shandong = unit('370000', '山东省', { places: 2066, placesPer1000: 4.050980392156863 });
    const table = unitsTable(overview(null, [shanxi, shandong]), 'zh');
    expect(table.rows[0]).toEqual({
      code: '140000',
      name: '山西省',
      places: 134572,
      placesPer1000: 3.8826424773297097,
      ownTarget: 4.5,
      ownTargetDue: '2025',
      placesNeeded: 21398,
      requiredPerQuarter: 5349.5,
      status: 'at_risk',
      affordableShare: 0.5500029723865292,
      shareTarget: 0.6,
      shareStatus: 'at_risk',
      completeness: 1,
      figuresPeriod: '2024Q4',
    });
    expect(table.rows[1]).toMatchObject({ ownTarget: null, placesNeeded: null, status: null, shareTarget: null });
  });
});

describe('units that still lack an institution', () => {
  const cascade = (units: ProgressView['cascades'][number]['units']): ProgressView['cascades'][number] => ({
    targetId: 'c',
    planId: 'linfen',
    documentNumber: null,
    planTitle: '临汾市实施方案',
    clause: '二(三)9',
    metric: 'institutions',
    comparator: 'at_least',
    value: 1,
    dueYear: 2025,
    scope: 'each_county',
    institutionKind: 'public_demonstration',
    unitsTotal: units.length,
    unitsMeeting: 0,
    unitsNoData: 0,
    gap: 0,
    units,
  });

  it('lists the units with a gap and, apart, those with no figures', () => {
    const result = cascadeShortfall(
      cascade([
        { code: '141002', name: '尧都区', nameEn: 'Yaodu', current: 1, gap: 0, status: 'met' },
        { code: '141021', name: '曲沃县', nameEn: 'Quwo', current: 0, gap: 1, status: 'off_track' },
        { code: '141022', name: '翼城县', nameEn: 'Yicheng', current: null, gap: null, status: 'no_data' },
      ]),
    );
    expect(result.lacking.map((unit) => unit.code)).toEqual(['141021']);
    expect(result.unknown.map((unit) => unit.code)).toEqual(['141022']);
  });

  it('has nothing to list when no units are known (Linfen has no counties in the data)', () => {
    expect(cascadeShortfall(cascade([]))).toEqual({ lacking: [], unknown: [] });
  });
});

describe('what a chart draws, for the chart and its caption', () => {
  it("leaves out a closed target's forecast and pace, which have no values (Weixi at 2026Q3)", () => {
    const rows = [
      { period: '2025Q4', places: 650, scheduled: 656, neededByRatio: 659, forecast: null, requiredPace: null },
      { period: '2026Q3', places: 681, scheduled: null, neededByRatio: 659, forecast: null, requiredPace: null },
    ];
    expect(placesDrawn(rows)).toEqual({
      places: true,
      scheduled: true,
      neededByRatio: true,
      forecast: false,
      requiredPace: false,
      figures: true,
    });
    // a line without dots needs two values to show: one forecast point draws nothing
    expect(placesDrawn([{ ...rows[0], forecast: 700 }, rows[1]]).forecast).toBe(false);
  });

  it('has no figures where only targets and schedules have values (Guiyang, no reports)', () => {
    expect(placesDrawn([{ period: '2026Q3', places: null, scheduled: 900 }]).figures).toBe(false);
    const units = [
      { code: '520102', placesPer1000: null, ownTarget: 3, placesNeeded: null },
      { code: '520103', placesPer1000: null, ownTarget: 3, placesNeeded: null },
    ];
    expect(ratioDrawn(units, 3)).toEqual({ placesPer1000: false, ownTarget: true, rootTarget: true, figures: false });
    expect(gapDrawn(units).figures).toBe(false);
    const affordable = [{ period: '2026Q3', affordablePlaces: null, scheduledAffordable: null, affordableShare: null }];
    expect(affordableDrawn(affordable, null)).toEqual({
      affordablePlaces: false,
      scheduledAffordable: false,
      affordableShare: false,
      shareTarget: false,
      figures: false,
    });
  });
});

describe('the CSV of a chart', () => {
  it('writes the drawn numbers unrounded under headings in the language, with a BOM, CRLF and neutralised text', () => {
    const table = {
      rowKey: 'code',
      columns: [
        { key: 'code', kind: 'code' as const },
        { key: 'name', kind: 'name' as const },
        { key: 'placesPer1000', kind: 'ratio' as const },
        { key: 'status', kind: 'status' as const },
      ],
      rows: [
        { code: '533423', name: '维西傈僳族自治县', placesPer1000: 4.099396705451515, status: 'on_track' },
        { code: '999999', name: '=HYPERLINK("x"), evil', placesPer1000: null, status: null },
      ],
    };
    const titles: Record<string, string> = {
      code: '代码',
      name: '名称',
      placesPer1000: '每千人口托位数',
      status: '状态',
    };
    const csv = tableCsv(table, { title: (key) => titles[key], status: (status) => `<${status}>` });
    expect(csv).toBe(
      '\uFEFF代码,名称,每千人口托位数,状态\r\n' +
        '533423,维西傈僳族自治县,4.099396705451515,<on_track>\r\n' +
        // a leading = becomes '=, and the comma and quotes make the field quoted with doubled quotes
        `999999,"'=HYPERLINK(""x""), evil",,\r\n`,
    );
  });
});
