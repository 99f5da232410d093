// Where a plan's own yearly schedule cannot meet its own ratio target (docs/figures.md "Schedule consistency").
import type { ProgressView } from '@tuowei/shared';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';

type Finding = ProgressView['scheduleFindings'][number];

export interface ScheduleFindingsProps {
  findings: Finding[];
  /** A plan's title by its id, for plans without a document number. */
  planTitle: (planId: string) => string;
}

export function ScheduleFindings({ findings, planTitle }: ScheduleFindingsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  if (findings.length === 0) return null;
  return (
    <div className="tuowei-stack" style={{ gap: 8 }}>
      {findings.map((finding) => {
        const words = {
          plan: finding.documentNumber ?? planTitle(finding.planId),
          year: finding.year,
          scheduled: format.integer(finding.scheduled),
          population: format.integer(finding.population.value),
          ratio: format.plain(finding.ratioValue),
          shortfall: format.integer(finding.shortfall),
          required: format.integer(finding.required),
        };
        const message =
          finding.scheduleMetric === 'affordable_places'
            ? t('progress.schedule.affordable_places', words)
            : t('progress.schedule.places', words);
        return (
          <Alert
            key={`${finding.planId}-${finding.scheduleTargetId}-${finding.year}`}
            type="warning"
            showIcon
            data-testid="schedule-finding"
            title={t('progress.schedule.title')}
            description={
              <>
                {message}
                <span className="tuowei-secondary">
                  {t('progress.schedule.populationNote', { year: finding.population.year })}
                </span>
              </>
            }
          />
        );
      })}
    </div>
  );
}
