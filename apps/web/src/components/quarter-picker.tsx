// Chooses a quarter, speaking `YYYYQn` to the page. Ant Design's date picker is a large download
// that no page needs before its figures: the quarter in view is written in a box of the picker's
// size until the picker's code has come, then the picker takes its place.
import { lazy, Suspense } from 'react';
import { useFormat } from '../i18n/format.ts';

export interface QuarterPickerProps {
  id: string;
  value: string;
  onChange: (period: string) => void;
}

const QuarterPickerField = lazy(() => import('./quarter-picker-field.tsx'));

export function QuarterPicker(props: QuarterPickerProps) {
  const format = useFormat();
  return (
    <Suspense fallback={<span className="tuowei-picker-waiting">{format.period(props.value)}</span>}>
      <QuarterPickerField {...props} />
    </Suspense>
  );
}
