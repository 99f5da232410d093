// The audit trail's words: actions, records and roles in the reader's language; one the screens
// do not know yet (a newer API) is shown as the API wrote it.
import { useTranslation } from 'react-i18next';

export function useAuditWords() {
  const { t, i18n } = useTranslation();
  const known = (key: string) => i18n.exists(key);
  return {
    action: (action: string) => (known(`auditAction.${action}`) ? t(`auditAction.${action as 'insert'}`) : action),
    entity: (entity: string) => (known(`auditEntity.${entity}`) ? t(`auditEntity.${entity as 'report'}`) : entity),
    role: (role: string | null) => (role === null ? null : known(`role.${role}`) ? t(`role.${role as 'entry'}`) : role),
  };
}
