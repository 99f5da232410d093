// A pace needed is shown as whole places a person can plan, rounded up because it is the least
// that must be added each quarter; the exact figure stays the API's (and the hover's).
import { describe, expect, it } from 'vitest';
import { wholePace } from './whole-pace.ts';

describe('a pace shown in whole places', () => {
  it('rounds a part of a place up: 59 places over 4 quarters is 14.75, planned as 15', () => {
    expect(wholePace(59 / 4)).toBe(15);
    // one institution over 4 quarters: 0.25 a quarter, still one to open
    expect(wholePace(1 / 4)).toBe(1);
  });

  it('keeps a whole pace whole, also when floating point leaves a hair above it', () => {
    expect(wholePace(15)).toBe(15);
    // 0.1 × 3 × 50 = 15.000000000000002 in floating point
    expect(wholePace(0.1 * 3 * 50)).toBe(15);
    expect(wholePace(0)).toBe(0);
  });
});
