// Ant Design's quarter picker, speaking `YYYYQn` to the page (loaded by quarter-picker.tsx when first drawn).
import { formatPeriod, parsePeriod, type Quarter } from '@tuowei/shared';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { QuarterPickerProps } from './quarter-picker.tsx';

function toDay(period: string): Dayjs | null {
  const parsed = parsePeriod(period);
  return parsed ? dayjs(new Date(parsed.year, (parsed.quarter - 1) * 3, 1)) : null;
}

function toPeriod(day: Dayjs): string {
  return formatPeriod({ year: day.year(), quarter: (Math.floor(day.month() / 3) + 1) as Quarter });
}

export default function QuarterPickerField({ id, value, onChange }: QuarterPickerProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DatePicker
      id={id}
      aria-label={t('progress.quarterLabel')}
      picker="quarter"
      value={toDay(value)}
      allowClear={false}
      inputReadOnly
      format={(day) => format.period(toPeriod(day))}
      onChange={(day) => {
        if (day) onChange(toPeriod(day));
      }}
    />
  );
}
