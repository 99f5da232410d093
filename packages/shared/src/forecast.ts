// Where a metric will stand at the due quarter if it keeps its recent pace.

export interface SeriesPoint {
  /** The quarter, as periodIndex counts them: a quarter without a value leaves a gap on this axis. */
  index: number;
  value: number;
}

/** How many of the latest values the line is drawn through. */
export const FORECAST_WINDOW = 4;

/**
 * The ordinary least-squares line through the last (up to) four values, extended to
 * `atIndex`; one value alone forecasts itself. Null where there is no value.
 */
export function forecastAt(points: readonly SeriesPoint[], atIndex: number): number | null {
  const recent = [...points].sort((a, b) => a.index - b.index).slice(-FORECAST_WINDOW);
  if (recent.length === 0) return null;
  if (recent.length === 1) return recent[0].value;
  const meanX = recent.reduce((sum, p) => sum + p.index, 0) / recent.length;
  const meanY = recent.reduce((sum, p) => sum + p.value, 0) / recent.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of recent) {
    sxy += (p.index - meanX) * (p.value - meanY);
    sxx += (p.index - meanX) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return meanY + slope * (atIndex - meanX);
}
