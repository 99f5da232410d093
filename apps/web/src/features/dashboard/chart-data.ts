// Reshapes the API's answers into what the dashboard draws: the rows a chart plots are the rows of
// the table beside it and of its CSV. Only reshaping and choosing: every figure is the API's.
import {
  csvField,
  formatPeriod,
  headlineTarget,
  type Language,
  nameIn,
  type OverviewView,
  type ProgressView,
  parsePeriod,
  periodFromIndex,
  periodIndex,
  type SeriesView,
  type TargetStatus,
} from '@tuowei/shared';

/** How a column's values are written on screen; the CSV writes them as the API gave them. */
export type CellKind = 'code' | 'name' | 'period' | 'integer' | 'ratio' | 'percent' | 'pace' | 'plain' | 'status';
export type Cell = string | number | null;
export type DataRow = Record<string, Cell>;

export interface DataColumn {
  key: string;
  kind: CellKind;
}

/** A chart's data: recharts plots `rows` by key; the table and the CSV show the same rows. */
export interface DataTable {
  /** The column that names a row (its period or its code). */
  rowKey: string;
  columns: DataColumn[];
  rows: DataRow[];
}

/**
 * Whether a series has anything to draw: one without values is left out (and out of the legend);
 * a line without dots needs two values to show.
 */
export function drawn(rows: readonly DataRow[], key: string, atLeast = 1): boolean {
  return rows.filter((row) => row[key] !== null && row[key] !== undefined).length >= atLeast;
}

/*
 * What each chart draws, decided once for the chart and for the caption that names its series, so
 * that a caption never names a line the chart leaves out for want of values. `figures` says whether
 * any of its measured series has a value: without one the panel says so instead of drawing an
 * empty frame (a target or a schedule alone is no data).
 */

/** The places chart: the places as bars; the schedule in steps; the target in places, forecast and pace as lines. */
export function placesDrawn(rows: readonly DataRow[]) {
  const series = {
    places: drawn(rows, 'places'),
    scheduled: drawn(rows, 'scheduled'),
    neededByRatio: drawn(rows, 'neededByRatio', 2),
    forecast: drawn(rows, 'forecast', 2),
    requiredPace: drawn(rows, 'requiredPace', 2),
  };
  return { ...series, figures: series.places };
}

/** The units' places per 1,000 as bars, their own targets as diamonds, the jurisdiction's target across. */
export function ratioDrawn(rows: readonly DataRow[], rootTarget: number | null) {
  const series = {
    placesPer1000: drawn(rows, 'placesPer1000'),
    ownTarget: drawn(rows, 'ownTarget'),
    rootTarget: rootTarget !== null,
  };
  return { ...series, figures: series.placesPer1000 };
}

/** The units' places still needed as bars. */
export function gapDrawn(rows: readonly DataRow[]) {
  const series = { placesNeeded: drawn(rows, 'placesNeeded') };
  return { ...series, figures: series.placesNeeded };
}

/** Affordable places as bars, their schedule as dots, their share as a line, its target across. */
export function affordableDrawn(rows: readonly DataRow[], shareTarget: number | null) {
  const series = {
    affordablePlaces: drawn(rows, 'affordablePlaces'),
    scheduledAffordable: drawn(rows, 'scheduledAffordable'),
    affordableShare: drawn(rows, 'affordableShare', 2),
    shareTarget: shareTarget !== null,
  };
  return { ...series, figures: series.affordablePlaces || series.affordableShare };
}

/** The places chart: places, the yearly schedule, the ratio in places, forecast and pace, with each quarter's completeness. */
export function placesTable(series: SeriesView): DataTable {
  const completeness = new Map(series.points.map((point) => [point.period, point.completeness]));
  return {
    rowKey: 'period',
    columns: [
      { key: 'period', kind: 'period' },
      { key: 'places', kind: 'integer' },
      { key: 'scheduled', kind: 'integer' },
      { key: 'neededByRatio', kind: 'integer' },
      // places on the way (a forecast, the path at the pace needed), not paces: decimals kept
      { key: 'forecast', kind: 'plain' },
      { key: 'requiredPace', kind: 'plain' },
      { key: 'completeness', kind: 'percent' },
    ],
    rows: series.placesChart.map((row) => ({
      period: row.period,
      places: row.places,
      scheduled: row.scheduled,
      neededByRatio: row.neededByRatio,
      forecast: row.forecast,
      requiredPace: row.requiredPace,
      completeness: completeness.get(row.period) ?? null,
    })),
  };
}

