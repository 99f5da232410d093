// What a unit's funding rules owe for a year: one row per rule (payer, rule, the figures behind,
// quantity, rate, amount, the plan's clause), then the total by payer and in all; cards on a phone.

import { useQueries } from '@tanstack/react-query';
import {
  type BirthOrder,
  birthOrderWords,
  FUNDING_CONDITION_WORDS,
  FUNDING_KIND_WORDS,
  FUNDING_PAYER_WORDS,
  FUNDING_QUANTITY_WORDS,
  type Funding,
  type FundingItem,
  INSTITUTION_KIND_WORDS,
  joinList,
} from '@tuowei/shared';
import { Alert, Descriptions, Grid, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { StackedRows } from '../../../components/stacked-rows.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { jurisdictionQueryOptions } from '../../../lib/jurisdiction-tree.ts';

export interface BudgetTableProps {
  funding: Funding;
  caption: string;
}

export function BudgetTable({ funding, caption }: BudgetTableProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const format = useFormat();
  const phone = Grid.useBreakpoint().md === false;
  const yuan = (amount: number) => format.plain(amount);
  const count = (value: number | null) => (value === null ? t('budget.basis.missing') : format.integer(value));

  const ruleName = (item: FundingItem) => {
    const kind = FUNDING_KIND_WORDS[language][item.kind];
    if (item.birthOrder) return `${kind} · ${birthOrderWords(item.birthOrder as BirthOrder, language)}`;
    if (item.institutionKind) return `${kind} · ${INSTITUTION_KIND_WORDS[language][item.institutionKind]}`;
    return kind;
  };

  const basis = (item: FundingItem) => {
    const { basis: b } = item;
    const lines: string[] = [];
    if (item.kind === 'per_child_month') {
      lines.push(
        b.quarters.length === 0
          ? t('budget.basis.noMonths')
          : t('budget.basis.months', {
              quarters: joinList(
                b.quarters.map((period) => format.period(period)),
                language,
              ),
            }),
      );
    } else {
      lines.push(
        t(item.kind === 'per_place_built' ? 'budget.basis.built' : 'budget.basis.institutions', {
          period: b.yearEndPeriod ? format.period(b.yearEndPeriod) : t('budget.basis.missing'),
          yearEnd: count(b.yearEnd),
          previousPeriod: b.previousYearEndPeriod ? format.period(b.previousYearEndPeriod) : t('budget.basis.missing'),
          previousYearEnd: count(b.previousYearEnd),
        }),
      );
    }
    if (item.condition === 'schedule_target_met') {
      lines.push(
        b.scheduleTarget
          ? t('budget.basis.task', { value: format.integer(b.scheduleTarget.value) })
          : t('budget.basis.noTask'),
      );
    }
    return (
      <>
        {joinList(lines, language, 'clauses')}
        {b.provisional && t('budget.basis.provisional')}
      </>
    );
  };

  // a parent lists its units' rules: which unit each is owed for
  const ofUnits = funding.items.some((item) => item.jurisdictionCode !== funding.code);
  const unitName = useUnitNames(funding.units.map((unit) => unit.code));
  const unitColumn: ColumnsType<FundingItem> = ofUnits
    ? [{ key: 'unit', title: t('budget.columns.unit'), render: (_, item) => unitName(item.jurisdictionCode) }]
    : [];
  const incomplete = funding.units.filter((unit) => !unit.complete).map((unit) => unitName(unit.code));

  const columns: ColumnsType<FundingItem> = [
    ...unitColumn,
    {
      key: 'payer',
      title: t('budget.columns.payer'),
      render: (_, item) => FUNDING_PAYER_WORDS[language][item.payer],
    },
    {
      key: 'rule',
      title: t('budget.columns.rule'),
      render: (_, item) => (
        <>
          {ruleName(item)}
          {item.condition && (
            <div>
              <Tag color={item.conditionMet ? 'success' : 'error'} data-testid="funding-condition">
                {t(item.conditionMet ? 'budget.conditionMet' : 'budget.conditionNotMet', {
                  condition: FUNDING_CONDITION_WORDS[language][item.condition],
                })}
              </Tag>
            </div>
          )}
        </>
      ),
    },
    { key: 'basis', title: t('budget.columns.basis'), render: (_, item) => basis(item) },
    {
      key: 'quantity',
      title: t('budget.columns.quantity'),
      align: 'right',
      render: (_, item) =>
        item.quantity === null
          ? t('budget.unknown')
          : `${format.integer(item.quantity)} ${FUNDING_QUANTITY_WORDS[language][item.kind]}`,
    },
    { key: 'rate', title: t('budget.columns.rate'), align: 'right', render: (_, item) => yuan(item.rate) },
    {
      key: 'amount',
      title: t('budget.columns.amount'),
      align: 'right',
      render: (_, item) => (
        <strong data-testid="funding-amount">{item.amount === null ? t('budget.unknown') : yuan(item.amount)}</strong>
      ),
    },
    {
      key: 'source',
      title: t('budget.columns.source'),
      render: (_, item) => (
        <Tooltip title={item.description}>
          <span className="tuowei-secondary">{[item.documentNumber, item.clause].filter(Boolean).join(' ')}</span>
        </Tooltip>
      ),
    },
  ];

  const onRow = (item: FundingItem) =>
    ({
      'data-testid': 'funding-row',
      'data-kind': item.kind,
      'data-payer': item.payer,
      'data-unit': item.jurisdictionCode,
    }) as HTMLAttributes<HTMLElement>;

  const totals = (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="funding-totals"
      items={[
        ...funding.byPayer.map((part) => ({
          key: part.payer,
          label: FUNDING_PAYER_WORDS[language][part.payer],
          children: t('budget.yuan', { amount: yuan(part.amount) }),
        })),
        {
          key: 'total',
          label: funding.complete ? t('budget.total') : t('budget.totalLowerBound'),
          children: <strong data-testid="funding-total">{t('budget.yuan', { amount: yuan(funding.total) })}</strong>,
        },
      ]}
    />
  );

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      {incomplete.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="funding-incomplete"
          title={t('budget.incomplete', { units: joinList(incomplete, language) })}
        />
      )}
      {phone ? (
        <StackedRows<FundingItem>
          columns={columns}
          rows={funding.items}
          rowKey={(item) => item.ruleId}
          caption={caption}
          empty={t('budget.none')}
          onRow={onRow}
        />
      ) : (
        <Table<FundingItem>
          size="middle"
          rowKey="ruleId"
          columns={columns}
          dataSource={funding.items}
          pagination={false}
          caption={caption}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('budget.none') }}
          onRow={onRow}
        />
      )}
      {funding.items.length > 0 && totals}
    </div>
  );
}

/** The names of a few units (those a parent's rules are owed for) in the reader's language; the code while one loads. */
function useUnitNames(codes: readonly string[]): (code: string) => string {
  const { nameOfCode } = useLanguage();
  const units = useQueries({ queries: codes.map((code) => jurisdictionQueryOptions(code)) });
  const known = units.flatMap((unit) => (unit.data ? [unit.data] : []));
  return (code) => nameOfCode(known, code);
}
