// The units below by places still needed, most first, each bar labelled with the places needed
// per quarter from now.
import { useTranslation } from 'react-i18next';
import { Bar, ComposedChart, LabelList, ResponsiveContainer, Tooltip } from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import type { DataRow } from '../chart-data.ts';
import { grid, unitAxis, valueAxis } from './chart-parts.tsx';
import { AXIS_TEXT, COLOURS } from './chart-style.ts';

export default function GapChart({ rows }: { rows: DataRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const paceOf = new Map(rows.map((row) => [row.code, row.requiredPerQuarter]));
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 32 + 60)}>
      <ComposedChart data={rows} layout="vertical" margin={{ top: 8, right: 160, bottom: 0, left: 8 }}>
        {grid('units')}
        {valueAxis(format.integer)}
        {unitAxis()}
        <Tooltip formatter={(value, name) => [format.integer(Number(value)), name]} />
        {/* a bar with its own labels: recharts reads the LabelList only as the Bar's child */}
        <Bar
          dataKey="placesNeeded"
          name={t('dashboard.legend.placesNeeded')}
          fill={COLOURS.scheduled}
          maxBarSize={20}
          isAnimationActive={false}
        >
          <LabelList
            dataKey="code"
            position="right"
            fill={AXIS_TEXT}
            fontSize={12}
            formatter={(code) => {
              const pace = paceOf.get(String(code));
              return typeof pace === 'number'
                ? `${t('dashboard.columns.requiredPerQuarter')} ${format.pace(pace)}`
                : '';
            }}
          />
        </Bar>
      </ComposedChart>
    </ResponsiveContainer>
  );
}
