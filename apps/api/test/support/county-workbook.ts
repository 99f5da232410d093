// A county's quarterly workbook as a county office lays it out, written by exceljs: a title row
// and a "填报单位" line above a merged two-level header (机构数 over its kinds), a 序号 column,
// numbers typed as text with thousands separators ("1,205"), the quarter merged down, subtotal
// and totals rows, a blank separator row, the 填表人 / 审核人 / 填报日期 footer and 说明 lines.
import ExcelJS from 'exceljs';

export interface CountyUnit {
  code: string;
  name: string;
  /** As typed: a number, or text such as "1,205". */
  places: number | string;
  affordablePlaces: number | string;
  childrenEnrolled: number | string | null;
  /** 公办, 公办民营, 普惠性民办, 社区托育点 */
  institutions: [number, number, number, number];
  comment?: string;
}

/** Chiping district (371503): its three subdistricts, then its towns and its township. */
export const CHIPING_STREETS: CountyUnit[] = [
  {
    code: '371503001',
    name: '振兴街道',
    places: '1,205',
    affordablePlaces: '730',
    childrenEnrolled: 688,
    institutions: [2, 1, 3, 2],
  },
  {
    code: '371503002',
    name: '信发街道',
    places: 316,
    affordablePlaces: 190,
    childrenEnrolled: 201,
    institutions: [1, 0, 1, 1],
  },
  {
    code: '371503003',
    name: '温陈街道',
    places: 228,
    affordablePlaces: 140,
    childrenEnrolled: 150,
    institutions: [1, 0, 1, 0],
  },
];
export const CHIPING_TOWNS: CountyUnit[] = [
  {
    code: '371503101',
    name: '乐平铺镇',
    places: 96,
    affordablePlaces: 60,
    childrenEnrolled: 58,
    institutions: [1, 0, 0, 1],
  },
  {
    code: '371503102',
    name: '冯官屯镇',
    places: 84,
    affordablePlaces: 50,
    childrenEnrolled: 47,
    institutions: [0, 1, 0, 1],
  },
  {
    code: '371503103',
    name: '菜屯镇',
    places: 72,
    affordablePlaces: 45,
    childrenEnrolled: null,
    institutions: [1, 0, 0, 0],
  },
  {
    code: '371503104',
    name: '博平镇',
    places: '110',
    affordablePlaces: '70',
    childrenEnrolled: '64',
    institutions: [1, 0, 1, 1],
    comment: '新增社区托育点 1 处',
  },
  {
    code: '371503105',
    name: '杜郎口镇',
    places: 90,
    affordablePlaces: 56,
    childrenEnrolled: 52,
    institutions: [1, 0, 0, 1],
  },
  {
    code: '371503106',
    name: '韩屯镇',
    places: 64,
    affordablePlaces: 40,
    childrenEnrolled: 35,
    institutions: [0, 0, 1, 0],
  },
  {
    code: '371503107',
    name: '胡屯镇',
    places: 60,
    affordablePlaces: 36,
    childrenEnrolled: 33,
    institutions: [0, 0, 1, 0],
  },
  {
    code: '371503108',
    name: '肖家庄镇',
    places: 70,
    affordablePlaces: 42,
    childrenEnrolled: 40,
    institutions: [1, 0, 0, 0],
  },
  {
    code: '371503109',
    name: '贾寨镇',
    places: 66,
    affordablePlaces: 40,
    childrenEnrolled: 38,
    institutions: [0, 1, 0, 0],
  },
  {
    code: '371503110',
    name: '洪官屯镇',
    places: 58,
    affordablePlaces: 36,
    childrenEnrolled: 30,
    institutions: [0, 0, 0, 1],
  },
  {
    code: '371503200',
    name: '广平乡',
    places: 48,
    affordablePlaces: 30,
    childrenEnrolled: 26,
    institutions: [0, 0, 0, 1],
  },
];

const COLUMNS = 12; // A 序号 … L 备注

/**
 * The workbook, and the row numbers of what is in it. `change` may alter a unit's cells before
 * they are written (to slip a bad value into the middle); the quarter is merged down each block
 * unless told not to (a CSV saved from it would keep the quarter in the block's first row only).
 */
