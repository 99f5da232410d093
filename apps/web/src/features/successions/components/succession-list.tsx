// The boundary changes touching a subtree: old unit → new unit, when, of which kind, on what basis;
// a table at a desk, one card a change on a phone.
import type { SuccessionView } from '@tuowei/shared';
import { Grid, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { StackedRows } from '../../../components/stacked-rows.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';

export function SuccessionList({ successions, caption }: { successions: readonly SuccessionView[]; caption: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const phone = Grid.useBreakpoint().md === false;
  const named = (code: string, name: string, nameEn: string) => `${language === 'en' ? nameEn : name}（${code}）`;
  const columns: ColumnsType<SuccessionView> = [
    {
      key: 'from',
      title: t('successions.columns.from'),
      render: (_, s) => named(s.fromCode, s.fromName, s.fromNameEn),
    },
    { key: 'to', title: t('successions.columns.to'), render: (_, s) => named(s.toCode, s.toName, s.toNameEn) },
    { key: 'effectiveOn', title: t('successions.columns.effectiveOn'), dataIndex: 'effectiveOn' },
    {
      key: 'kind',
      title: t('successions.columns.kind'),
      render: (_, s) => <Tag>{t(`successions.kinds.${s.kind}`)}</Tag>,
    },
    { key: 'reason', title: t('successions.columns.reason'), dataIndex: 'reason' },
  ];
  const rowKey = (s: SuccessionView) => `${s.fromCode}>${s.toCode}`;
  const onRow = (s: SuccessionView) =>
    ({ 'data-testid': 'succession-row', 'data-from': s.fromCode, 'data-to': s.toCode }) as HTMLAttributes<HTMLElement>;
  if (phone) {
    return (
      <StackedRows<SuccessionView>
        columns={columns}
        rows={successions}
        rowKey={rowKey}
        caption={caption}
        empty={t('successions.empty')}
        onRow={onRow}
      />
    );
  }
  return (
    <Table<SuccessionView>
      size="middle"
      rowKey={rowKey}
      columns={columns}
      dataSource={[...successions]}
      pagination={false}
      caption={caption}
      locale={{ emptyText: t('successions.empty') }}
      onRow={onRow}
    />
  );
}
