// One dialog for an account's three changes: creating it (name, role, jurisdiction, first
// password), editing it (display name, role, jurisdiction: only what changed is sent), and
// resetting its password. Checked with the API's own schemas before anything is sent.
import {
  MIN_PASSWORD_LENGTH,
  ROLES,
  type Role,
  type UserInput,
  type UserUpdate,
  type UserView,
  userInputSchema,
  userUpdateSchema,
} from '@tuowei/shared';
import { Alert, App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JurisdictionField } from '../../../components/jurisdiction-field.ts';
import { requiredRule, schemaRule, text } from '../../../lib/schema-rule.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUpdateUser } from '../api/update-user.ts';
import '../../../components/admin-pages.css';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';

export type AccountDialogMode =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserView; self: boolean }
  | { kind: 'password'; user: UserView };

interface Values {
  username?: string;
  displayName?: string;
  password?: string;
  passwordRepeat?: string;
  role?: Role;
  jurisdictionCode?: string | null;
}

const JURISDICTION_ID = 'account-jurisdiction';

export interface AccountDialogProps {
  mode: AccountDialogMode | null;
  scope: string | null;
  JurisdictionField: JurisdictionField;
  onClose: () => void;
}

export function AccountDialog({ mode, scope, JurisdictionField, onClose }: AccountDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const saving = mode?.kind === 'create' ? create : update;

  const toInput = (values: Values): UserInput => ({
    username: text(values.username),
    displayName: text(values.displayName),
    password: values.password ?? '',
    role: values.role as Role,
    jurisdictionCode: values.jurisdictionCode ?? null,
  });

  /** Only what differs from the account as it is. */
  const toUpdate = (values: Values): UserUpdate => {
    if (mode?.kind === 'password') return { password: values.password ?? '' };
    if (mode?.kind !== 'edit') return {};
    const { user } = mode;
    const change: UserUpdate = {};
    if (text(values.displayName) !== user.displayName) change.displayName = text(values.displayName);
    if (values.role !== undefined && values.role !== user.role) change.role = values.role;
    const code = values.jurisdictionCode ?? null;
    if (code !== user.jurisdictionCode) change.jurisdictionCode = code;
    return change;
  };

  const submit = (values: Values) => {
    if (!mode) return;
    if (mode.kind === 'create') {
      const input = toInput(values);
      create.mutate(input, {
        onSuccess: () => {
          void message.success(t('admin.accounts.created', { username: input.username }));
          onClose();
        },
      });
      return;
    }
    const change = toUpdate(values);
    if (Object.keys(change).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { username: mode.user.username, change },
      {
        onSuccess: () => {
          void message.success(
            t(mode.kind === 'password' ? 'admin.accounts.passwordReset' : 'admin.accounts.updated', {
              username: mode.user.username,
            }),
          );
          onClose();
        },
      },
    );
  };

  const title =
    mode?.kind === 'edit'
      ? t('admin.accounts.editTitle', { username: mode.user.username })
      : mode?.kind === 'password'
        ? t('admin.accounts.passwordTitle', { username: mode.user.username })
        : t('admin.accounts.addTitle');

  const initialValues: Values =
    mode?.kind === 'edit'
      ? { displayName: mode.user.displayName, role: mode.user.role, jurisdictionCode: mode.user.jurisdictionCode }
      : mode?.kind === 'create'
        ? { role: 'entry', jurisdictionCode: scope }
        : {};

  return (
    <FormDialog<Values>
      open={mode !== null}
      title={title}
      form={form}
      formKey={mode?.kind}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      write={saving}
      writes={[create, update]}
      width={560}
    >
      {mode && (
        <AccountFields
          mode={mode}
          scope={scope}
          JurisdictionField={JurisdictionField}
          toInput={toInput}
          toUpdate={toUpdate}
        />
      )}
    </FormDialog>
  );
}

interface AccountFieldsProps {
  mode: AccountDialogMode;
  scope: string | null;
  JurisdictionField: JurisdictionField;
  toInput: (values: Values) => UserInput;
  toUpdate: (values: Values) => UserUpdate;
}

/** The fields a mode asks for: a new account's all, an edit's without the password, a reset's the password only. */
function AccountFields(props: AccountFieldsProps) {
  const { mode, scope, JurisdictionField, toInput, toUpdate } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  // a new account is checked as a whole; a change only in what it changes
  const rule = (field: string) =>
    mode.kind === 'create'
      ? schemaRule(userInputSchema, field, toInput, language)
      : schemaRule(userUpdateSchema, field, toUpdate, language);
  const withPassword = mode.kind !== 'edit';
  const withAccount = mode.kind !== 'password';

  return (
    <>
      {mode.kind === 'edit' && mode.self && (
        <Alert type="info" showIcon title={t('admin.accounts.selfHint')} style={{ marginBottom: 16 }} />
      )}
      {mode.kind === 'create' && (
        <Form.Item
          label={t('admin.accounts.username')}
          name="username"
          extra={t('admin.accounts.usernameHint')}
          rules={[rule('username')]}
        >
          <Input autoComplete="off" autoFocus data-testid="account-username-input" />
        </Form.Item>
      )}
      {withAccount && (
        <>
          <Form.Item label={t('admin.accounts.displayName')} name="displayName" rules={[rule('displayName')]}>
            <Input data-testid="account-display-name" autoFocus={mode.kind === 'edit'} />
          </Form.Item>
          <div className="tuowei-field-row">
            <Form.Item label={t('admin.accounts.role')} name="role" rules={[requiredRule(language)]}>
              <Select<Role>
                data-testid="account-role-select"
                style={{ minWidth: 160 }}
                disabled={mode.kind === 'edit' && mode.self}
                options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              />
            </Form.Item>
            <Form.Item
              label={t('admin.accounts.jurisdiction')}
              name="jurisdictionCode"
              htmlFor={JURISDICTION_ID}
              rules={[...(scope !== null ? [requiredRule(language)] : []), rule('jurisdictionCode')]}
            >
              <JurisdictionField
                id={JURISDICTION_ID}
                allowCountry={scope === null}
                placeholder={scope === null ? t('admin.accounts.wholeCountryPlaceholder') : undefined}
              />
            </Form.Item>
          </div>
        </>
      )}
      {withPassword && (
        <>
          <Form.Item
            label={mode.kind === 'password' ? t('admin.accounts.newPassword') : t('admin.accounts.password')}
            name="password"
            extra={t('admin.accounts.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            rules={[rule('password')]}
          >
            <Input.Password
              autoComplete="new-password"
              autoFocus={mode.kind === 'password'}
              data-testid="account-password"
            />
          </Form.Item>
          <Form.Item
            label={t('admin.accounts.passwordRepeat')}
            name="passwordRepeat"
            dependencies={['password']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if ((value ?? '') !== (getFieldValue('password') ?? '')) {
                    throw new Error(t('admin.accounts.passwordMismatch'));
                  }
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="account-password-repeat" />
          </Form.Item>
        </>
      )}
      {mode.kind === 'edit' && (
        <Alert type="warning" showIcon title={t('admin.accounts.sessionsEnd')} style={{ marginBottom: 8 }} />
      )}
    </>
  );
}