export async function countyWorkbook(
  period: string,
  change: (unit: CountyUnit) => CountyUnit = (unit) => unit,
  options: { mergeQuarter: boolean } = { mergeQuarter: true },
): Promise<{ file: Buffer; rows: Record<string, number> }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('托育服务统计');
  const [year, quarter] = [period.slice(0, 4), '一二三四'[Number(period.slice(5)) - 1]];
  const rows: Record<string, number> = {};
  const merge = (from: string, to: string) => sheet.mergeCells(`${from}:${to}`);

  sheet.addRow([`茌平区${year}年第${quarter}季度托育服务发展情况统计表`]);
  merge('A1', 'L1');
  sheet.addRow([
    '填报单位（盖章）：聊城市茌平区卫生健康局',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '单位：个、所',
  ]);
  merge('A2', 'F2');
  merge('K2', 'L2');
  sheet.addRow([
    '序号',
    '行政区划代码',
    '名称',
    '季度',
    '托位数（个）',
    '其中：普惠托位数',
    '在托婴幼儿数（人）',
    '机构数（所）',
    null,
    null,
    null,
    '备注',
  ]);
  sheet.addRow([null, null, null, null, null, null, null, '公办', '公办民营', '普惠性民办', '社区托育点', null]);
  for (const column of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'L']) merge(`${column}3`, `${column}4`);
  merge('H3', 'K3');

  let number = 0;
  const unitRows = (units: CountyUnit[]) => {
    const first = sheet.rowCount + 1;
    for (const original of units) {
      const unit = change(original);
      number += 1;
      const row = sheet.addRow([
        number,
        unit.code,
        unit.name,
        period,
        unit.places,
        unit.affordablePlaces,
        unit.childrenEnrolled,
        ...unit.institutions,
        unit.comment ?? null,
      ]);
      // the code typed as text, as Excel keeps it once the column is formatted 文本
      row.getCell(2).numFmt = '@';
      rows[unit.code] = row.number;
    }
    const last = sheet.rowCount;
    if (options.mergeQuarter && last > first) merge(`D${first}`, `D${last}`);
    return [first, last] as const;
  };
  const sum = (column: string, ranges: (readonly [number, number])[], values: (number | string | null)[]) => ({
    formula: ranges.map(([a, b]) => `SUM(${column}${a}:${column}${b})`).join('+'),
    result: values.reduce<number>((total, value) => total + Number(String(value ?? 0).replace(/,/g, '')), 0),
  });
  const subtotal = (label: string, range: readonly [number, number], units: CountyUnit[]) => {
    const row = sheet.addRow([
      label,
      null,
      null,
      null,
      sum(
        'E',
        [range],
        units.map((u) => u.places),
      ),
      sum(
        'F',
        [range],
        units.map((u) => u.affordablePlaces),
      ),
      sum(
        'G',
        [range],
        units.map((u) => u.childrenEnrolled),
      ),
      ...[0, 1, 2, 3].map((k) =>
        sum(
          'HIJK'[k],
          [range],
          units.map((u) => u.institutions[k]),
        ),
      ),
      null,
    ]);
    merge(`A${row.number}`, `D${row.number}`);
    return row.number;
  };

  const streets = unitRows(CHIPING_STREETS);
  rows.streetsSubtotal = subtotal('街道小计', streets, CHIPING_STREETS);
  rows.blank = sheet.addRow([]).number;
  const towns = unitRows(CHIPING_TOWNS);
  rows.townsSubtotal = subtotal('乡镇小计', towns, CHIPING_TOWNS);
  const all = [...CHIPING_STREETS, ...CHIPING_TOWNS];
  const total = sheet.addRow([
    '全区合计',
    null,
    null,
    null,
    sum(
      'E',
      [streets, towns],
      all.map((u) => u.places),
    ),
    sum(
      'F',
      [streets, towns],
      all.map((u) => u.affordablePlaces),
    ),
    sum(
      'G',
      [streets, towns],
      all.map((u) => u.childrenEnrolled),
    ),
    ...[0, 1, 2, 3].map((k) =>
      sum(
        'HIJK'[k],
        [streets, towns],
        all.map((u) => u.institutions[k]),
      ),
    ),
    null,
  ]);
  merge(`A${total.number}`, `D${total.number}`);
  rows.total = total.number;

  const footer = (cells: [string, string][]) => {
    const row = sheet.addRow(Array(COLUMNS).fill(null));
    for (const [from, text] of cells) row.getCell(from).value = text;
    return row;
  };
  rows.signed = footer([
    ['A', '填表人：王春燕'],
    ['E', '审核人：李建国'],
    ['I', '填报日期：2026年10月9日'],
  ]).number;
  merge(`A${rows.signed}`, `C${rows.signed}`);
  merge(`E${rows.signed}`, `G${rows.signed}`);
  merge(`I${rows.signed}`, `L${rows.signed}`);
  rows.phone = footer([
    ['A', '联系电话：0635-4262xxx'],
    ['E', '单位负责人：张志华'],
  ]).number;
  merge(`A${rows.phone}`, `C${rows.phone}`);
  rows.note = footer([['A', '说明：1. 托位数指季度末实际可提供的托位数，含普惠托位。']]).number;
  merge(`A${rows.note}`, `L${rows.note}`);
  rows.noteLine = footer([['A', '2. 机构数按举办性质统计，同一机构只计一次。']]).number;
  merge(`A${rows.noteLine}`, `L${rows.noteLine}`);

  sheet.getColumn(2).width = 14;
  sheet.getColumn(3).width = 12;
  return { file: Buffer.from(await book.xlsx.writeBuffer()), rows };
}

/** Chiping's units as jurisdictions, to insert under 371503. */
export const CHIPING_UNITS = [...CHIPING_STREETS, ...CHIPING_TOWNS].map(({ code, name }) => ({ code, name }));
