// Beside a target with no figure yet: which figures it waits for (the record, its counts, the
// year) and whose entry staff send them, so that "no data" says what to do about it.
import type { AwaitingFigures } from '@tuowei/shared';
import { INDICATOR_COUNT_WORDS, joinList } from '@tuowei/shared/words';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';

export function AwaitingNote({ awaiting, unitName }: { awaiting: AwaitingFigures; unitName: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const countWords = awaiting.counts.map((count) => {
    const words = INDICATOR_COUNT_WORDS[count as keyof typeof INDICATOR_COUNT_WORDS];
    if (!words) return count;
    return language === 'en' ? words.en.toLowerCase() : words.zh;
  });
  const what =
    awaiting.record === 'yearly_indicators'
      ? t('awaiting.indicators', { year: awaiting.year, counts: joinList(countWords, language) })
      : awaiting.record === 'residential_register'
        ? t('awaiting.residential')
        : t('awaiting.report');
  const who = t(awaiting.orBelow ? 'awaiting.fromOrBelow' : 'awaiting.from', { unit: unitName });
  return (
    <Typography.Text type="secondary" className="tuowei-secondary" data-testid="awaiting">
      {t('awaiting.line', { what, who })}
    </Typography.Text>
  );
}
