// Affordable places quarter by quarter with the plan's yearly schedule of them (left axis), and
// their share of all places with the share target across (right axis).
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import type { DataRow } from '../chart-data.ts';
import { AXIS_TEXT, COLOURS, drawn, GRID, shortPeriod } from './chart-style.ts';

export interface AffordableChartProps {
  rows: DataRow[];
  shareTarget: number | null;
}

export default function AffordableChart({ rows, shareTarget }: AffordableChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ResponsiveContainer width="100%" height={340}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="period"
          tickFormatter={(value) => shortPeriod(t, String(value))}
          tick={{ fill: AXIS_TEXT, fontSize: 12 }}
          minTickGap={12}
        />
        <YAxis
          yAxisId="places"
          tickFormatter={(value) => format.integer(Number(value))}
          tick={{ fill: AXIS_TEXT, fontSize: 12 }}
          width={72}
        />
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
        <Bar
          yAxisId="places"
          dataKey="affordablePlaces"
          name={t('dashboard.legend.affordablePlaces')}
          fill={COLOURS.affordable}
          maxBarSize={28}
          isAnimationActive={false}
        />
        {drawn(rows, 'scheduledAffordable') && (
          <Line
            yAxisId="places"
            dataKey="scheduledAffordable"
            name={t('dashboard.legend.scheduledAffordable')}
            type="stepAfter"
            stroke={COLOURS.scheduled}
            strokeWidth={2}
            connectNulls
            dot={{ r: 4, fill: COLOURS.scheduled }}
            isAnimationActive={false}
          />
        )}
        <Line
          yAxisId="share"
          dataKey="affordableShare"
          name={t('dashboard.legend.affordableShare')}
          stroke={COLOURS.share}
          strokeWidth={2}
          strokeDasharray="8 4"
          legendType="plainline"
          dot={false}
          isAnimationActive={false}
        />
        {shareTarget !== null && (
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
