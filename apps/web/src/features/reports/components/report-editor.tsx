// One quarterly report at work: its state, the form, the review buttons, what to do when someone
// else saved first, what changed since approval and the history. Every write goes to the API with
// the version the person saw.
import { useQueryClient } from '@tanstack/react-query';
import {
  parsePeriod,
  type ReportInput,
  type ReportView,
  reportingRefusal,
  reportingRefusalWords,
} from '@tuowei/shared';
import { Alert, message } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useApproveReport } from '../api/approve-report.ts';
import { getReport } from '../api/get-report.ts';
import { useReturnReport } from '../api/return-report.ts';
import { useSaveReport } from '../api/save-report.ts';
import { useSubmitReport } from '../api/submit-report.ts';
import { dropDraft, keepDraft, type OfflineDraft, readDraft } from '../offline-draft.ts';
import { ChangesSinceApproval } from './changes-since-approval.tsx';
import { type Conflict, ConflictPanel } from './conflict-panel.tsx';
import { type PreviousReport, type ReportAction, ReportForm } from './report-form.tsx';
import { ReportHistory } from './report-history.tsx';
import { ReportSummary } from './report-summary.tsx';
import { ReturnDialog } from './return-dialog.tsx';

export interface ReportPermissions {
  /** Enters figures and submits (entry staff of this jurisdiction or above it). */
  enter: boolean;
  /** Approves and returns (a reviewer of a level above this jurisdiction). */
  review: boolean;
  /** Why this person only reads the report, when they do regardless of its state. */
  readOnlyNote: string | null;
  /** Sees the changes made since the last approval (everyone but the reporter). */
  seesChanges: boolean;
}

export interface ReportEditorProps {
  code: string;
  period: string;
  /** Null while nobody has started the report. */
  report: ReportView | null;
  /** Last quarter's report, for the figures beside each field and the warnings. */
  previous: PreviousReport;
  permissions: ReportPermissions;
}

/** Field problems the form marks itself; every other failure is the editor's to show. */
const FIELD_PROBLEMS = ['invalid_request', 'comment_required'];