/**
 * Places per 1,000 of each unit in an overview (a jurisdiction's children, or the provinces),
 * against the jurisdiction's own binding target (one line across, where it has one) and each
 * unit's own binding target.
 */
export function ratioTable(overview: OverviewView, language: Language): DataTable {
  const rootTarget = overview.root?.placesTarget?.value ?? null;
  const columns: DataColumn[] = [
    { key: 'code', kind: 'code' },
    { key: 'name', kind: 'name' },
    { key: 'placesPer1000', kind: 'ratio' },
    ...(rootTarget === null ? [] : [{ key: 'rootTarget', kind: 'plain' as const }]),
    { key: 'ownTarget', kind: 'plain' },
    { key: 'status', kind: 'status' },
    { key: 'completeness', kind: 'percent' },
  ];
  return {
    rowKey: 'code',
    columns,
    rows: overview.rows.map((row) => ({
      code: row.code,
      name: nameIn(row, language),
      placesPer1000: row.placesPer1000,
      ...(rootTarget === null ? {} : { rootTarget }),
      ownTarget: row.placesTarget?.value ?? null,
      status: row.placesTarget?.status ?? null,
      completeness: row.completeness,
    })),
  };
}

/**
 * The units of an overview by places still needed for their binding places-per-1,000 target,
 * most first; units without such a target (or without figures) come last, by code.
 */
export function gapRankingTable(overview: OverviewView, language: Language): DataTable {
  const needed = (row: OverviewView['rows'][number]) => row.placesTarget?.gap ?? null;
  const ranked = [...overview.rows].sort((a, b) => {
    const gapA = needed(a);
    const gapB = needed(b);
    if (gapA !== gapB) {
      if (gapA === null) return 1;
      if (gapB === null) return -1;
      return gapB - gapA;
    }
    return a.code.localeCompare(b.code);
  });
  return {
    rowKey: 'code',
    columns: [
      { key: 'code', kind: 'code' },
      { key: 'name', kind: 'name' },
      { key: 'placesNeeded', kind: 'integer' },
      { key: 'requiredPerQuarter', kind: 'pace' },
      { key: 'ownTarget', kind: 'plain' },
      { key: 'placesPer1000', kind: 'ratio' },
      { key: 'status', kind: 'status' },
      { key: 'completeness', kind: 'percent' },
    ],
    rows: ranked.map((row) => ({
      code: row.code,
      name: nameIn(row, language),
      placesNeeded: needed(row),
      requiredPerQuarter: row.placesTarget?.requiredPerQuarter ?? null,
      ownTarget: row.placesTarget?.value ?? null,
      placesPer1000: row.placesPer1000,
      status: row.placesTarget?.status ?? null,
      completeness: row.completeness,
    })),
  };
}

/**
 * Affordable places and their share quarter by quarter, with the jurisdiction's own yearly schedule
 * of affordable places at each year's fourth quarter (the quarters run on to the last scheduled
 * year) and its binding affordable-share target as a line across, where it has one.
 */
