// Targets on numbers of institutions: the jurisdiction's own (Weixi's two demonstration
// institutions) and those every unit below must meet (Linfen's "every county a public
// demonstration institution"), naming the units that still lack one, or saying plainly that the
// units below are not in the system.
import type { ProgressView } from '@tuowei/shared';
import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DueYearVerdict, TodayBeside } from '../../../components/closed-target.tsx';
import { StatusTag } from '../../../components/status-tag.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { cascadeShortfall } from '../chart-data.ts';
import { TargetSource } from './target-source.tsx';

type Cascade = ProgressView['cascades'][number];
type TargetProgress = ProgressView['targets'][number];

export interface InstitutionTargetsProps {
  progress: ProgressView;
  unitLink: (code: string) => string;
}

export function InstitutionTargets({ progress, unitLink }: InstitutionTargetsProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const name = nameOf(progress);
  const own = progress.targets.filter((target) => target.metric === 'institutions');
  const cascades = progress.cascades.filter((cascade) => cascade.metric === 'institutions');
  const headingId = 'institutions-heading';

  return (
    <section aria-labelledby={headingId} data-testid="institution-targets">
      <Card
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0 }}>
            {t('dashboard.page.institutions.title')}
          </Typography.Title>
        }
      >
        {own.length === 0 && cascades.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('dashboard.page.institutions.none')}
          </Typography.Paragraph>
        ) : (
          <div className="tuowei-stack" style={{ gap: 16 }}>
            {own.length > 0 && (
              <div>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {t('dashboard.page.institutions.ownTitle', { name })}
                </Typography.Title>
                <ul className="tuowei-plain-list">
                  {own.map((target) => (
                    <OwnTarget key={target.targetId} target={target} />
                  ))}
                </ul>
              </div>
            )}
            {cascades.map((cascade) => (
              <CascadeShortfall key={cascade.targetId} cascade={cascade} name={name} unitLink={unitLink} />
            ))}
          </div>
        )}
      </Card>
    </section>
  );
}

function OwnTarget({ target }: { target: TargetProgress }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  return (
    <li className="tuowei-target-line" data-testid="institution-target">
      <span>
        {format.metricLabel(target.metric, target.institutionKind)}{' '}
        <strong className="tuowei-nowrap">{format.target(target.metric, target.comparator, target.value)}</strong> ·{' '}
        {format.dueYear(target.dueYear)}
      </span>
      {target.closed ? (
        // closed: its due year's count, verdict and gap, then today's count with its quarter (the
        // gap is the due year's, not today's)
        <>
          <DueYearVerdict target={target} />
          <TodayBeside target={target} />
        </>
      ) : (
        <>
          <span>
            {t('dashboard.page.institutions.current', {
              value: target.current === null ? none : format.integer(target.current),
            })}
            {target.gap !== null &&
              target.gap > 0 &&
              ` · ${t('dashboard.page.institutions.gap', {
                gap: `${format.integer(target.gap)} ${format.gapUnit(target.metric, target.gap)}`,
              })}`}
          </span>
          <StatusTag status={target.status} />
        </>
      )}
      <TargetSource source={target} />
    </li>
  );
}

interface CascadeShortfallProps {
  cascade: Cascade;
  name: string;
  unitLink: (code: string) => string;
}

function CascadeShortfall({ cascade, name, unitLink }: CascadeShortfallProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const { lacking, unknown } = cascadeShortfall(cascade);
  const kind = format.metricLabel(cascade.metric, cascade.institutionKind);
  const kindName = cascade.institutionKind ? t(`institutionKind.${cascade.institutionKind}`) : kind;
  const requirement = t('progress.cascades.requirement', {
    scope: t(`scope.${cascade.scope}`),
    metric: kind,
    target: format.target(cascade.metric, cascade.comparator, cascade.value),
    due: format.dueYear(cascade.dueYear),
  });
  const unitName = (unit: Cascade['units'][number]) => nameOf(unit);

  return (
    <Card size="small" type="inner" data-testid="cascade" data-kind={cascade.institutionKind ?? ''}>
      <p className="tuowei-target-line" style={{ marginTop: 0 }}>
        <strong>{requirement}</strong>
        <TargetSource source={cascade} />
      </p>
      {cascade.units.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="cascade-no-units"
          title={t('dashboard.page.institutions.noUnits', {
            name,
            units: t(`dashboard.page.institutions.units.${cascade.scope}`),
            kind: kindName,
          })}
        />
      ) : (
        <>
          {lacking.length > 0 && (
            <div data-testid="cascade-lacking">
              <Typography.Text strong>
                {t('dashboard.page.institutions.lacking', { count: lacking.length })}
              </Typography.Text>
              <ul className="tuowei-unit-list">
                {lacking.map((unit) => (
                  <li key={unit.code}>
                    <Link to={unitLink(unit.code)}>{unitName(unit)}</Link>{' '}
                    <span className="tuowei-nowrap">
                      {t('dashboard.page.institutions.current', {
                        value: unit.current === null ? t('common.none') : format.integer(unit.current),
                      })}
                    </span>{' '}
                    <StatusTag status={unit.status} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {unknown.length > 0 && (
            <div data-testid="cascade-unknown">
              <Typography.Text strong>
                {t('dashboard.page.institutions.unknown', { count: unknown.length })}
              </Typography.Text>
              <ul className="tuowei-unit-list">
                {unknown.map((unit) => (
                  <li key={unit.code}>
                    <Link to={unitLink(unit.code)}>{unitName(unit)}</Link> <StatusTag status={unit.status} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {lacking.length === 0 && unknown.length === 0 && (
            <Alert
              type="success"
              showIcon
              title={t('dashboard.page.institutions.allMet', { total: cascade.unitsTotal })}
            />
          )}
        </>
      )}
    </Card>
  );
}
