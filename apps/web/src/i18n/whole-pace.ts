// A pace needed (places, institutions, events a quarter) is the least that must be added: shown
// as whole ones, rounded up.

/** The whole number a pace rounds up to; a float a hair above a whole one (15.000000001) is that one. */
export function wholePace(value: number): number {
  return Math.max(0, Math.ceil(value - 1e-9));
}
