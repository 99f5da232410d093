// The sign-in form: user name and password; the API's answer (wrong password, too many tries)
// shown as it said it.
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Credentials, useLogin } from '../api/login.ts';

export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();

  return (
    <Form<Credentials>
      layout="vertical"
      requiredMark={false}
      onFinish={(credentials) => login.mutate(credentials, { onSuccess: onSignedIn })}
      disabled={login.isPending}
    >
      {login.isError && (
        <Alert
          type="error"
          showIcon
          title={t('auth.failed')}
          description={<span role="alert">{login.error.message}</span>}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Form.Item
        label={t('auth.username')}
        name="username"
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item
        label={t('auth.password')}
        name="password"
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t('auth.submit')}
      </Button>
    </Form>
  );
}
