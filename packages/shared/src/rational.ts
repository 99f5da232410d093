// Exact arithmetic on the decimal numbers that plans write (4.5, 0.6, 2.7), so that
// "places needed" never drifts: 4.5 × 145,800 ÷ 1,000 is exactly 656.1 and needs 657.

export interface Rational {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The decimal a finite non-negative number prints as, read exactly (0.6 → 6/10). */
export function toRational(value: number): Rational {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`expected a finite non-negative number, got ${value}`);
  }
  const match = DECIMAL.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const fraction = match[2] ?? '';
  const exponent = Number(match[3] ?? 0) - fraction.length;
  const digits = BigInt(match[1] + fraction);
  return exponent >= 0
    ? { num: digits * 10n ** BigInt(exponent), den: 1n }
    : { num: digits, den: 10n ** BigInt(-exponent) };
}

/** ⌈a ÷ b⌉ for a ≥ 0 and b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** ⌈value × factor ÷ divisor⌉, exactly, for whole factor and divisor. */
export function ceilScaled(value: number, factor: number, divisor = 1): number {
  const { num, den } = toRational(value);
  return Number(ceilDiv(num * BigInt(factor), den * BigInt(divisor)));
}

/** Whether whole ÷ divisor ≥ value, exactly (e.g. places × 1,000 ÷ population ≥ 4.5). */
export function atLeast(whole: number, divisor: number, value: number): boolean {
  const { num, den } = toRational(value);
  return BigInt(whole) * den >= num * BigInt(divisor);
}
