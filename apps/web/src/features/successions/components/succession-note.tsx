// On a unit's page: the boundary changes it is part of — succeeded by another code from a date,
// or carrying on another's figures — so that a reader knows why its series spans two codes.
import { useQueries } from '@tanstack/react-query';
import { type JurisdictionDetail, nameIn } from '@tuowei/shared';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language.ts';
import { jurisdictionQueryOptions } from '../../../lib/jurisdiction-tree.ts';

export function SuccessionNote({ unit }: { unit: JurisdictionDetail }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const others = unit.successions.map((s) => (s.fromCode === unit.code ? s.toCode : s.fromCode));
  // the other unit of each change, by name (a code alone until its answer is there)
  const named = useQueries({ queries: others.map((code) => jurisdictionQueryOptions(code)) });
  const nameOf = (code: string) => {
    const found = named.find((query) => query.data?.code === code)?.data;
    return found ? nameIn(found, language) : code;
  };
  if (unit.successions.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="succession-note"
      title={t('successions.note.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {unit.successions.map((s) => {
            const out = s.fromCode === unit.code;
            const other = out ? s.toCode : s.fromCode;
            return (
              <li key={`${s.fromCode}>${s.toCode}`}>
                {t(out ? 'successions.note.succeededBy' : 'successions.note.succeeds', {
                  date: s.effectiveOn,
                  name: nameOf(other),
                  code: other,
                  reason: s.reason,
                })}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
