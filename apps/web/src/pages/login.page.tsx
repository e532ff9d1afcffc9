import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { login, loginWithCode, type CodeRequired } from '../api/api-client';
import { errorText } from '../shell/errors';

/** The centred card every page before the workbench (login, 动态验证码, password change, enrolment) sits in. */
export const EntryCard = ({ title, children }: { title: string; children: ReactNode }) => (
  <main
    style={{
      display: 'flex',
      justifyContent: 'center',
      alignItems: 'center',
      minHeight: '100vh',
      background: '#f5f5f5',
    }}
  >
    <Card style={{ width: 420 }}>
      <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
        {title}
      </Typography.Title>
      {children}
    </Card>
  </main>
);

/** A 6-digit code of the authenticator app (RFC 6238, as the API's second factor). */
export const CODE_RULES = [
  { required: true, message: '请输入6位动态验证码' },
  { pattern: /^\d{6}$/, message: '动态验证码为6位数字' },
];

export const LoginPage = ({ notice }: { notice?: string }) => {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [codeRequired, setCodeRequired] = useState<CodeRequired>();
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (values: { username: string; password: string }): Promise<void> =>
    run(async () => {
      const step = await login(values.username, values.password);
      if ('codeRequired' in step) setCodeRequired(step.codeRequired);
    });
  const submitCode = (values: { code: string }): Promise<void> =>
    run(async () => {
      if (codeRequired) await loginWithCode(codeRequired, values.code);
    });
  const alert = error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />;
  if (codeRequired)
    return (
      <EntryCard title="双因素认证">
        <Typography.Paragraph>
          请打开身份验证器应用，输入账号 {codeRequired.username} 当前显示的6位动态验证码。
        </Typography.Paragraph>
        {alert}
        <Form layout="vertical" onFinish={(v: { code: string }) => void submitCode(v)} requiredMark={false}>
          <Form.Item label="动态验证码" name="code" rules={CODE_RULES}>
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            验证
          </Button>
          <Button type="link" block onClick={() => setCodeRequired(undefined)}>
            返回重新登录
          </Button>
        </Form>
      </EntryCard>
    );
  return (
    <EntryCard title="行纪衔接工作台">
      {notice && !error && <Alert type="success" message={notice} showIcon style={{ marginBottom: 16 }} />}
      {alert}
      <Form
        layout="vertical"
        onFinish={(v: { username: string; password: string }) => void submit(v)}
        requiredMark={false}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </EntryCard>
  );
};
