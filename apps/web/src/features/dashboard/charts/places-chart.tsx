// Places quarter by quarter against the plan's yearly schedule (steps), the headline ratio target in
// places (solid), the forecast (dashed) and the required pace (dotted): the API's placesChart rows.
import { useTranslation } from 'react-i18next';
import { ComposedChart, Legend, ResponsiveContainer, Tooltip } from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import { type DataRow, placesDrawn } from '../chart-data.ts';
import { bars, countAxis, figureLine, grid, quarterAxis, scheduleLine, series } from './chart-parts.tsx';
import { COLOURS } from './chart-style.ts';

export default function PlacesChart({ rows }: { rows: DataRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = placesDrawn(rows);
  return (
    <ResponsiveContainer width="100%" height={360}>
      <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        {grid('quarters')}
        {quarterAxis(t)}
        {countAxis(format)}
        <Tooltip
          labelFormatter={(label) => format.period(String(label))}
          formatter={(value, name) => [format.plain(Number(value)), name]}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
        {bars(series(t, 'places', COLOURS.places))}
        {shown.scheduled && scheduleLine(series(t, 'scheduled', COLOURS.scheduled))}
        {shown.neededByRatio && figureLine(series(t, 'neededByRatio', COLOURS.ratio))}
        {shown.forecast && figureLine(series(t, 'forecast', COLOURS.forecast), 'dashed')}
        {shown.requiredPace && figureLine(series(t, 'requiredPace', COLOURS.pace), 'dotted')}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
