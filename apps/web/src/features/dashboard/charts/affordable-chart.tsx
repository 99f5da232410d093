// Affordable places quarter by quarter with the plan's yearly schedule of them (left axis), and
// their share of all places with the share target across (right axis).
import { useTranslation } from 'react-i18next';
import { ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import { affordableDrawn, type DataRow } from '../chart-data.ts';
import { bars, countAxis, figureLine, grid, quarterAxis, scheduleLine, series } from './chart-parts.tsx';
import { AXIS_TEXT, COLOURS } from './chart-style.ts';

export interface AffordableChartProps {
  rows: DataRow[];
  shareTarget: number | null;
}

export default function AffordableChart({ rows, shareTarget }: AffordableChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = affordableDrawn(rows, shareTarget);
  return (
    <ResponsiveContainer width="100%" height={340}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        {grid('quarters')}
        {quarterAxis(t)}
        {countAxis(format, 'places')}
        <YAxis
          yAxisId="share"
          orientation="right"
          domain={[0, 1]}
          tickFormatter={(value) => format.percent(Number(value))}
          tick={{ fill: AXIS_TEXT, fontSize: 12 }}
          width={64}
        />
        <Tooltip
          labelFormatter={(label) => format.period(String(label))}
          formatter={(value, name, item) => [
            item.dataKey === 'affordableShare' ? format.percent(Number(value)) : format.integer(Number(value)),
            name,
          ]}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
        {bars(series(t, 'affordablePlaces', COLOURS.affordable, 'places'))}
        {shown.scheduledAffordable && scheduleLine(series(t, 'scheduledAffordable', COLOURS.scheduled, 'places'))}
        {shown.affordableShare && figureLine(series(t, 'affordableShare', COLOURS.share, 'share'), 'dashed')}
        {shown.shareTarget && shareTarget !== null && (
          <ReferenceLine
            yAxisId="share"
            y={shareTarget}
            stroke={COLOURS.target}
            strokeDasharray="6 3"
            label={{
              value: t('dashboard.legend.shareTarget', { value: format.percent(shareTarget) }),
              position: 'insideTopLeft',
              fill: COLOURS.target,
              fontSize: 12,
            }}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
