// One unit-year's health indicators at work: the counts with last year's beside each, checked by
// the same rules the API applies (deaths ≤ live births…), and the review buttons; every write goes
// to the API with the version the person saw.
import {
  fieldMessage,
  INDICATOR_COUNT_WORDS,
  INDICATOR_COUNTS,
  type IndicatorCount,
  type IndicatorCounts,
  type IndicatorsView,
  impossibleCounts,
  indicatorCounts,
  indicatorsRefusal,
} from '@tuowei/shared';
import { Alert, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { ReportStateTag } from '../../../components/report-state-tag.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { type IndicatorsStep, useReviewIndicators } from '../api/review-indicators.ts';
import { useSaveIndicators } from '../api/save-indicators.ts';

export interface IndicatorsPermissions {
  /** Enters counts and submits (entry staff of this jurisdiction or above it). */
  enter: boolean;
  /** Approves and returns (a reviewer of a level above this jurisdiction). */
  review: boolean;
}

export interface IndicatorsEditorProps {
  code: string;
  year: number;
  /** Null while nobody has entered them. */
  record: IndicatorsView | null;
  /** Last year's counts, beside each field. */
  previous: IndicatorsView['previous'];
  permissions: IndicatorsPermissions;
}

const empty = indicatorCounts({});

export function IndicatorsEditor({ code, year, record, previous, permissions }: IndicatorsEditorProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const format = useFormat();
  const save = useSaveIndicators(code, year);
  const review = useReviewIndicators(code, year);
  const [counts, setCounts] = useState<IndicatorCounts>(() => (record ? indicatorCounts(record) : empty));
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Error | null>(null);

  const status = record?.status ?? null;
  const notEnded = indicatorsRefusal(year, new Date());
  const editable = permissions.enter && !notEnded && (status === null || status === 'draft' || status === 'returned');

  // the API's field problems where it sent some, else the shared checks as the person types
  const serverProblems = new Map<string, string>();
  if (failure && isApiError(failure, 'invalid_request') && Array.isArray(failure.details)) {
    for (const detail of failure.details as { field: string; message: string }[]) {
      serverProblems.set(detail.field.replace(/^body\./, ''), detail.message);
    }
  }
  const problems = new Map<string, string>(
    impossibleCounts(counts).map(({ field, message }) => [field, fieldMessage(message, language)]),
  );
  const problemOf = (field: IndicatorCount) => problems.get(field) ?? serverProblems.get(field);

  const run = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(error as Error);
    }
  };
  const step = (name: IndicatorsStep) =>
    run(() => review.mutateAsync({ step: name, version: record?.version ?? 0, reason }));

  return (
    <div className="tuowei-stack">
      <Space>
        <ReportStateTag state={status ?? 'missing'} testId="indicators-status" />
        {record?.approvedBy && <span>{t('indicators.approvedBy', { name: record.approvedBy })}</span>}
      </Space>
      {notEnded && <Alert type="info" showIcon title={t('indicators.notEnded', notEnded)} />}
      {status === null && permissions.enter && !notEnded && (
        <Alert type="info" showIcon title={t('indicators.notStartedEntry')} />
      )}
      {status === 'returned' && record?.returnReason && (
        <Alert type="warning" showIcon title={t('indicators.returned', { reason: record.returnReason })} />
      )}
      {!permissions.enter && !permissions.review && <Alert type="info" title={t('indicators.readOnly')} />}
      <Form layout="vertical" style={{ maxWidth: 640 }} disabled={!editable}>
        {INDICATOR_COUNTS.map((field) => {
          const last = previous?.[field];
          const problem = problemOf(field);
          return (
            <Form.Item
              key={field}
              label={INDICATOR_COUNT_WORDS[field][language]}
              htmlFor={`indicator-${field}`}
              validateStatus={problem ? 'error' : undefined}
              help={problem}
              extra={
                previous
                  ? t('indicators.lastYear', { value: last == null ? t('indicators.unknown') : format.integer(last) })
                  : undefined
              }
            >
              <InputNumber
                id={`indicator-${field}`}
                data-testid={`indicator-${field}`}
                min={0}
                precision={0}
                style={{ width: 200 }}
                value={counts[field]}
                onChange={(value) => setCounts((before) => ({ ...before, [field]: value ?? null }))}
              />
            </Form.Item>
          );
        })}
      </Form>
      {failure && !isApiError(failure, 'invalid_request') && <ActionError error={failure} />}
      <Space wrap>
        {editable && (
          <Button
            data-testid="indicators-save"
            disabled={problems.size > 0}
            loading={save.isPending}
            onClick={() => run(() => save.mutateAsync({ input: counts, version: record?.version }))}
          >
            {t('indicators.save')}
          </Button>
        )}
        {editable && record && (status === 'draft' || status === 'returned') && (
          <Button
            type="primary"
            data-testid="indicators-submit"
            disabled={problems.size > 0}
            onClick={() => step('submit')}
          >
            {t('indicators.submit')}
          </Button>
        )}
        {permissions.review && status === 'submitted' && (
          <Button type="primary" data-testid="indicators-approve" onClick={() => step('approve')}>
            {t('indicators.approve')}
          </Button>
        )}
        {permissions.review && (status === 'submitted' || status === 'approved') && (
          <>
            <Input
              aria-label={t('indicators.returnReason')}
              placeholder={t('indicators.returnReason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              style={{ width: 240 }}
            />
            <Button danger data-testid="indicators-return" disabled={!reason.trim()} onClick={() => step('return')}>
              {t('indicators.return')}
            </Button>
          </>
        )}
      </Space>
      {record && (
        <Typography.Text type="secondary">
          v{record.version} · {record.updatedBy ?? ''}
        </Typography.Text>
      )}
    </div>
  );
}
