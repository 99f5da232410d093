// What an audited change did to a record, field by field: before → after, in words. Used by the
// audit trail, a report's history and the changes since approval.
import { METRIC_TABLE, type Metric } from '@tuowei/shared';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Format, useFormat } from '../i18n/format.ts';
import {
  AUDITED_FIELDS,
  type AuditedRecord,
  ENUM_WORDS,
  type FieldKind,
  fieldKind,
  UNSHOWN_FIELDS,
} from './audited-fields.ts';

export interface FieldChange {
  /** `places`, or `institutions.public` for one kind's count. */
  field: string;
  before: unknown;
  after: unknown;
}

/** What the screens know to name the records an id points at; an unknown one is shown as it is. */
export interface RecordNames {
  jurisdiction?: (code: string) => string | undefined;
  plan?: (id: string) => string | undefined;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two snapshots; nested counts (institutions by kind) are compared
 * kind by kind. A record created has no before and one deleted no after: every field it held is
 * listed. An update's after may hold only what was sent (a target's or a user's change): a field
 * it does not hold did not change.
 */
export function fieldChanges(before: unknown, after: unknown, entity?: string): FieldChange[] {
  const from = asRecord(before);
  const to = asRecord(after);
  const whole = !(from && to);
  const fields = fieldOrder(entity, whole ? Object.keys(to ?? from ?? {}) : Object.keys(to));
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const old = from?.[field];
    const next = to?.[field];
    if (UNSHOWN_FIELDS.has(field)) continue;
    // a record created or deleted: what it held; an update: what differs
    if (whole ? (next ?? old ?? '') === '' : same(old, next)) continue;
    const nestedFrom = asRecord(old);
    const nestedTo = asRecord(next);
    if (nestedFrom || nestedTo) {
      const kinds = new Set([...Object.keys(nestedFrom ?? {}), ...Object.keys(nestedTo ?? {})]);
      for (const kind of kinds) {
        if (!same(nestedFrom?.[kind], nestedTo?.[kind])) {
          changes.push({ field: `${field}.${kind}`, before: nestedFrom?.[kind], after: nestedTo?.[kind] });
        }
      }
      continue;
    }
    changes.push({ field, before: old, after: next });
  }
  return changes;
}

/**
 * Fields in the order the record's form has them (the database keeps a snapshot's keys in an
 * order of its own); a field the screens do not know comes last.
 */
function fieldOrder(entity: string | undefined, fields: string[]): string[] {
  const known = Object.keys((entity && AUDITED_FIELDS[entity as AuditedRecord]) || {});
  const rank = (field: string) => (known.includes(field) ? known.indexOf(field) : known.length);
  return [...fields].sort((a, b) => rank(a) - rank(b));
}

function enumWord(kind: keyof typeof ENUM_WORDS, value: string, t: TFunction, exists: (key: string) => boolean) {
  const key = `${ENUM_WORDS[kind]}.${value}`;
  return exists(key) ? t(key as 'role.entry') : value;
}

function written(
  kind: FieldKind | undefined,
  value: unknown,
  record: Record<string, unknown>,
  context: { t: TFunction; format: Format; exists: (key: string) => boolean; names: RecordNames },
): string {
  const { t, format, exists, names } = context;
  if (value === null || value === undefined || value === '') return t('changes.empty');
  if (typeof value === 'boolean') return value ? t('changes.yes') : t('changes.no');
  if (typeof kind === 'object')
    return typeof value === 'string' ? enumWord(kind.enum, value, t, exists) : String(value);
  switch (kind) {
    case 'year':
      return String(value);
    case 'targetValue': {
      if (typeof value !== 'number') return String(value);
      const metric = record.metric as Metric | undefined;
      // a share is kept as a fraction (0.6) and written as the plan writes it (60%)
      return metric && METRIC_TABLE[metric]?.kind === 'share' ? format.plainShare(value) : format.plain(value);
    }
    case 'period':
      return typeof value === 'string' ? format.period(value) : String(value);
    case 'date':
      return typeof value === 'string' ? format.date(value) : String(value);
    case 'moment':
      return typeof value === 'string' ? format.dateTime(value) : String(value);
    case 'jurisdiction': {
      const name = typeof value === 'string' ? names.jurisdiction?.(value) : undefined;
      return name && name !== value ? `${name}（${value}）` : String(value);
    }
    case 'plan': {
      const title = typeof value === 'string' ? names.plan?.(value) : undefined;
      return title ?? String(value);
    }
    case 'targets':
      return Array.isArray(value) ? t('changes.targets', { count: value.length }) : String(value);
    case 'institutions':
    case 'count':
      return typeof value === 'number' ? format.integer(value) : String(value);
    default:
      // a field no record is known to hold: a number keeps its decimals, anything else as it came
      if (typeof value === 'number') return format.plain(value);
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Names and values of one record's changed fields, in the reader's language. */
export function useChangeWords(entity: string, names: RecordNames = {}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return useMemo(() => {
    const exists = (key: string) => i18n.exists(key);
    return {
      /** A field's name; institutions.<kind> is the kind's name; one the screens do not know keeps its own. */
      label(field: string): string {
        const [head, kind] = field.split('.');
        if (head === 'institutions' && kind) return enumWord('institutionKind', kind, t, exists);
        return exists(`changeField.${head}`) ? t(`changeField.${head as 'places'}`) : field;
      },
      /** A value written for its kind; `record` is the snapshot it came from (a target's metric). */
      value(field: string, value: unknown, record: unknown = {}): string {
        const head = field.split('.')[0];
        return written(fieldKind(entity, head), value, asRecord(record) ?? {}, { t, format, exists, names });
      },
    };
  }, [entity, names, t, i18n, format]);
}

export interface FieldChangesProps {
  entity: string;
  before: unknown;
  after: unknown;
  names?: RecordNames;
}

export function FieldChanges({ entity, before, after, names }: FieldChangesProps) {
  const words = useChangeWords(entity, names);
  const changes = fieldChanges(before, after, entity);
  if (changes.length === 0) return null;
  const created = before === null || before === undefined;
  const removed = !created && (after === null || after === undefined);
  return (
    <ul className="tuowei-changes tuowei-diff">
      {changes.map((change) => (
        <li key={change.field} data-testid="field-change" data-field={change.field}>
          <span className="tuowei-change-field">{words.label(change.field)}</span>
          {created ? (
            <span>{words.value(change.field, change.after, after)}</span>
          ) : removed ? (
            <del>{words.value(change.field, change.before, before)}</del>
          ) : (
            <span>
              <del>{words.value(change.field, change.before, before)}</del>
              {' → '}
              <ins>{words.value(change.field, change.after, after)}</ins>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
