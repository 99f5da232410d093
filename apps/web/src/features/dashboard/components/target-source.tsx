// Where a target comes from: the plan's document number, opening (on hover, focus or click) the
// plan's title, issuer, clause and due date.
import { FileTextOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';

/** What an answer says of a target's source (a progress target, a cascade, a plan's headline). */
export interface TargetSourceFields {
  documentNumber: string | null;
  planTitle: string;
  issuer?: string;
  clause: string;
  dueYear?: number;
  binding?: boolean;
}

export function TargetSource({ source }: { source: TargetSourceFields }) {
  const { documentNumber, planTitle, issuer, clause, dueYear, binding } = source;
  const { t } = useTranslation();
  const format = useFormat();
  const content = (
    <dl className="tuowei-source" data-testid="target-source-details">
      <dt>{t('dashboard.page.source.documentNumber')}</dt>
      <dd>{documentNumber ?? t('dashboard.page.source.noDocumentNumber')}</dd>
      <dt>{t('dashboard.page.source.plan')}</dt>
      <dd>《{planTitle}》</dd>
      {issuer && (
        <>
          <dt>{t('dashboard.page.source.issuer')}</dt>
          <dd>{issuer}</dd>
        </>
      )}
      <dt>{t('dashboard.page.source.clause')}</dt>
      <dd>{clause}</dd>
      {dueYear !== undefined && (
        <>
          <dt>{t('dashboard.page.source.dueYear')}</dt>
          <dd>{format.dueYear(dueYear)}</dd>
        </>
      )}
      {binding && <dd className="tuowei-source-note">{t('dashboard.page.source.binding')}</dd>}
    </dl>
  );
  return (
    <Popover content={content} title={t('dashboard.page.source.label')} trigger={['hover', 'focus', 'click']}>
      <Button
        type="link"
        size="small"
        icon={<FileTextOutlined aria-hidden />}
        className="tuowei-source-trigger"
        data-testid="target-source"
      >
        {documentNumber ?? planTitle} · {clause}
      </Button>
    </Popover>
  );
}
