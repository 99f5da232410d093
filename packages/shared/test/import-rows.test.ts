// Which rows below an import's header are not reports, recognised by their label and never by
// failing: a row whose division code looks real is always data, so its bad numbers are named.
import { describe, expect, it } from 'vitest';
import { matchHeaders, nonDataRow, type RawCell, readImportRow } from '../src/import.ts';

const { columns } = matchHeaders(['序号', '行政区划代码', '名称', '季度', '托位数', '普惠托位数', '备注']);
const row = (...cells: RawCell[]) => nonDataRow(cells, columns);

describe('rows that are not reports', () => {
  it.each<[string, RawCell[], string]>([
    ['合计 in the 序号 column only', ['合计', null, null, null, 2567, 1560, null], 'total'],
    ['合  计 with spaces, in the name column', [null, null, '合  计', null, 2567, 1560, null], 'total'],
    ['a subtotal', [null, '', '乡镇小计', '2026Q3', 818, 495, null], 'total'],
    ['全县合计 merged across', ['全县合计', '全县合计', '全县合计', '全县合计', 2567, 1560, null], 'total'],
    ['an English total', [null, 'Total', null, null, 1, 1, null], 'total'],
    ['填表人 and 审核人', ['填表人：王春燕', null, null, null, '审核人：李建国', null, null], 'footer'],
    ['填报日期 alone', [null, '填报日期', '2026年10月9日', null, null, null, null], 'footer'],
    ['联系电话', ['联系电话：0635-4262xxx', null, null, null, null, null, null], 'footer'],
    ['单位负责人', ['单位负责人：张志华', null, null, null, null, null, null], 'footer'],
    ['a 说明 line', ['说明：1. 托位数指季度末的托位数。', null, null, null, null, null, null], 'note'],
    ['a 备注 line', ['备注：数据来源于托育机构备案系统', null, null, null, null, null, null], 'note'],
    ['a numbered note line merged across', Array(7).fill('2、机构数按举办性质统计。'), 'note'],
    ['a blank row', [null, ' ', '', null, null, null, null], 'empty'],
  ])('skips %s', (_, cells, reason) => {
    expect(row(...cells)?.reason).toBe(reason);
  });

  it.each<[string, RawCell[]]>([
    ['a report whose name says 合计', [1, '533423', '维西合计', '2026Q3', 600, 350, null]],
    ['a report with a 备注 comment in its code row', [2, '371503104', '博平镇', '2026Q3', 110, 70, '备注：新增']],
    ['a row with no code and figures', [3, null, '博平镇', '2026Q3', 110, 70, null]],
    ['a row whose code is mistyped', [4, '37150', '博平镇', '2026Q3', 110, 70, null]],
    ['a lone number', [5, null, null, null, null, null, null]],
  ])('reads %s as data', (_, cells) => {
    expect(row(...cells)).toBeNull();
  });

  it('names the bad numbers of a row with a real code and 合计 for a name', () => {
    const outcome = readImportRow(9, [1, '533423', '合计', '2026Q3', '六百', 350, null], columns, 'zh');
    expect(outcome).toEqual({
      kind: 'problems',
      problems: [{ row: 9, column: '托位数', value: '六百', reason: '应为整数' }],
    });
  });

  it('reads headers with units, 其中 and a star', () => {
    const named = matchHeaders([
      '托位数（个）',
      '其中：普惠托位数',
      '行政区划代码*',
      '季度',
      '在托婴幼儿数(人)',
    ]).columns;
    expect(named.map((column) => column?.key)).toEqual([
      'places',
      'affordablePlaces',
      'code',
      'period',
      'childrenEnrolled',
    ]);
  });
});
