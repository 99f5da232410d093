// A report's figures that could not be sent (the connection was gone), kept in this browser with
// the version they were entered against, so that a closed and reopened tab still has them and
// sends them, with that version, once the connection is back.
import type { ReportInput } from '@tuowei/shared';

export interface OfflineDraft {
  input: ReportInput;
  /** The version the figures were entered against (If-Match); undefined for a new report. */
  version: number | undefined;
  /** When the person saved it, ISO. */
  savedAt: string;
}

const keyOf = (code: string, period: string) => `tuowei.draft.${code}.${period}`;

export function readDraft(code: string, period: string): OfflineDraft | null {
  try {
    const stored = window.localStorage.getItem(keyOf(code, period));
    if (!stored) return null;
    const draft = JSON.parse(stored) as Partial<OfflineDraft>;
    return typeof draft.input === 'object' && draft.input !== null ? (draft as OfflineDraft) : null;
  } catch {
    // storage switched off, or something else's text under the key: no draft
    return null;
  }
}

export function keepDraft(code: string, period: string, draft: OfflineDraft): boolean {
  try {
    window.localStorage.setItem(keyOf(code, period), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function dropDraft(code: string, period: string): void {
  try {
    window.localStorage.removeItem(keyOf(code, period));
  } catch {
    // nothing was kept
  }
}
