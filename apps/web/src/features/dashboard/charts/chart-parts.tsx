// The pieces the dashboard's charts are drawn from, each written once: the quarters along the
// bottom, the units down the side, an axis of counts, the bars of a figure and the lines beside
// them (a schedule in steps, a figure solid, a forecast dashed, a pace dotted). They are functions
// that return recharts' own elements, which recharts reads as its children.
import type { TFunction } from 'i18next';
import { Bar, CartesianGrid, Line, XAxis, YAxis } from 'recharts';
import type { Format } from '../../../i18n/format.ts';
import { AXIS_TEXT, GRID, shortPeriod } from './chart-style.ts';

const TICK = { fill: AXIS_TEXT, fontSize: 12 };

/** Only the props that are set: recharts takes an explicit `undefined` as a value, not as its default. */
const defined = <T extends object>(props: T): Partial<T> =>
  Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Grid lines across a chart of quarters, or down a chart of units (`layout="vertical"`). */
export const grid = (layout: 'quarters' | 'units') => (
  <CartesianGrid stroke={GRID} vertical={layout === 'units'} horizontal={layout === 'quarters'} />
);

/** The quarters along the bottom, written short. */
export const quarterAxis = (t: TFunction) => (
  <XAxis dataKey="period" tickFormatter={(value) => shortPeriod(t, String(value))} tick={TICK} minTickGap={12} />
);

/** The units down the side of a chart laid out across, each named. */
export const unitAxis = () => <YAxis type="category" dataKey="name" width={180} tick={TICK} interval={0} />;

/** An axis of whole numbers (places), up the side of a chart of quarters. */
export const countAxis = (format: Format, yAxisId?: string) => (
  <YAxis {...defined({ yAxisId })} tickFormatter={(value) => format.integer(Number(value))} tick={TICK} width={72} />
);

/** The numbers along the bottom of a chart of units. */
export const valueAxis = (formatTick: (value: number) => string, domain?: [number, 'auto']) => (
  <XAxis type="number" tickFormatter={(value) => formatTick(Number(value))} tick={TICK} {...defined({ domain })} />
);

export interface SeriesProps {
  dataKey: string;
  name: string;
  colour: string;
  yAxisId?: string;
}

type LegendKey =
  | 'places'
  | 'scheduled'
  | 'neededByRatio'
  | 'forecast'
  | 'requiredPace'
  | 'placesPer1000'
  | 'affordablePlaces'
  | 'scheduledAffordable'
  | 'affordableShare'
  | 'placesNeeded';

/** A series named as the legend names its rows' key. */
export const series = (t: TFunction, dataKey: LegendKey, colour: string, yAxisId?: string): SeriesProps => ({
  dataKey,
  name: t(`dashboard.legend.${dataKey}`),
  colour,
  ...defined({ yAxisId }),
});

/** A figure as bars. */
export const bars = ({ dataKey, name, colour, yAxisId }: SeriesProps, maxBarSize = 28) => (
  <Bar
    {...defined({ yAxisId })}
    dataKey={dataKey}
    name={name}
    fill={colour}
    maxBarSize={maxBarSize}
    isAnimationActive={false}
  />
);

/** A plan's yearly schedule: a step at each year's end, with a dot where a year is scheduled. */
export const scheduleLine = ({ dataKey, name, colour, yAxisId }: SeriesProps) => (
  <Line
    {...defined({ yAxisId })}
    dataKey={dataKey}
    name={name}
    type="stepAfter"
    stroke={colour}
    strokeWidth={2}
    connectNulls
    dot={{ r: 4, fill: colour }}
    isAnimationActive={false}
  />
);

/** How a line is drawn, so that lines differ in form as well as colour. */
const DASHES = { solid: undefined, dashed: '8 4', dotted: '2 4' } as const;

/** A figure as a line without dots: solid (a target in places), dashed (a forecast, a share) or dotted (a pace). */
export const figureLine = ({ dataKey, name, colour, yAxisId }: SeriesProps, dash: keyof typeof DASHES = 'solid') => (
  <Line
    {...defined({ yAxisId, strokeDasharray: DASHES[dash] })}
    {...(dash === 'solid' ? {} : { legendType: 'plainline' as const })}
    dataKey={dataKey}
    name={name}
    stroke={colour}
    strokeWidth={2}
    dot={false}
    isAnimationActive={false}
  />
);
