import { describe, expect, it } from 'vitest';
import {
  isWellFormedText,
  malformedTextPath,
  mayHoldLoneSurrogate,
  reportInputSchema,
  userUpdateSchema,
} from '../src/index.ts';

describe('text people type', () => {
  it('tells a lone surrogate from a pair', () => {
    expect(isWellFormedText('托位 𠀀 ok')).toBe(true);
    // \ud840\udc00 is 𠀀 written as its pair
    expect(isWellFormedText('\ud840\udc00')).toBe(true);
    for (const bad of ['\ud800', 'a\udfffb', '\udc00\ud840', '𠀀\ud800']) expect(isWellFormedText(bad)).toBe(false);
  });

  it('finds the first malformed string in a parsed body, keys included', () => {
    expect(malformedTextPath({ a: 'x', b: [1, 'y'], c: { d: null } })).toBeNull();
    expect(malformedTextPath({ a: 'x', b: [1, '\ud800'] })).toEqual(['b', 1]);
    expect(malformedTextPath({ institutions: { 'k\udfff': 1 } })).toEqual(['institutions', 'k\udfff']);
    expect(malformedTextPath('\ud800')).toEqual([]);
  });

  it('spots the only JSON text that can parse to a lone surrogate: an escape of one', () => {
    expect(mayHoldLoneSurrogate(JSON.stringify({ comment: '\ud800' }))).toBe(true);
    expect(mayHoldLoneSurrogate('{"comment":"a\\uDFFFb"}')).toBe(true);
    // an escaped pair may hold one too (the walk then finds it well-formed)
    expect(mayHoldLoneSurrogate('{"c":"\\ud840\\udc00"}')).toBe(true);
    for (const clean of ['{"comment":"托位 𠀀"}', '{"c":"\\u4e2d"}', '{"c":"\\ue000"}', '{}'])
      expect(mayHoldLoneSurrogate(clean)).toBe(false);
  });

  it('refuses a lone surrogate in a text field, naming the field', () => {
    const report = reportInputSchema.safeParse({ places: 1, affordablePlaces: 0, comment: 'a\udfffb' });
    expect(report.success).toBe(false);
    expect(report.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['comment', 'lone_surrogate']]);
    const user = userUpdateSchema.safeParse({ displayName: '\ud800' });
    expect(user.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['displayName', 'lone_surrogate']]);
  });
});