export function affordableTable(series: SeriesView, progress: ProgressView): DataTable {
  const schedule = new Map(
    progress.targets
      .filter(
        (target) =>
          target.metric === 'affordable_places' &&
          target.comparator === 'at_least' &&
          target.planJurisdictionCode === progress.code,
      )
      .map((target) => [formatPeriod({ year: target.dueYear, quarter: 4 }), target.value]),
  );
  const shareTarget = headlineTarget(progress.targets, 'affordable_share')?.value ?? null;

  const periods = series.points.map((point) => point.period);
  const indexOf = (text: string) => {
    const period = parsePeriod(text);
    return period ? periodIndex(period) : null;
  };
  const lastShown = indexOf(periods.at(-1) ?? series.period) ?? 0;
  const lastScheduled = Math.max(lastShown, ...[...schedule.keys()].map((text) => indexOf(text) ?? 0));
  for (let index = lastShown + 1; index <= lastScheduled; index++) periods.push(formatPeriod(periodFromIndex(index)));

  const points = new Map(series.points.map((point) => [point.period, point]));
  return {
    rowKey: 'period',
    columns: [
      { key: 'period', kind: 'period' },
      { key: 'affordablePlaces', kind: 'integer' },
      { key: 'scheduledAffordable', kind: 'integer' },
      { key: 'affordableShare', kind: 'percent' },
      ...(shareTarget === null ? [] : [{ key: 'shareTarget', kind: 'percent' as const }]),
    ],
    rows: periods.map((period) => ({
      period,
      affordablePlaces: points.get(period)?.affordablePlaces ?? null,
      scheduledAffordable: schedule.get(period) ?? null,
      affordableShare: points.get(period)?.affordableShare ?? null,
      ...(shareTarget === null ? {} : { shareTarget }),
    })),
  };
}

/** The provinces (or any overview's units) with every headline figure: the overview's table and its CSV. */
export function unitsTable(overview: OverviewView, language: Language): DataTable {
  return {
    rowKey: 'code',
    columns: [
      { key: 'code', kind: 'code' },
      { key: 'name', kind: 'name' },
      { key: 'places', kind: 'integer' },
      { key: 'placesPer1000', kind: 'ratio' },
      { key: 'ownTarget', kind: 'plain' },
      // a target whose due year has passed shows that year's shortfall: its year says which
      { key: 'ownTargetDue', kind: 'code' },
      { key: 'placesNeeded', kind: 'integer' },
      { key: 'requiredPerQuarter', kind: 'pace' },
      { key: 'status', kind: 'status' },
      { key: 'affordableShare', kind: 'percent' },
      { key: 'shareTarget', kind: 'percent' },
      { key: 'shareStatus', kind: 'status' },
      { key: 'completeness', kind: 'percent' },
      { key: 'figuresPeriod', kind: 'period' },
    ],
    rows: overview.rows.map((row) => ({
      code: row.code,
      name: nameIn(row, language),
      places: row.places,
      placesPer1000: row.placesPer1000,
      ownTarget: row.placesTarget?.value ?? null,
      ownTargetDue: row.placesTarget ? String(row.placesTarget.dueYear) : null,
      placesNeeded: row.placesTarget?.gap ?? null,
      requiredPerQuarter: row.placesTarget?.requiredPerQuarter ?? null,
      status: row.placesTarget?.status ?? null,
      affordableShare: row.affordableShare,
      shareTarget: row.affordableShareTarget?.value ?? null,
      shareStatus: row.affordableShareTarget?.status ?? null,
      completeness: row.completeness,
      figuresPeriod: row.figuresPeriod,
    })),
  };
}

type Cascade = ProgressView['cascades'][number];
type CascadeUnit = Cascade['units'][number];

/** The units of a cascade that still lack what it asks for, and those with no figures to tell. */
export function cascadeShortfall(cascade: Cascade): { lacking: CascadeUnit[]; unknown: CascadeUnit[] } {
  return {
    lacking: cascade.units.filter((unit) => unit.gap !== null && unit.gap > 0),
    unknown: cascade.units.filter((unit) => unit.gap === null),
  };
}

/** What a CSV needs to write a table in the reader's language. */
export interface CsvWords {
  title: (key: string) => string;
  status: (status: TargetStatus) => string;
}

/**
 * A table as CSV: UTF-8 with a byte-order mark (so that Excel reads Chinese), CRLF lines, every
 * cell neutralised against formulas; numbers unrounded, as drawn.
 */
export function tableCsv(table: DataTable, words: CsvWords): string {
  const header = table.columns.map((column) => words.title(column.key));
  const rows = table.rows.map((row) =>
    table.columns.map((column) => {
      const value = row[column.key] ?? null;
      return column.kind === 'status' && typeof value === 'string' ? words.status(value as TargetStatus) : value;
    }),
  );
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}
