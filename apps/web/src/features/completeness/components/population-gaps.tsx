// The units of the subtree without a population for the quarter's year, listed as a data gap:
// their ratios, and those of any total they are in, cannot be computed until one is entered.
import type { CompletenessView } from '@tuowei/shared';
import { joinList } from '@tuowei/shared/words';
import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language.ts';

/** How many units the list names before "and n more" (the API lists them all). */
const LISTED = 60;

/** `importLink`: where an admin imports populations (shown to admins only). */
export function PopulationGaps({ view, importLink }: { view: CompletenessView; importLink?: ReactNode }) {
  const { t } = useTranslation();
  const { nameOf, language } = useLanguage();
  const year = Number(view.period.slice(0, 4));
  if (view.populationGaps.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="population-gaps">
        {t('coverage.gaps.none', { year })}
      </Typography.Text>
    );
  }
  const names = joinList(
    view.populationGaps.slice(0, LISTED).map((gap) => t('coverage.gaps.unit', { name: nameOf(gap), code: gap.code })),
    language,
  );
  const more = view.populationGaps.length - LISTED;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="population-gaps"
      title={t('coverage.gaps.title', { year })}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('coverage.gaps.hint', { year })}</Typography.Paragraph>
          <Typography.Text>
            {names}
            {more > 0 && ` ${t('coverage.gaps.more', { count: more })}`}
          </Typography.Text>
          {importLink && <div style={{ marginTop: 4 }}>{importLink}</div>}
        </>
      }
    />
  );
}
