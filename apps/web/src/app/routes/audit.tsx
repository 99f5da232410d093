// `/audit?root=533400&from=2026-01-01&to=2026-03-31&entity=report`: the audit trail for auditors
// and administrators, newest first, a page at a time.
import type { AuditEntryView } from '@tuowei/shared';
import { Alert, Button, DatePicker, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ActionError } from '../../components/action-error.tsx';
import { useAuditWords } from '../../components/audit-words.ts';
import { fieldKind } from '../../components/audited-fields.ts';
import type { RecordNames } from '../../components/field-changes.tsx';
import { FileDownloads } from '../../components/file-downloads.tsx';
import { JurisdictionPicker } from '../../components/jurisdiction-picker.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDownloadAudit } from '../../features/audit/api/download-audit.ts';
import { AUDIT_ENTITIES, type AuditEntity, type AuditFilter, useAudit } from '../../features/audit/api/get-audit.ts';
import { AuditTable } from '../../features/audit/components/audit-table.tsx';
import { ChainStatus } from '../../features/audit/components/chain-status.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { usePlans } from '../../features/plans/api/get-plans.ts';
import { useJurisdictionNames } from '../../lib/use-jurisdiction-names.ts';

const ROOT_PICKER_ID = 'audit-root';
const DATES_ID = 'audit-dates';
const ENTITY_ID = 'audit-entity';
const DATE = 'YYYY-MM-DD';

/** The units a page of the trail names: each row's, and those its changes point at (an account's, a unit's parent). */
function unitsNamed(entries: readonly AuditEntryView[]): string[] {
  const codes = new Set<string>();
  for (const entry of entries) {
    if (entry.jurisdictionCode) codes.add(entry.jurisdictionCode);
    for (const snapshot of [entry.before, entry.after]) {
      if (typeof snapshot !== 'object' || snapshot === null) continue;
      for (const [field, value] of Object.entries(snapshot)) {
        if (typeof value === 'string' && fieldKind(entry.entity, field) === 'jurisdiction') codes.add(value);
      }
    }
  }
  return [...codes];
}

const isEntity = (value: string | null): value is AuditEntity =>
  value !== null && (AUDIT_ENTITIES as readonly string[]).includes(value);

export function AuditRoute() {
  return (
    <RequireRole roles={['auditor', 'admin']}>
      <AuditPage />
    </RequireRole>
  );
}

function AuditPage() {
  const { t } = useTranslation();
  const words = useAuditWords();
  const [searchParams, setSearchParams] = useSearchParams();
  const session = useSession();
  const plans = usePlans();
  const download = useDownloadAudit();

  const entity = searchParams.get('entity');
  const filter: AuditFilter = {
    root: searchParams.get('root') ?? undefined,
    from: searchParams.get('from') ?? undefined,
    to: searchParams.get('to') ?? undefined,
    entity: isEntity(entity) ? entity : undefined,
  };
  const audit = useAudit(filter);

  const change = (next: Partial<AuditFilter>) => {
    const merged = { ...filter, ...next };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
    setSearchParams(params);
  };

  const entries = audit.data?.pages.flat() ?? [];
  // the names of the units these rows show, looked up by their codes: not the whole tree
  const jurisdictions = useJurisdictionNames(unitsNamed(entries));

  // ids in the changes as the things they name: a unit by its name, a plan by its title
  const names = useMemo<RecordNames>(
    () => ({
      jurisdiction: (code) => {
        const name = jurisdictions.name(code);
        return name === code ? undefined : name;
      },
      plan: (id) => plans.data?.find((plan) => plan.id === id)?.title,
    }),
    [jurisdictions, plans.data],
  );

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('audit.intro')}
        </Typography.Paragraph>
      </div>
      <ChainStatus />
      <section className="tuowei-pickers" aria-label={t('audit.title')}>
        <div className="tuowei-picker">
          <label htmlFor={ROOT_PICKER_ID}>{t('audit.filters.root')}</label>
          <JurisdictionPicker
            id={ROOT_PICKER_ID}
            within={session.data?.user.jurisdictionCode ?? null}
            value={filter.root}
            placeholder={t('audit.filters.rootPlaceholder')}
            onChange={(root) => change({ root })}
            onClear={() => change({ root: undefined })}
          />
        </div>
        <div className="tuowei-picker">
          <label htmlFor={DATES_ID}>{t('audit.filters.dates')}</label>
          <DatePicker.RangePicker
            id={DATES_ID}
            // on a phone its two months stand one above the other (index.css): side by side they ran off the screen
            classNames={{ popup: { root: 'tuowei-range-popup' } }}
            allowEmpty={[true, true]}
            value={[filter.from ? dayjs(filter.from, DATE) : null, filter.to ? dayjs(filter.to, DATE) : null]}
            onChange={(dates) =>
              change({ from: dates?.[0]?.format(DATE) ?? undefined, to: dates?.[1]?.format(DATE) ?? undefined })
            }
          />
        </div>
        <div className="tuowei-picker">
          <label htmlFor={ENTITY_ID}>{t('audit.filters.entity')}</label>
          <Select<AuditEntity | 'all'>
            id={ENTITY_ID}
            style={{ minWidth: 160 }}
            value={filter.entity ?? 'all'}
            options={[
              { value: 'all', label: t('audit.filters.entityAll') },
              ...AUDIT_ENTITIES.map((value) => ({ value, label: words.entity(value) })),
            ]}
            onChange={(value) => change({ entity: value === 'all' ? undefined : value })}
          />
        </div>
      </section>
      <FileDownloads
        pending={download.isPending ? (download.variables?.format ?? null) : null}
        onDownload={(format) => download.mutate({ filter, format })}
        labels={{ xlsx: t('audit.downloadXlsx'), csv: t('audit.downloadCsv') }}
        testId="download-audit"
      />
      <ActionError error={download.error} />
      {jurisdictions.error && <Alert type="warning" showIcon title={jurisdictions.error.message} />}
      {audit.isError && entries.length === 0 ? (
        <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <>
          <AuditTable entries={entries} jurisdictionName={jurisdictions.name} names={names} loading={audit.isPending} />
          {audit.isFetchNextPageError && <Alert type="error" showIcon title={audit.error?.message} />}
          <div className="tuowei-load-more">
            {audit.hasNextPage ? (
              <Button
                data-testid="audit-load-more"
                loading={audit.isFetchingNextPage}
                onClick={() => void audit.fetchNextPage()}
              >
                {t('audit.loadMore')}
              </Button>
            ) : (
              entries.length > 0 && (
                <span className="tuowei-secondary">{t('audit.allLoaded', { count: entries.length })}</span>
              )
            )}
          </div>
        </>
      )}
    </div>
  );
}