export function ReportEditor({ code, period, report, previous, permissions }: ReportEditorProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [messageApi, messageHolder] = message.useMessage();
  const format = useFormat();
  const save = useSaveReport(code, period);
  const submit = useSubmitReport(code, period);
  const approve = useApproveReport(code, period);
  const returnReport = useReturnReport(code, period);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [returning, setReturning] = useState(false);
  // figures saved while the connection was gone, kept in this browser until they are sent
  const [draft, setDraft] = useState<OfflineDraft | null>(() => readDraft(code, period));

  const { language } = useLanguage();
  // The API's reporting window, judged here by the same rule: a quarter not begun is not reported
  // at all; the running quarter may be drafted, and submitted once it ends.
  const quarter = parsePeriod(period);
  const now = new Date();
  const notBegun = quarter && reportingRefusal(quarter, now, 'save');
  const notEnded = quarter && reportingRefusal(quarter, now, 'submit');

  const status = report?.status ?? null;
  const editable = permissions.enter && !notBegun && (status === null || status === 'draft' || status === 'returned');
  const review =
    permissions.review && report
      ? { approve: status === 'submitted', return: status === 'submitted' || status === 'approved' }
      : null;
  const busy: ReportAction | null = save.isPending
    ? 'save'
    : submit.isPending
      ? 'submit'
      : approve.isPending
        ? 'approve'
        : returnReport.isPending
          ? 'return'
          : null;

  const begin = () => {
    setFailure(null);
    setConflict(null);
  };

  /** A stale version: the reporter compares and chooses; anyone else sees the report as it is now. */
  const fail = async (error: unknown, mine: ReportInput | null) => {
    if (isApiError(error, 'version_conflict')) {
      const current = (error.details as { current?: ReportView | null } | undefined)?.current ?? null;
      if (mine) {
        setConflict({ mine, base: report?.version, current });
        return;
      }
      if (current) queryClient.setQueryData(queryKeys.report(code, period), current);
    }
    // Someone else created the report while this person was creating it too: the same choice.
    if (isApiError(error, 'if_match_required') && mine && !report) {
      const current = await getReport(code, period).catch(() => null);
      setConflict({ mine, base: undefined, current });
      return;
    }
    // Submitted, approved or returned meanwhile: show the report as it is now, with the API's words.
    if (isApiError(error) && error.code?.startsWith('report_')) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.report(code, period) });
    }
    if (isApiError(error) && error.code !== null && FIELD_PROBLEMS.includes(error.code)) throw error;
    setFailure(error instanceof Error ? error : new Error(String(error)));
  };

  /** The connection is gone: keep the figures with the version they were entered against. */
  const keepOffline = (input: ReportInput, version: number | undefined) => {
    const kept = { input, version, savedAt: new Date().toISOString() };
    keepDraft(code, period, kept);
    setDraft(kept);
  };

  const clearDraft = () => {
    dropDraft(code, period);
    setDraft(null);
  };

  const onSave = async (input: ReportInput) => {
    begin();
    try {
      const view = await save.mutateAsync({ input, version: report?.version });
      clearDraft();
      void messageApi.success(t('report.done.saved', { version: view.version }));
    } catch (error) {
      if (isApiError(error) && error.status === 0) {
        keepOffline(input, report?.version);
        return;
      }
      await fail(error, input);
    }
  };

  // The kept draft goes out as soon as there is a connection (now, or when it comes back), with
  // its own version: a report someone changed meanwhile comes back as a conflict, side by side.
  const sending = useRef(false);
  const { mutateAsync: saveNow } = save;
  const sendDraft = useCallback(async () => {
    const kept = readDraft(code, period);
    if (!kept || sending.current || !navigator.onLine) return;
    sending.current = true;
    setFailure(null);
    try {
      const view = await saveNow({ input: kept.input, version: kept.version });
      dropDraft(code, period);
      setDraft(null);
      void messageApi.success(t('report.offline.sent', { version: view.version }));
    } catch (error) {
      if (isApiError(error) && error.status === 0) return;
      if (isApiError(error, 'version_conflict')) {
        const current = (error.details as { current?: ReportView | null } | undefined)?.current ?? null;
        setConflict({ mine: kept.input, base: kept.version, current });
      } else {
        setFailure(error instanceof Error ? error : new Error(String(error)));
      }
    } finally {
      sending.current = false;
    }
  }, [code, period, saveNow, messageApi, t]);

  useEffect(() => {
    if (!editable) return;
    void sendDraft();
    window.addEventListener('online', sendDraft);
    return () => window.removeEventListener('online', sendDraft);
  }, [editable, sendDraft]);

  const onSubmit = async (input: ReportInput, unchanged: boolean) => {
    begin();
    try {
      // What is on the screen is what gets submitted: save it first where it differs.
      const version =
        unchanged && report ? report.version : (await save.mutateAsync({ input, version: report?.version })).version;
      await submit.mutateAsync(version);
      void messageApi.success(t('report.done.submitted'));
    } catch (error) {
      await fail(error, input);
    }
  };

  const onApprove = async () => {
    if (!report) return;
    begin();
    try {
      await approve.mutateAsync(report.version);
      void messageApi.success(t('report.done.approved'));
    } catch (error) {
      await fail(error, null);
    }
  };

  const onReturn = async (reason: string) => {
    if (!report) return;
    begin();
    try {
      await returnReport.mutateAsync({ version: report.version, reason });
      setReturning(false);
      void messageApi.success(t('report.done.returned'));
    } catch (error) {
      // Anything but a stale version is shown in the dialog, where the reason still is.
      if (isApiError(error, 'version_conflict')) {
        setReturning(false);
        await fail(error, null);
      }
    }
  };

  const keepMine = async () => {
    if (!conflict?.current) return;
    const { mine, current } = conflict;
    begin();
    try {
      const view = await save.mutateAsync({ input: mine, version: current.version });
      clearDraft();
      void messageApi.success(t('report.done.saved', { version: view.version }));
    } catch (error) {
      await fail(error, mine);
    }
  };

  const takeSaved = () => {
    clearDraft();
    if (conflict?.current) queryClient.setQueryData(queryKeys.report(code, period), conflict.current);
    else void queryClient.invalidateQueries({ queryKey: queryKeys.report(code, period) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.reportHistory(code, period) });
    setConflict(null);
  };

  const notice = (() => {
    if (permissions.readOnlyNote) return permissions.readOnlyNote;
    if (permissions.enter && status === 'approved') return t('report.locked.approved');
    if (permissions.enter && status === 'submitted') return t('report.locked.submitted');
    return null;
  })();

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      {messageHolder}
      {notBegun && (
        <Alert type="warning" showIcon data-testid="report-window" title={reportingRefusalWords(notBegun)[language]} />
      )}
      {report ? (
        <ReportSummary report={report} />
      ) : notBegun ? null : (
        <Alert
          type="info"
          showIcon
          data-testid="report-not-started"
          title={t('report.notStarted')}
          description={permissions.enter ? t('report.notStartedEntry') : t('report.notStartedOther')}
        />
      )}
      {report?.status === 'returned' && report.returnReason && (
        <Alert
          type="error"
          showIcon
          data-testid="return-reason-display"
          title={t('report.returnedTitle')}
          description={t('report.returnedReason', { reason: report.returnReason })}
        />
      )}
      {notice && <Alert type="info" showIcon data-testid="report-locked" title={notice} />}
      {draft && !conflict && (
        <Alert
          type="warning"
          showIcon
          role="status"
          data-testid="offline-draft"
          title={t('report.offline.title')}
          description={t('report.offline.description', { time: format.dateTime(draft.savedAt) })}
        />
      )}
      {permissions.seesChanges && report && <ChangesSinceApproval changes={report.changesSinceApproval} />}
      {(report || permissions.enter) && (
        <section className="tuowei-report-form" aria-label={t('report.form.title')}>
          <ReportForm
            // A new version (saved, or taken after a conflict) starts the form afresh from it.
            key={`${code}/${period}/${report?.version ?? 'new'}`}
            report={report}
            previous={previous}
            editable={editable}
            review={review}
            busy={busy}
            submitRefusal={notEnded ? reportingRefusalWords(notEnded)[language] : null}
            onSave={onSave}
            onSubmit={onSubmit}
            onApprove={() => void onApprove()}
            onReturn={() => setReturning(true)}
            feedback={
              <>
                {failure && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    data-testid="action-error"
                    title={failure.message}
                    style={{ marginBottom: 16 }}
                  />
                )}
                {conflict && (
                  <ConflictPanel
                    conflict={conflict}
                    busy={save.isPending}
                    onKeepMine={() => void keepMine()}
                    onTakeSaved={takeSaved}
                  />
                )}
              </>
            }
          />
        </section>
      )}
      <ReturnDialog
        open={returning}
        busy={returnReport.isPending}
        error={returnReport.error}
        onCancel={() => {
          setReturning(false);
          returnReport.reset();
        }}
        onConfirm={(reason) => void onReturn(reason)}
      />
      <ReportHistory code={code} period={period} exists={report !== null} />
    </div>
  );
}
