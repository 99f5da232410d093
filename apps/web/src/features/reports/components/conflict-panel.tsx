// Someone saved the report while this person was typing: their figures and the saved ones side by
// side, differences marked, and the choice of which to keep.
import { INSTITUTION_KINDS, type InstitutionKind, type ReportInput, type ReportView } from '@tuowei/shared';
import { Alert, Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';

export interface Conflict {
  /** What the person tried to save. */
  mine: ReportInput;
  /** The version they started from; undefined when they were creating the report. */
  base: number | undefined;
  /** The report as saved now (null if it has gone). */
  current: ReportView | null;
}

interface Row {
  key: string;
  label: string;
  mine: string;
  saved: string;
  differs: boolean;
}

export interface ConflictPanelProps {
  conflict: Conflict;
  busy: boolean;
  onKeepMine: () => void;
  onTakeSaved: () => void;
}

export function ConflictPanel({ conflict, busy, onKeepMine, onTakeSaved }: ConflictPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mine, base, current } = conflict;
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? t('report.form.unknown') : format.integer(value);
  const text = (value: string | null | undefined) => (value?.trim() ? value : t('changes.empty'));

  const rows: Row[] = [];
  const add = (key: string, label: string, mineValue: string, savedValue: string) =>
    rows.push({ key, label, mine: mineValue, saved: savedValue, differs: mineValue !== savedValue });
  add('places', t('report.form.places'), count(mine.places), count(current?.places));
  add(
    'affordablePlaces',
    t('report.form.affordablePlaces'),
    count(mine.affordablePlaces),
    count(current?.affordablePlaces),
  );
  add(
    'childrenEnrolled',
    t('report.form.childrenEnrolled'),
    count(mine.childrenEnrolled),
    count(current?.childrenEnrolled),
  );
  const kinds = INSTITUTION_KINDS.filter(
    (kind: InstitutionKind) => mine.institutions?.[kind] !== undefined || current?.institutions[kind] !== undefined,
  );
  for (const kind of kinds) {
    add(
      `institutions.${kind}`,
      t(`institutionKind.${kind}`),
      count(mine.institutions?.[kind]),
      count(current?.institutions[kind]),
    );
  }
  add('comment', t('report.form.comment'), text(mine.comment), text(current?.comment));

  const columns: ColumnsType<Row> = [
    { key: 'label', title: t('report.conflict.field'), dataIndex: 'label' },
    {
      key: 'mine',
      title: t('report.conflict.mine'),
      render: (_, row) => <span data-testid={`conflict-mine-${row.key}`}>{row.mine}</span>,
    },
    {
      key: 'saved',
      title: current ? t('report.conflict.saved', { version: current.version }) : t('common.none'),
      render: (_, row) => (
        <>
          <span data-testid={`conflict-saved-${row.key}`}>{row.saved}</span>{' '}
          {row.differs && <Tag color="orange">{t('report.conflict.differs')}</Tag>}
        </>
      ),
    },
  ];

  // A submitted or approved report is no longer a draft that a save may replace.
  const locked = current !== null && (current.status === 'submitted' || current.status === 'approved');

  return (
    <section data-testid="conflict-panel" aria-labelledby="conflict-heading" className="tuowei-conflict">
      <Alert
        type="warning"
        showIcon
        title={<span id="conflict-heading">{t('report.conflict.title')}</span>}
        description={
          current
            ? t(base === undefined ? 'report.conflict.descriptionNew' : 'report.conflict.description', {
                mine: base,
                current: current.version,
                by: current.updatedBy ?? t('common.none'),
                at: format.dateTime(current.updatedAt),
              })
            : t('report.conflict.gone')
        }
      />
      <Table<Row>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(row) => (row.differs ? 'tuowei-differs' : '')}
        style={{ margin: '12px 0' }}
      />
      {locked && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('report.conflict.locked', { status: t(`reportStatus.${current.status}`) })}
        />
      )}
      <Space wrap>
        <Button
          type="primary"
          data-testid="conflict-keep-mine"
          disabled={locked || !current}
          loading={busy}
          onClick={onKeepMine}
        >
          {t('report.conflict.keepMine')}
        </Button>
        <Button data-testid="conflict-take-saved" disabled={busy} onClick={onTakeSaved}>
          {t('report.conflict.takeSaved')}
        </Button>
      </Space>
    </section>
  );
}
