// The new residential projects within a subtree, each against the norm that covers it: required
// places, planned, shortfall and compliance; entry staff add and correct them. One card a project
// on a phone, drawn from the same columns.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ResidentialProjectView } from '@tuowei/shared';
import { Button, Grid, Skeleton, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JurisdictionField } from '../../../components/jurisdiction-field.ts';
import { QueryError } from '../../../components/query-error.tsx';
import { StackedRows } from '../../../components/stacked-rows.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useResidentialProjects } from '../api/get-residential-projects.ts';
import { ProjectDialog } from './project-dialog.tsx';

export interface ProjectRegisterProps {
  /** The subtree in view; null: the person's own jurisdiction. */
  root: string | null;
  caption: string;
  /** Whether the person may register and correct projects (entry staff). */
  canWrite: boolean;
  jurisdictionName: (code: string) => string;
  JurisdictionField: JurisdictionField;
}

export function ProjectRegister({
  root,
  caption,
  canWrite,
  jurisdictionName,
  JurisdictionField,
}: ProjectRegisterProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const phone = Grid.useBreakpoint().md === false;
  const projects = useResidentialProjects(root);
  const [editing, setEditing] = useState<ResidentialProjectView | 'new' | null>(null);

  if (projects.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (projects.isError) return <QueryError error={projects.error} onRetry={() => void projects.refetch()} />;

  const none = t('common.none');
  const count = (value: number | null) => (value === null ? none : format.integer(value));
  const columns: ColumnsType<ResidentialProjectView> = [
    {
      key: 'name',
      title: t('residential.fields.name'),
      render: (_, project) => (
        <>
          <span data-testid="project-name-cell">{project.name}</span>
          <span className="tuowei-secondary">{jurisdictionName(project.jurisdictionCode)}</span>
        </>
      ),
    },
    {
      key: 'approvedOn',
      title: t('residential.fields.approvedOn'),
      className: 'tuowei-nowrap',
      dataIndex: 'approvedOn',
    },
    {
      key: 'plannedResidents',
      title: t('residential.fields.plannedResidents'),
      render: (_, project) => format.integer(project.plannedResidents),
    },
    {
      key: 'norm',
      title: t('residential.fields.norm'),
      render: (_, project) =>
        project.norm === null ? (
          <span className="tuowei-secondary">{t('residential.noNorm')}</span>
        ) : (
          <>
            {t('residential.normValue', { value: project.norm.value })}
            <span className="tuowei-secondary">
              {t('residential.normSource', {
                document: project.norm.documentNumber ?? '',
                clause: project.norm.clause,
              })}
            </span>
          </>
        ),
    },
    {
      key: 'requiredPlaces',
      title: t('residential.fields.requiredPlaces'),
      render: (_, project) => <span data-testid="project-required">{count(project.requiredPlaces)}</span>,
    },
    {
      key: 'plannedPlaces',
      title: t('residential.fields.plannedPlaces'),
      render: (_, project) => format.integer(project.plannedPlaces),
    },
    {
      key: 'shortfall',
      title: t('residential.fields.shortfall'),
      render: (_, project) => <span data-testid="project-shortfall">{count(project.shortfall)}</span>,
    },
    {
      key: 'compliant',
      title: t('residential.fields.compliant'),
      render: (_, project) =>
        project.compliant === null ? (
          none
        ) : project.compliant ? (
          <Tag color="success" data-testid="project-compliance">
            {t('residential.compliant')}
          </Tag>
        ) : (
          <Tag color="error" data-testid="project-compliance">
            {t('residential.notCompliant')}
          </Tag>
        ),
    },
    {
      key: 'deliveredPlaces',
      title: t('residential.fields.deliveredPlaces'),
      render: (_, project) => count(project.deliveredPlaces),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('residential.fields.actions'),
            render: (_: unknown, project: ResidentialProjectView) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(project)}
                data-testid="edit-project"
              >
                {t('residential.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const onRow = (project: ResidentialProjectView) =>
    ({ 'data-testid': 'project-row', 'data-project': project.name }) as HTMLAttributes<HTMLElement>;

  return (
    <div className="tuowei-stack" style={{ gap: 12 }}>
      {canWrite && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-project">
            {t('residential.add')}
          </Button>
        </div>
      )}
      {phone ? (
        <StackedRows<ResidentialProjectView>
          columns={columns}
          rows={projects.data}
          rowKey={(project) => project.id}
          caption={caption}
          empty={t('residential.empty')}
          onRow={onRow}
        />
      ) : (
        <Table<ResidentialProjectView>
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={projects.data}
          pagination={false}
          caption={caption}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('residential.empty') }}
          onRow={onRow}
        />
      )}
      <ProjectDialog
        editing={editing}
        JurisdictionField={JurisdictionField}
        proposed={root}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
