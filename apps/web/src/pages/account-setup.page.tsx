import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type SessionUser } from '../api/api-client';
import { beginEnrolment, changePassword, confirmEnrolment, type Enrolment } from '../api/accounts-client';
import { errorText } from '../shell/errors';
import { CODE_RULES, EntryCard } from './login.page';

/**
 * What an account must do before anything else (README "Accounts"): change a one-time or expired
 * password (403 AUTH.PASSWORD_CHANGE_REQUIRED / AUTH.PASSWORD_EXPIRED elsewhere), or enrol the
 * second factor MFA_REQUIRED_* asks for (403 AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED).
 */
export const AccountSetupPage = ({ user, onPasswordChanged }: { user: SessionUser; onPasswordChanged: () => void }) =>
  user.passwordChangeDue ? <PasswordChange user={user} onChanged={onPasswordChanged} /> : <SecondFactorEnrolment />;

const useSubmit = () => {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
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
  const alert = error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />;
  return { run, busy, alert };
};

interface PasswordValues {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly repeated: string;
}

const PasswordChange = ({ user, onChanged }: { user: SessionUser; onChanged: () => void }) => {
  const { run, busy, alert } = useSubmit();
  const submit = (values: PasswordValues): Promise<void> =>
    run(async () => {
      await changePassword(values.currentPassword, values.newPassword);
      onChanged();
    });
  return (
    <EntryCard title="修改口令">
      <Typography.Paragraph>
        {user.passwordChangeDue === 'expired'
          ? '您的口令已过期，请设置新口令后重新登录。'
          : '您正在使用一次性口令，请设置新口令后重新登录。'}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        新口令至少12位，包含大写字母、小写字母、数字、其他符号中的至少三类，不含用户名，且不得与最近使用过的口令相同。
      </Typography.Paragraph>
      {alert}
      <Form layout="vertical" onFinish={(v: PasswordValues) => void submit(v)} requiredMark={false}>
        <Form.Item label="当前口令" name="currentPassword" rules={[{ required: true, message: '请输入当前口令' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item label="新口令" name="newPassword" rules={[{ required: true, message: '请输入新口令' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新口令"
          name="repeated"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新口令' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新口令不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          修改口令
        </Button>
      </Form>
    </EntryCard>
  );
};

/**
 * The secret is shown as text and as its otpauth:// URI: no QR code library is installed (a
 * dependency would be needed; authenticator apps accept the secret typed in).
 */
const SecondFactorEnrolment = () => {
  const { run, busy, alert } = useSubmit();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [readError, setReadError] = useState<string>();
  useEffect(() => {
    beginEnrolment()
      .then(setEnrolment)
      .catch((e: unknown) => setReadError(errorText(e)));
  }, []);
  const submit = (values: { code: string }): Promise<void> => run(() => confirmEnrolment(values.code));
  return (
    <EntryCard title="启用双因素认证">
      <Typography.Paragraph>
        您的账号须启用双因素认证。请在身份验证器应用中添加以下密钥（基于时间，6位，30秒），然后输入应用显示的动态验证码。
      </Typography.Paragraph>
      {readError && <Alert type="error" message={readError} showIcon role="alert" />}
      {enrolment && (
        <>
          <Typography.Paragraph>
            密钥：
            <Typography.Text code copyable data-testid="enrolment-secret">
              {enrolment.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>
            配置链接：<span data-testid="enrolment-uri">{enrolment.otpauthUri}</span>
          </Typography.Paragraph>
          <Typography.Paragraph strong>密钥只显示这一次，请勿截图或转发。</Typography.Paragraph>
          {alert}
          <Form layout="vertical" onFinish={(v: { code: string }) => void submit(v)} requiredMark={false}>
            <Form.Item label="动态验证码" name="code" rules={CODE_RULES}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              确认启用
            </Button>
          </Form>
        </>
      )}
    </EntryCard>
  );
};
