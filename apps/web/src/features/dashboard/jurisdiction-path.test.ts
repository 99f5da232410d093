// The breadcrumb's way down to a jurisdiction and the units to drill into, on the shipped tree.
import type { Jurisdiction } from '@tuowei/shared';
import { describe, expect, it } from 'vitest';
import { childrenOf, pathTo } from './jurisdiction-path.ts';

const j = (code: string, name: string, level: Jurisdiction['level'], parentCode: string | null): Jurisdiction => ({
  code,
  name,
  nameEn: name,
  level,
  parentCode,
});

const tree = [
  j('533423', '维西傈僳族自治县', 'county', '533400'),
  j('530000', '云南省', 'province', null),
  j('533400', '迪庆藏族自治州', 'prefecture', '530000'),
  j('140000', '山西省', 'province', null),
  j('141000', '临汾市', 'prefecture', '140000'),
];

describe('the way down to a jurisdiction', () => {
  it('runs from the province through the prefecture to the county', () => {
    expect(pathTo(tree, '533423').map((unit) => unit.code)).toEqual(['530000', '533400', '533423']);
  });

  it('is the province alone for a province, and empty for a code not listed', () => {
    expect(pathTo(tree, '140000').map((unit) => unit.code)).toEqual(['140000']);
    expect(pathTo(tree, '999999')).toEqual([]);
  });

  it('stops rather than loop on a parent cycle', () => {
    const cycle = [j('100000', 'a', 'province', '200000'), j('200000', 'b', 'province', '100000')];
    expect(pathTo(cycle, '100000').map((unit) => unit.code)).toEqual(['200000', '100000']);
  });
});

describe('the units under a jurisdiction', () => {
  it('are its direct children only', () => {
    expect(childrenOf(tree, '530000').map((unit) => unit.code)).toEqual(['533400']);
    // Linfen has no counties in the data
    expect(childrenOf(tree, '141000')).toEqual([]);
  });
});
