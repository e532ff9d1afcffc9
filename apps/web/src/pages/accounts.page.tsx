import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { currentUser, type JsonSchema } from '../api/api-client';
import {
  accountRequest,
  getAccounts,
  getOrganisations,
  type Account,
  type OrganisationEntry,
} from '../api/accounts-client';
import { postOperationsUnder, requestSchema, type SubOperation } from '../api/openapi-forms';
import { errorText } from '../shell/errors';
import { label } from '../shell/labels';

/**
 * 用户管理 for the account administrators (README "Accounts"). Data-driven: the create and change
 * forms are the request schemas of `POST /api/v1/accounts` and `PATCH …/{username}` in the API's
 * OpenAPI document, and each row's buttons are the POST routes below `…/{username}` it lists
 * (disable, enable, reset-password, reset-second-factor, and whatever the API adds), so a new
 * route or field appears here without new code beyond its label.
 */

const ACCOUNT_PATH = '/api/v1/accounts/{username}';

/** antd's green tag text reaches only 3.4:1 on its background (WCAG 1.4.3 asks 4.5:1), as on 我的待办. */
const GREEN_INK = '#135200';

/** Which operations make sense for an account as it is now; an operation not named here is always offered. */
const APPLIES: Record<string, (a: Account) => boolean> = {
  disable: (a) => !a.disabled,
  enable: (a) => a.disabled,
  'reset-second-factor': (a) => a.secondFactor,
};

/**
 * The duty each operation below an account needs (三员分立): the session names the caller's duties,
 * computed by the API from its one table (administrator-duties.ts), so an operation that would
 * answer 403 is not offered. Creating, disabling, enabling and password resets are `accounts`.
 */
const OPERATION_DUTIES: Readonly<Record<string, string>> = { 'reset-second-factor': 'second-factors' };
const dutyOf = (operation: string): string => OPERATION_DUTIES[operation] ?? 'accounts';

const pathOf = (username: string, operation?: string): string =>
  `/api/v1/accounts/${encodeURIComponent(username)}${operation ? `/${operation}` : ''}`;

/** The organisations of a role, for the organisation field (the catalogue's whole list when the look-up fails). */
const useOrganisations = (role: string | undefined): OrganisationEntry[] => {
  const [organisations, setOrganisations] = useState<OrganisationEntry[]>([]);
  useEffect(() => {
    if (!role) return setOrganisations([]);
    let live = true;
    getOrganisations(role)
      .then((list) => live && setOrganisations(list))
      .catch(() => live && setOrganisations([]));
    return () => {
      live = false;
    };
  }, [role]);
  return organisations;
};

/** The fields of a flat request schema: choices as selects, the organisation from the directory, the rest as text. */
const AccountFields = ({ schema, prefix }: { schema: JsonSchema; prefix: string }) => {
  const form = Form.useFormInstance();
  const role = Form.useWatch<string | undefined>('role', form);
  const organisations = useOrganisations(role);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => {
        const required = schema.required?.includes(name) ?? false;
        const title = field.title ?? name;
        const rules = [
          ...(required ? [{ required: true, message: `请填写${title}` }] : []),
          ...(field.maxLength ? [{ max: field.maxLength, message: `${title}最多${field.maxLength}个字符` }] : []),
        ];
        const id = `${prefix}_${name}`;
        let input;
        if (field.oneOf)
          input = (
            <Select
              id={id}
              allowClear={!required}
              options={field.oneOf.map((o) => ({ value: o.const, label: o.title ?? String(o.const) }))}
            />
          );
        else if (name === 'orgId')
          input = (
            <Select
              id={id}
              showSearch
              optionFilterProp="label"
              allowClear={!required}
              options={organisations.map((o) => ({ value: o.id, label: o.nameZh }))}
              notFoundContent={role ? '该角色没有单位' : '请先选择角色'}
            />
          );
        else input = <Input id={id} />;
        return (
          <Form.Item key={name} label={title} name={name} rules={rules} htmlFor={id}>
            {input}
          </Form.Item>
        );
      })}
    </>
  );
};

const without = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));

interface FormDialog {
  readonly title: string;
  readonly schema: JsonSchema;
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly initial?: Record<string, unknown>;
}

/** A one-time password, shown this once. */
const OneTimePassword = ({ username, password }: { username: string; password: string }) => (
  <Alert
    type="success"
    showIcon
    role="status"
    message={
      <span>
        账号 {username} 的一次性口令：
        <Typography.Text code copyable data-testid="one-time-password">
          {password}
        </Typography.Text>
      </span>
    }
    description="口令只显示这一次，请当面或经安全渠道交给本人；本人首次登录须修改口令。"
  />
);

