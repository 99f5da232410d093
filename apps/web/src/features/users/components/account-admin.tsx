// The accounts within the administrator's jurisdiction: create one, change its name, role or
// jurisdiction, reset its password, deactivate or reactivate it.
import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { ROLES, type UserView } from '@tuowei/shared';
import { App, Button, Input, Popconfirm, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import type { JurisdictionField } from '../../../components/jurisdiction-field.ts';
import { QueryError } from '../../../components/query-error.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useUsers } from '../api/get-users.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { AccountDialog, type AccountDialogMode } from './account-dialog.tsx';
import '../../../components/admin-pages.css';

export interface AccountAdminProps {
  /** The signed-in administrator, who cannot demote or deactivate themself. */
  self: string;
  /** The administrator's jurisdiction; null for the whole country. */
  scope: string | null;
  jurisdictionName: (code: string | null) => string;
  JurisdictionField: JurisdictionField;
}

export function AccountAdmin({ self, scope, jurisdictionName, JurisdictionField }: AccountAdminProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const users = useUsers();
  const update = useUpdateUser();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<AccountDialogMode | null>(null);

  if (users.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (users.isError) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  const query = search.trim().toLowerCase();
  const shown = users.data.filter(
    (user) =>
      query === '' || user.username.toLowerCase().includes(query) || user.displayName.toLowerCase().includes(query),
  );
  const isSelf = (user: UserView) => user.username.toLowerCase() === self.toLowerCase();

  const setActive = (user: UserView, active: boolean) =>
    update
      .mutateAsync({ username: user.username, change: { active } })
      .then(() =>
        message.success(
          t(active ? 'admin.accounts.reactivated' : 'admin.accounts.deactivated', { username: user.username }),
        ),
      )
      .catch(() => undefined);

  const columns: ColumnsType<UserView> = [
    {
      key: 'username',
      title: t('admin.accounts.username'),
      sorter: (a, b) => a.username.localeCompare(b.username),
      render: (_, user) => (
        <Space size={4} wrap>
          <span className="tuowei-nowrap" data-testid="account-username">
            {user.username}
          </span>
          {isSelf(user) && <Tag color="blue">{t('admin.accounts.self')}</Tag>}
          {user.demo && <Tag color="gold">{t('admin.accounts.demo')}</Tag>}
        </Space>
      ),
    },
    { key: 'displayName', title: t('admin.accounts.displayName'), dataIndex: 'displayName' },
    {
      key: 'role',
      title: t('admin.accounts.role'),
      filters: ROLES.map((role) => ({ value: role, text: t(`role.${role}`) })),
      onFilter: (value, user) => user.role === value,
      render: (_, user) => <span data-testid="account-role">{t(`role.${user.role}`)}</span>,
    },
    {
      key: 'jurisdiction',
      title: t('admin.accounts.jurisdiction'),
      render: (_, user) => (
        <>
          {jurisdictionName(user.jurisdictionCode)}
          {user.jurisdictionCode && <span className="tuowei-secondary">{user.jurisdictionCode}</span>}
        </>
      ),
    },
    {
      key: 'status',
      title: t('admin.accounts.status'),
      filters: [
        { value: true, text: t('admin.accounts.active') },
        { value: false, text: t('admin.accounts.inactive') },
      ],
      onFilter: (value, user) => user.active === value,
      render: (_, user) =>
        user.active ? (
          <Tag color="success">{t('admin.accounts.active')}</Tag>
        ) : (
          <Tag color="default">{t('admin.accounts.inactive')}</Tag>
        ),
    },
    {
      key: 'createdAt',
      title: t('admin.accounts.createdAt'),
      className: 'tuowei-nowrap',
      render: (_, user) => format.dateTime(user.createdAt),
    },
    {
      key: 'actions',
      title: t('admin.actions.column'),
      width: 300,
      render: (_, user) => (
        <Space size="small" wrap>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDialog({ kind: 'edit', user, self: isSelf(user) })}
            data-testid="edit-account"
          >
            {t('admin.actions.edit')}
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setDialog({ kind: 'password', user })}
            data-testid="reset-password"
          >
            {t('admin.accounts.resetPassword')}
          </Button>
          {user.active ? (
            <Tooltip title={isSelf(user) ? t('admin.accounts.selfHint') : undefined}>
              <Popconfirm
                title={t('admin.accounts.deactivateConfirm', { username: user.username })}
                okText={t('admin.accounts.deactivate')}
                cancelText={t('admin.actions.cancel')}
                okButtonProps={{ danger: true }}
                disabled={isSelf(user)}
                onConfirm={() => setActive(user, false)}
              >
                <Button
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  disabled={isSelf(user)}
                  data-testid="deactivate-account"
                >
                  {t('admin.accounts.deactivate')}
                </Button>
              </Popconfirm>
            </Tooltip>
          ) : (
            <Button
              size="small"
              icon={<UndoOutlined />}
              onClick={() => void setActive(user, true)}
              data-testid="reactivate-account"
            >
              {t('admin.accounts.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <div className="tuowei-section-head">
        <Typography.Title level={2} id="accounts-heading" style={{ fontSize: 18, margin: 0 }}>
          {t('admin.tabs.accounts')}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.accounts.search')}
            aria-label={t('admin.accounts.search')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 260 }}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="add-account"
          >
            {t('admin.accounts.add')}
          </Button>
        </Space>
      </div>
      <ActionError error={update.error} />
      <Table<UserView>
        size="middle"
        rowKey="username"
        columns={columns}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        aria-labelledby="accounts-heading"
        locale={{ emptyText: t('admin.accounts.empty') }}
        scroll={{ x: 1000 }}
        onRow={(user) =>
          ({
            'data-testid': 'account-row',
            'data-username': user.username,
            'data-active': String(user.active),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <AccountDialog
        mode={dialog}
        scope={scope}
        JurisdictionField={JurisdictionField}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
