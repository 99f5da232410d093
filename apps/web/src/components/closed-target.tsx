// How a closed target reads wherever it is shown: its due year's value and verdict first ("2025 年末
// 4.44 个/千人 · 未达标 · 差 9 个托位"), today's value beside it, labelled with its quarter
// ("2026 年第 3 季度 4.65，已超过目标"); a gap or verdict in a column of its own names its year.
// Every figure is the progress answer's.
import { type Comparator, METRIC_TABLE, type Metric, type ProgressView, type TargetStatus } from '@tuowei/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { StatusTag } from './status-tag.tsx';

type DueYearValue = NonNullable<ProgressView['targets'][number]['dueYearValue']>;

/** What the two read of a target (a progress answer's target, or an overview's headline). */
export interface ClosedTargetFigures {
  metric: Metric;
  comparator: Comparator;
  value: number;
  dueYear: number;
  status: TargetStatus;
  dueYearValue: DueYearValue | null;
  current: number | null;
  currentPeriod: string | null;
  currentMeets: boolean | null;
}

/** A value with its unit, as a plan writes it: "4.44 个/千人", "650 个"; a share's percent sign is its own. */
function useValueWithUnit() {
  const { t } = useTranslation();
  const format = useFormat();
  return (metric: Metric, value: number) =>
    METRIC_TABLE[metric].kind === 'share'
      ? format.metricValue(metric, value)
      : [format.metricValue(metric, value), t(`unit.${metric}`)].filter(Boolean).join(' ');
}

/**
 * The due year's value and verdict, and by how many places (or institutions) it fell short;
 * `withStatus` false where a column of its own already shows the verdict's word.
 */
export function DueYearVerdict({ target, withStatus = true }: { target: ClosedTargetFigures; withStatus?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const withUnit = useValueWithUnit();
  const due = target.dueYearValue;
  if (due === null) {
    return (
      <span data-testid="due-year-verdict">
        <span className="tuowei-nowrap">{t('cycle.noDueYearValue', { year: target.dueYear })}</span>
        {withStatus && (
          <>
            {' '}
            <StatusTag status={target.status} />
          </>
        )}
      </span>
    );
  }
  return (
    <span data-testid="due-year-verdict">
      <span className="tuowei-nowrap" data-testid="due-year-value">
        {t('cycle.dueYearValue', { year: target.dueYear, value: withUnit(target.metric, due.value) })}
      </span>
      {due.provisional && (
        <span className="tuowei-secondary">{t('cycle.provisionalFrom', { period: format.period(due.period) })}</span>
      )}
      {withStatus && (
        <>
          {' · '}
          <StatusTag status={target.status} testId="due-year-status" />
        </>
      )}
      {due.gap !== null && due.gap > 0 && (
        <>
          {' · '}
          <span className="tuowei-nowrap" data-testid="due-year-gap">
            {t('cycle.short', { gap: format.integer(due.gap), unit: format.gapUnit(target.metric, due.gap) })}
          </span>
        </>
      )}
    </span>
  );
}

/** Today's value beside the verdict, with its quarter and whether it now meets the target. */
export function TodayBeside({ target }: { target: ClosedTargetFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const withUnit = useValueWithUnit();
  if (target.current === null || target.currentPeriod === null) return <span>{t('common.none')}</span>;
  return (
    <span data-testid="today-value">
      <span className="tuowei-nowrap">
        {t('cycle.today', {
          period: format.period(target.currentPeriod),
          value: withUnit(target.metric, target.current),
        })}
      </span>
      {t('cycle.separator')}
      <span className="tuowei-nowrap">
        {!target.currentMeets
          ? t('cycle.todayShort')
          : target.comparator === 'at_least' && target.current === target.value
            ? t('cycle.todayAtTarget')
            : t(`cycle.todayMeets.${target.comparator}`)}
      </span>
    </span>
  );
}

/** Whether the reports behind the due year's value were approved. */
export function DueYearData({ value }: { value: DueYearValue | null }) {
  const { t } = useTranslation();
  if (value === null) return <span>{t('common.none')}</span>;
  const key = value.demo ? 'demo' : value.basis === 'children' ? 'aggregate' : value.reportStatus;
  return <span data-testid="due-year-data">{t(`cycle.dataStatus.${key}`)}</span>;
}

/**
 * Under a closed target's gap or verdict where a column of its own shows it ("2025 年末"): the
 * figure is the due year's, while the value in the row beside it may be today's.
 */
export function AtDueYear({ dueYear }: { dueYear: number }) {
  const { t } = useTranslation();
  return (
    <span className="tuowei-secondary" data-testid="at-due-year">
      {t('cycle.atDueYear', { year: dueYear })}
    </span>
  );
}
