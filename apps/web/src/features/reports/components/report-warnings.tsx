// Changes against last quarter that need a comment before submitting, as the shared rule finds them.
import type { ReportWarning } from '@tuowei/shared';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';

export function ReportWarnings({ warnings, commented }: { warnings: ReportWarning[]; commented: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type={commented ? 'info' : 'warning'}
      showIcon
      data-testid="report-warnings"
      title={t('report.warnings.title')}
      description={
        <>
          <ul className="tuowei-warning-list">
            {warnings.map((warning) => (
              <li key={warning.kind} data-kind={warning.kind}>
                {t(`report.warnings.${warning.kind}`, {
                  previous: format.integer(warning.previous),
                  current: format.integer(warning.current),
                })}
              </li>
            ))}
          </ul>
          <strong>{commented ? t('report.warnings.commentGiven') : t('report.warnings.needComment')}</strong>
        </>
      }
    />
  );
}