const AccountsPage = () => {
  const { message } = AntApp.useApp();
  const duties = currentUser()?.duties;
  // Signed in by a bearer token the duties are unknown here: everything is offered and the API decides.
  const may = (duty: string): boolean => duties === undefined || duties.includes(duty);
  const [accounts, setAccounts] = useState<Account[]>();
  const [operations, setOperations] = useState<SubOperation[]>([]);
  const [createSchema, setCreateSchema] = useState<JsonSchema>();
  const [changeSchema, setChangeSchema] = useState<JsonSchema>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<FormDialog>();
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string>();
  const [shown, setShown] = useState<{ username: string; password: string }>();
  const [form] = Form.useForm<Record<string, unknown>>();

  const reload = useCallback(
    () =>
      getAccounts()
        .then(setAccounts)
        .catch((e: unknown) => setError(errorText(e))),
    [],
  );
  useEffect(() => {
    void reload();
    postOperationsUnder(ACCOUNT_PATH)
      .then(setOperations)
      .catch(() => setOperations([]));
    requestSchema('/api/v1/accounts', 'post', 'CreateAccount')
      .then(setCreateSchema)
      .catch(() => undefined);
    requestSchema(ACCOUNT_PATH, 'patch', 'ChangeAssignment')
      .then(setChangeSchema)
      .catch(() => undefined);
  }, [reload]);

  const answered = async (answer: Record<string, unknown>, done: string): Promise<void> => {
    const account = answer.account as Account | undefined;
    if (typeof answer.oneTimePassword === 'string' && account)
      setShown({ username: account.username, password: answer.oneTimePassword });
    void message.success(done);
    await reload();
  };

  const perform = async (target: Account, operation: SubOperation): Promise<void> => {
    const title = label('accountOperation', operation.name);
    if (operation.schema?.properties && Object.keys(operation.schema.properties).length > 0) {
      setDialog({
        title: `${title}：${target.username}`,
        schema: operation.schema,
        method: 'POST',
        path: pathOf(target.username, operation.name),
      });
      return;
    }
    try {
      await answered(await accountRequest('POST', pathOf(target.username, operation.name), {}), `已${title}`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const submit = async (values: Record<string, unknown>): Promise<void> => {
    if (!dialog) return;
    setBusy(true);
    setDialogError(undefined);
    try {
      const answer = await accountRequest(dialog.method, dialog.path, without(values));
      setDialog(undefined);
      await answered(answer, `已办理：${dialog.title}`);
    } catch (e) {
      setDialogError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const open = (next: FormDialog): void => {
    setDialogError(undefined);
    setDialog(next);
  };

  const columns: ColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    { title: '角色', key: 'role', render: (_, a) => label('role', a.role) },
    { title: '单位', key: 'orgId', render: (_, a) => label('organisation', a.orgId) },
    { title: '职务', key: 'position', render: (_, a) => label('position', a.position) },
    {
      title: '状态',
      key: 'state',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.disabled ? (
            <Tag color="red">已停用</Tag>
          ) : (
            <Tag color="green" style={{ color: GREEN_INK }}>
              正常
            </Tag>
          )}
          {a.mustChangePassword && <Tag>待修改口令</Tag>}
          {a.secondFactor && <Tag color="blue">双因素</Tag>}
          {a.demo && <Tag>演示账号</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, a) =>
        a.demo ? (
          <Typography.Text type="secondary">演示账号不予管理</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {changeSchema && (
              <Button
                size="small"
                onClick={() =>
                  open({
                    title: `调整角色、单位、职务：${a.username}`,
                    schema: changeSchema,
                    method: 'PATCH',
                    path: pathOf(a.username),
                    initial: { role: a.role, orgId: a.orgId, position: a.position },
                  })
                }
              >
                调整
              </Button>
            )}
            {operations
              .filter((op) => may(dutyOf(op.name)))
              .filter((op) => APPLIES[op.name]?.(a) ?? true)
              .map((op) => (
                <Button
                  key={op.name}
                  size="small"
                  danger={op.name === 'disable'}
                  data-operation={op.name}
                  onClick={() => void perform(a, op)}
                >
                  {label('accountOperation', op.name) === op.name ? op.summary : label('accountOperation', op.name)}
                </Button>
              ))}
          </Space>
        ),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          用户管理
        </Typography.Title>
        {createSchema && may('accounts') && (
          <Button
            type="primary"
            onClick={() => open({ title: '新建用户', schema: createSchema, method: 'POST', path: '/api/v1/accounts' })}
          >
            新建用户
          </Button>
        )}
      </Space>
      {error && (
        <Alert type="error" message={error} showIcon role="alert" closable onClose={() => setError(undefined)} />
      )}
      {shown && <OneTimePassword username={shown.username} password={shown.password} />}
      <Table<Account>
        rowKey="username"
        loading={!accounts && !error}
        dataSource={accounts}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        size="middle"
      />
      <Modal
        open={!!dialog}
        title={dialog?.title}
        onCancel={() => setDialog(undefined)}
        onOk={() => form.submit()}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        {dialogError && <Alert type="error" message={dialogError} showIcon role="alert" style={{ marginBottom: 16 }} />}
        {dialog && (
          <Form
            key={`${dialog.method} ${dialog.path}`}
            form={form}
            layout="vertical"
            initialValues={dialog.initial}
            onFinish={(v) => void submit(v)}
          >
            <AccountFields schema={dialog.schema} prefix="account" />
          </Form>
        )}
      </Modal>
    </Space>
  );
};

export default AccountsPage;
