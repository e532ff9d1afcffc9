import { Alert, App as AntApp, Button, Form, Modal, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ApiError,
  getActions,
  getHistory,
  newIdempotencyKey,
  sendAction,
  type CaseAction,
  type CaseKind,
} from '../api/api-client';
import { errorText, isConflict } from '../shell/errors';
import { dateTime } from '../shell/format';
import { casePath, navigate } from '../shell/router';
import { compact, Fields, showFieldErrors, withRequiredLists } from './schema-form.component';

interface Props {
  readonly kind: CaseKind;
  readonly id: string;
  /** The revision the page shows; sent as If-Match so a change made meanwhile is a conflict, not an overwrite. */
  readonly revision: string;
  readonly onDone: () => Promise<void>;
}

/** The transitions this user may perform now, as the API computes them, each opening its generated form. */
export const ActionPanel = ({ kind, id, revision, onDone }: Props) => {
  const [actions, setActions] = useState<readonly CaseAction[]>();
  const [actionsRevision, setActionsRevision] = useState(revision);
  const [open, setOpen] = useState<CaseAction>();
  useEffect(() => {
    getActions(kind, id)
      .then((answer) => {
        setActions(answer.actions);
        setActionsRevision(answer.revision);
      })
      .catch(() => setActions([]));
  }, [kind, id, revision]);
  if (!actions) return <Typography.Text type="secondary">正在读取…</Typography.Text>;
  if (actions.length === 0) return <Typography.Text type="secondary">您当前没有可办理的事项</Typography.Text>;
  return (
    <>
      <Space wrap>
        {actions.map((action) => (
          <Button
            key={action.command}
            type="primary"
            ghost
            onClick={() => setOpen(action)}
            data-command={action.command}
          >
            {action.title}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionForm
          key={open.command}
          action={open}
          kind={kind}
          id={id}
          // A command that opens another case (拟移送 from a clue) writes that case's new stream: the
          // page's revision is not its revision, and If-Match with it would always be a conflict.
          revision={open.creates ? undefined : actionsRevision}
          onClose={() => setOpen(undefined)}
          onDone={onDone}
        />
      )}
    </>
  );
};

interface FormProps {
  readonly action: CaseAction;
  /** The case the action acts on; none for a command that creates one (登记线索). */
  readonly kind?: CaseKind;
  readonly id?: string;
  readonly revision?: string;
  readonly onClose: () => void;
  readonly onDone: () => Promise<void>;
}

/** One action's generated form in a dialog: sends it with If-Match and an Idempotency-Key, shows Chinese checks and conflicts. */
export const ActionForm = ({ action, kind, id, revision, onClose, onDone }: FormProps) => {
  const [form] = Form.useForm();
  // The App context's message: React 19 renders no static antd message outside it.
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [changes, setChanges] = useState<readonly string[]>();
  // One key per intended change: kept while the same body is retried, new when the body changes.
  const attempt = useRef<{ body: string; key: string }>(undefined);

  const showWhatChanged = useCallback(async (): Promise<void> => {
    if (!kind || !id) return;
    const history = await getHistory(kind, id).catch(() => undefined);
    const since = (history?.entries ?? []).filter((e) => Number(e.revision) > Number(revision));
    setChanges(since.map((e) => `${dateTime(e.recordedAt)} ${e.description?.zh ?? e.type}`));
  }, [kind, id, revision]);

  const submit = async (): Promise<void> => {
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    const body = withRequiredLists(action.schema, compact(values) ?? {}) as Record<string, unknown>;
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: newIdempotencyKey() };
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendAction(action, body, revision, attempt.current.key);
      void message.success(`已办理：${action.title}`);
      onClose();
      if (result.id && (result.id !== id || result.kind !== kind)) navigate(casePath(result.kind, result.id));
      else await onDone();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.errors.length) showFieldErrors(form, e.errors);
      if (isConflict(e)) await showWhatChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={action.title}
      okText="提交"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      width={720}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      {changes && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="您打开此页面后，案件发生了以下变化："
          description={
            <>
              <ul>{changes.length ? changes.map((c) => <li key={c}>{c}</li>) : <li>（无法读取变化）</li>}</ul>
              <Button
                onClick={() => {
                  onClose();
                  void onDone();
                }}
              >
                查看最新情况
              </Button>
            </>
          }
        />
      )}
      <Form form={form} layout="vertical" initialValues={action.prefill} name={action.command}>
        <Fields schema={action.schema} />
      </Form>
    </Modal>
  );
};
