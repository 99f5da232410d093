// Heavy work beyond the free slots waits, and is let in first come, first served.
import { describe, expect, it } from 'vitest';
import { Slots } from '../src/slots.ts';

describe('slots', () => {
  it('lets two in at once and the rest in the order they came, each slot given back once', async () => {
    const slots = new Slots(2);
    const order: string[] = [];
    const first = await slots.take();
    const second = await slots.take();
    const waiting = ['c', 'd', 'e'].map((name) =>
      slots.take().then((release) => {
        order.push(name);
        return release;
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(slots.queued).toBe(3);
    first();
    first(); // a second call gives back nothing more
    const c = await waiting[0];
    expect(order).toEqual(['c']);
    expect(slots.queued).toBe(2);
    second();
    c();
    await Promise.all(waiting);
    expect(order).toEqual(['c', 'd', 'e']);
    expect(slots.queued).toBe(0);
  });
});
