// A report's history from the audit trail, newest first: who did what, why, and what changed.
import type { AuditEntryView } from '@tuowei/shared';
import { Alert, Card, Empty, Skeleton, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuditWords } from '../../../components/audit-words.ts';
import { FieldChanges } from '../../../components/field-changes.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useReportHistory } from '../api/get-report-history.ts';

const ACTION_COLOUR: Record<string, string> = { approve: 'green', return: 'red', submit: 'blue' };

export function ReportHistory({ code, period, exists }: { code: string; period: string; exists: boolean }) {
  const { t } = useTranslation();
  const history = useReportHistory(code, period, exists);

  return (
    <Card size="small" title={t('report.history.title')} data-testid="report-history">
      {!exists ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.history.empty')} />
      ) : history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <Alert type="error" showIcon title={history.error.message} />
      ) : history.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.history.empty')} />
      ) : (
        <HistoryTimeline entries={history.data} />
      )}
    </Card>
  );
}

function HistoryTimeline({ entries }: { entries: AuditEntryView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useAuditWords();
  const newestFirst = [...entries].reverse();
  return (
    <Timeline
      items={newestFirst.map((entry) => {
        const role = words.role(entry.actorRole);
        return {
          key: entry.id,
          color: ACTION_COLOUR[entry.action] ?? 'gray',
          content: (
            <div data-testid="history-entry" data-action={entry.action}>
              <span className="tuowei-secondary">{format.dateTime(entry.at)}</span>
              <strong>{words.action(entry.action)}</strong>
              {' · '}
              {role ? t('report.history.actor', { actor: entry.actor, role }) : entry.actor}
              {entry.reason && <div>{t('report.history.reason', { reason: entry.reason })}</div>}
              <FieldChanges entity="report" before={entry.before} after={entry.after} />
            </div>
          ),
        };
      })}
    />
  );
}
