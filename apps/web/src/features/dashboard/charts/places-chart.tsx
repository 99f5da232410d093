// Places quarter by quarter against the plan's yearly schedule (steps), the binding ratio target in
// places (solid), the forecast (dashed) and the required pace (dotted): the API's placesChart rows.
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import type { DataRow } from '../chart-data.ts';
import { AXIS_TEXT, COLOURS, drawn, GRID, shortPeriod } from './chart-style.ts';

export default function PlacesChart({ rows }: { rows: DataRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ResponsiveContainer width="100%" height={360}>
      <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="period"
          tickFormatter={(value) => shortPeriod(t, String(value))}
          tick={{ fill: AXIS_TEXT, fontSize: 12 }}
          minTickGap={12}
        />
        <YAxis
          tickFormatter={(value) => format.integer(Number(value))}
          tick={{ fill: AXIS_TEXT, fontSize: 12 }}
          width={72}
        />
        <Tooltip
          labelFormatter={(label) => format.period(String(label))}
          formatter={(value, name) => [format.pace(Number(value)), name]}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
        <Bar
          dataKey="places"
          name={t('dashboard.legend.places')}
          fill={COLOURS.places}
          maxBarSize={28}
          isAnimationActive={false}
        />
        {drawn(rows, 'scheduled') && (
          <Line
            dataKey="scheduled"
            name={t('dashboard.legend.scheduled')}
            type="stepAfter"
            stroke={COLOURS.scheduled}
            strokeWidth={2}
            connectNulls
            dot={{ r: 4, fill: COLOURS.scheduled }}
            isAnimationActive={false}
          />
        )}
        {drawn(rows, 'neededByRatio', 2) && (
          <Line
            dataKey="neededByRatio"
            name={t('dashboard.legend.neededByRatio')}
            stroke={COLOURS.ratio}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        )}
        {drawn(rows, 'forecast', 2) && (
          <Line
            dataKey="forecast"
            name={t('dashboard.legend.forecast')}
            stroke={COLOURS.forecast}
            strokeWidth={2}
            strokeDasharray="8 4"
            legendType="plainline"
            dot={false}
            isAnimationActive={false}
          />
        )}
        {drawn(rows, 'requiredPace', 2) && (
          <Line
            dataKey="requiredPace"
            name={t('dashboard.legend.requiredPace')}
            stroke={COLOURS.pace}
            strokeWidth={2}
            strokeDasharray="2 4"
            legendType="plainline"
            dot={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
