// Places per 1,000 of each unit as bars, its own binding target as a diamond, and the
// jurisdiction's binding target as a line across (named in the panel's description).
import { useTranslation } from 'react-i18next';
import { ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Scatter, Tooltip } from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import { type DataRow, ratioDrawn } from '../chart-data.ts';
import { bars, grid, series, unitAxis, valueAxis } from './chart-parts.tsx';
import { COLOURS } from './chart-style.ts';

export interface RatioChartProps {
  rows: DataRow[];
  /** The jurisdiction's binding target, drawn across; null draws none. */
  rootTarget: number | null;
}

export default function RatioChart({ rows, rootTarget }: RatioChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = ratioDrawn(rows, rootTarget);
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 32 + 90)}>
      <ComposedChart data={rows} layout="vertical" margin={{ top: 24, right: 32, bottom: 0, left: 8 }}>
        {grid('units')}
        {valueAxis(format.plain, [0, 'auto'])}
        {unitAxis()}
        <Tooltip formatter={(value, name) => [format.ratio(Number(value)), name]} />
        <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
        {bars(series(t, 'placesPer1000', COLOURS.places), 20)}
        {shown.ownTarget && (
          <Scatter
            dataKey="ownTarget"
            name={t('dashboard.legend.ownTarget')}
            fill={COLOURS.target}
            shape="diamond"
            legendType="diamond"
            isAnimationActive={false}
          />
        )}
        {shown.rootTarget && rootTarget !== null && (
          <ReferenceLine
            x={rootTarget}
            stroke={COLOURS.target}
            strokeWidth={2}
            strokeDasharray="6 3"
            label={{
              value: t('dashboard.legend.target', { value: format.plain(rootTarget) }),
              position: 'top',
              fill: COLOURS.target,
              fontSize: 12,
            }}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
