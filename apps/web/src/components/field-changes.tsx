// What an audited change did to a record, field by field: before → after, in words. Used by the
// audit trail, a report's history and the changes since approval.
import type { InstitutionKind, ReportStatus } from '@tuowei/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type Format, useFormat } from '../i18n/format.ts';

export interface FieldChange {
  /** `places`, or `institutions.public` for one kind's count. */
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping that changes on every write and says nothing to a reader. */
const SKIPPED = new Set(['version']);

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two snapshots; nested counts (institutions by kind) are compared
 * kind by kind. A record created has no before: every field it was created with is listed.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const from = asRecord(before) ?? {};
  const to = asRecord(after) ?? {};
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (SKIPPED.has(field) || same(from[field], to[field])) continue;
    const nestedFrom = asRecord(from[field]);
    const nestedTo = asRecord(to[field]);
    if (nestedFrom || nestedTo) {
      const kinds = new Set([...Object.keys(nestedFrom ?? {}), ...Object.keys(nestedTo ?? {})]);
      for (const kind of kinds) {
        if (!same(nestedFrom?.[kind], nestedTo?.[kind])) {
          changes.push({ field: `${field}.${kind}`, before: nestedFrom?.[kind], after: nestedTo?.[kind] });
        }
      }
      continue;
    }
    changes.push({ field, before: from[field], after: to[field] });
  }
  return changes;
}

/** A field's name in the reader's language; one the screens do not know keeps its own name. */
export function fieldLabel(field: string, t: TFunction, exists: (key: string) => boolean): string {
  const [head, kind] = field.split('.');
  if (head === 'institutions' && kind) {
    return exists(`institutionKind.${kind}`) ? t(`institutionKind.${kind as InstitutionKind}`) : kind;
  }
  return exists(`changeField.${head}`) ? t(`changeField.${head as 'places'}`) : field;
}

export function fieldValue(
  field: string,
  value: unknown,
  t: TFunction,
  format: Format,
  exists: (key: string) => boolean,
): string {
  if (value === null || value === undefined || value === '') return t('changes.empty');
  if (field === 'status' && typeof value === 'string') {
    return ['draft', 'submitted', 'approved', 'returned'].includes(value)
      ? t(`reportStatus.${value as ReportStatus}`)
      : value;
  }
  if (field === 'period' && typeof value === 'string') return format.period(value);
  if (field === 'role' && typeof value === 'string' && exists(`role.${value}`)) return t(`role.${value as 'entry'}`);
  if (field === 'counting' && typeof value === 'string' && exists(`changes.counting.${value}`)) {
    return t(`changes.counting.${value as 'approved_only'}`);
  }
  if (typeof value === 'boolean') return value ? t('changes.yes') : t('changes.no');
  if (typeof value === 'number') return format.integer(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function FieldChanges({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const changes = fieldChanges(before, after);
  if (changes.length === 0) return null;
  const created = before === null || before === undefined;
  const exists = (key: string) => i18n.exists(key);
  return (
    <ul className="tuowei-changes tuowei-diff">
      {changes.map((change) => (
        <li key={change.field}>
          <span className="tuowei-change-field">{fieldLabel(change.field, t, exists)}</span>
          {created ? (
            <span>{fieldValue(change.field, change.after, t, format, exists)}</span>
          ) : (
            <span>
              <del>{fieldValue(change.field, change.before, t, format, exists)}</del>
              {' → '}
              <ins>{fieldValue(change.field, change.after, t, format, exists)}</ins>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
