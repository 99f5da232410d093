// The one import reader over each kind's description: headers matched by name or alias, each row
// checked by the kind's own schema, repeats within the file named, template rows left blank skipped.
import { describe, expect, it } from 'vitest';
import { INDICATORS_IMPORT, REPORT_IMPORT, readImportRows } from '../src/index.ts';

const sheet = (headers: string[], ...rows: (string | number | null)[][]) => ({
  headers,
  rows: rows.map((cells, index) => ({ row: index + 2, cells })),
});

describe('the yearly indicators kind', () => {
  const HEADER = ['行政区划代码', '年度', '活产数', '孕产妇死亡数', '婴儿死亡数', '5 岁以下儿童死亡数', '备注栏'];

  it('reads counts (empty is unknown, not zero), accepts 年度 for 年份, and lists the column it does not know', () => {
    const read = readImportRows(INDICATORS_IMPORT, sheet(HEADER, ['371503', 2025, '3,200', 1, 8, null, 'x']), 'zh');
    expect(read.problems).toEqual([]);
    expect(read.ignoredColumns).toEqual(['备注栏']);
    expect(read.good).toEqual([
      {
        row: 2,
        code: '371503',
        year: 2025,
        version: null,
        counts: {
          liveBirths: 3200,
          maternalDeaths: 1,
          infantDeaths: 8,
          under5Deaths: null,
          boysBorn: null,
          girlsBorn: null,
          pregnantWomen: null,
          pregnantWomenScreened: null,
        },
      },
    ]);
  });

  it('names the impossible counts the form refuses, a repeat of an earlier row, and skips a row left as the template gave it', () => {
    const read = readImportRows(
      INDICATORS_IMPORT,
      sheet(
        HEADER,
        // 9 infant deaths but 8 under-5 deaths: infants are under five too
        ['371503', 2024, 3200, 1, 9, 8, null],
        ['371503', 2025, 3200, 1, 8, 10, null],
        ['371503', 2025, 3100, 1, 8, 10, null],
        ['371503', 2023, null, null, null, null, null],
      ),
      'en',
    );
    expect(read.problems).toEqual([
      {
        row: 2,
        column: 'Under-5 deaths',
        value: '8',
        reason: 'under-5 deaths cannot be fewer than infant deaths (infants are under five too)',
      },
      { row: 4, column: 'Year', value: '2025', reason: 'repeats row 3 (same unit and year)' },
    ]);
    expect(read.good.map((row) => row.row)).toEqual([3]);
    expect(read.skipped).toEqual([{ row: 5, reason: 'empty', label: '371503' }]);
  });
});

describe('the quarterly reports kind', () => {
  it('matches a bare institution name as an alias and names a repeated unit-quarter', () => {
    const read = readImportRows(
      REPORT_IMPORT,
      sheet(
        ['行政区划代码', '季度', '托位数', '普惠托位数', '公办'],
        ['533423', '2025Q1', 700, 400, 2],
        ['533423', '2025q1', 710, 400, 2],
      ),
      'zh',
    );
    expect(read.good[0].input.institutions).toEqual({ public: 2 });
    expect(read.problems).toEqual([
      { row: 3, column: '季度', value: '2025Q1', reason: '与前面一行重复（同一单位同一季度）: 2' },
    ]);
  });
});
