// Audit entries, newest first: when, who (role), what action on which record, where, why, and the
// fields it changed before → after.
import type { AuditEntryView } from '@tuowei/shared';
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuditWords } from '../../../components/audit-words.ts';
import { FieldChanges, type RecordNames } from '../../../components/field-changes.tsx';
import { useFormat } from '../../../i18n/format.ts';

const ACTION_COLOUR: Record<string, string> = {
  insert: 'blue',
  update: 'geekblue',
  submit: 'processing',
  approve: 'success',
  return: 'warning',
};

/** The quarter a report entry is about, from its snapshot. */
function reportPeriod(entry: AuditEntryView): string | null {
  const snapshot = (entry.after ?? entry.before) as { period?: unknown } | null;
  return typeof snapshot?.period === 'string' ? snapshot.period : null;
}

export interface AuditTableProps {
  entries: AuditEntryView[];
  jurisdictionName: (code: string) => string;
  /** Names of the records the changes point at (a target's plan, a user's jurisdiction). */
  names: RecordNames;
  loading: boolean;
}

export function AuditTable({ entries, jurisdictionName, names, loading }: AuditTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useAuditWords();
  const none = t('common.none');

  const columns: ColumnsType<AuditEntryView> = [
    {
      key: 'at',
      title: t('audit.columns.at'),
      className: 'tuowei-nowrap',
      render: (_, entry) => format.dateTime(entry.at),
    },
    {
      key: 'actor',
      title: t('audit.columns.actor'),
      render: (_, entry) => (
        <>
          {entry.actor}
          {entry.actorRole && <span className="tuowei-secondary">{words.role(entry.actorRole)}</span>}
        </>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      render: (_, entry) => <Tag color={ACTION_COLOUR[entry.action] ?? 'default'}>{words.action(entry.action)}</Tag>,
    },
    {
      key: 'entity',
      title: t('audit.columns.entity'),
      render: (_, entry) => {
        const period = entry.entity === 'report' ? reportPeriod(entry) : null;
        return (
          <>
            {words.entity(entry.entity)}
            {period && entry.jurisdictionCode && (
              <>
                {' '}
                <Link to={`/reports/${entry.jurisdictionCode}/${period}`}>{format.period(period)}</Link>
              </>
            )}
            <span className="tuowei-secondary tuowei-id">{entry.entityId}</span>
          </>
        );
      },
    },
    {
      key: 'jurisdiction',
      title: t('audit.columns.jurisdiction'),
      render: (_, entry) =>
        entry.jurisdictionCode ? (
          <>
            {jurisdictionName(entry.jurisdictionCode)}
            <span className="tuowei-secondary">{entry.jurisdictionCode}</span>
          </>
        ) : (
          none
        ),
    },
    { key: 'reason', title: t('audit.columns.reason'), render: (_, entry) => entry.reason ?? none },
    {
      key: 'changes',
      title: t('audit.columns.changes'),
      render: (_, entry) => (
        <FieldChanges entity={entry.entity} before={entry.before} after={entry.after} names={names} />
      ),
    },
  ];

  return (
    <Table<AuditEntryView>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('audit.empty') }}
      onRow={(entry) =>
        ({
          'data-testid': 'audit-row',
          'data-action': entry.action,
          'data-entity': entry.entity,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
