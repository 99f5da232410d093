// A pace needed as a person plans it (15, rounded up) with its exact figure on hover (14.75): the
// one way every screen shows a required pace.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

export interface PaceProps {
  value: number;
  testId?: string;
}

export function Pace({ value, testId }: PaceProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span
      className="tuowei-pace"
      title={t('pace.exact', { value: format.paceExact(value) })}
      data-exact={value}
      data-testid={testId}
    >
      {format.pace(value)}
    </span>
  );
}
