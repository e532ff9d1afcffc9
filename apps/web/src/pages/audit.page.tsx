import { Alert, Button, Card, DatePicker, Input, Select, Space, Spin, Table, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { getAsOf, getExplanation, getHistory, type CaseKind, type HistoryEntry } from '../api/api-client';
import { getCheckpoints, verifyChain } from '../api/reads-client';
import { errorText } from '../shell/errors';
import { chinaInstant, dateTime } from '../shell/format';
import { label, statusLabel } from '../shell/labels';
import { AccessLog, caseKindOptions as kinds } from './access-log.component';

const json = (value: unknown) => (
  <pre tabIndex={0} style={{ maxHeight: 480, overflow: 'auto', background: '#fafafa', padding: 12 }}>
    {JSON.stringify(value, null, 2)}
  </pre>
);

/** History, state as of an instant and the referral explanation of one case. */
const CaseAudit = () => {
  const [kind, setKind] = useState<CaseKind>('clue');
  const [id, setId] = useState('');
  const [at, setAt] = useState<Dayjs | null>(null);
  const [entries, setEntries] = useState<readonly HistoryEntry[]>();
  const [asOf, setAsOf] = useState<{ status: string; state: unknown }>();
  const [explanation, setExplanation] = useState<unknown>();
  const [error, setError] = useState<string>();
  const run = async (what: () => Promise<void>): Promise<void> => {
    setError(undefined);
    try {
      await what();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="案件类型" value={kind} options={kinds()} onChange={setKind} style={{ width: 120 }} />
        <Input
          aria-label="案件编号"
          placeholder="案件编号"
          value={id}
          onChange={(e) => setId(e.target.value.trim())}
          style={{ width: 340 }}
        />
        <Button
          type="primary"
          disabled={!id}
          onClick={() => void run(async () => setEntries((await getHistory(kind, id)).entries))}
        >
          查看历史
        </Button>
        <DatePicker showTime aria-label="查看时点" placeholder="时点（北京时间）" value={at} onChange={setAt} />
        <Button
          disabled={!id || !at}
          onClick={() =>
            void run(async () => {
              const view = await getAsOf(kind, id, chinaInstant(at as Dayjs));
              setAsOf({
                status: statusLabel(kind, String((view.state as { status?: string }).status)),
                state: view.state,
              });
            })
          }
        >
          查看当时状态
        </Button>
        {kind === 'referral' && (
          <Button disabled={!id} onClick={() => void run(async () => setExplanation(await getExplanation(id)))}>
            移送说明
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {entries && (
        <Table<HistoryEntry>
          size="small"
          rowKey="revision"
          pagination={false}
          dataSource={[...entries]}
          columns={[
            { title: '版本', dataIndex: 'revision' },
            { title: '时间（北京时间）', dataIndex: 'recordedAt', render: (v: string) => dateTime(v) },
            { title: '操作人', key: 'actor', render: (_, e) => `${e.actor.userId}（${label('role', e.actor.role)}）` },
            { title: '事项', key: 'what', render: (_, e) => e.description?.zh ?? e.type },
            { title: '哈希', dataIndex: 'hash', render: (v: string) => <code>{v.slice(0, 16)}…</code> },
          ]}
        />
      )}
      {asOf && (
        <Card size="small" title={`当时状态：${asOf.status}`}>
          {json(asOf.state)}
        </Card>
      )}
      {explanation !== undefined && (
        <Card size="small" title="移送说明">
          {json(explanation)}
        </Card>
      )}
    </Space>
  );
};

/** Chain verification and the signed checkpoints. */
const Integrity = () => {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Record<string, unknown>>();
  const [checkpoints, setCheckpoints] = useState<unknown>();
  const [error, setError] = useState<string>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button
          type="primary"
          loading={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            verifyChain()
              .then(setReport)
              .catch((e: unknown) => setError(errorText(e)))
              .finally(() => setBusy(false));
          }}
        >
          校验全部数据
        </Button>
        <Button onClick={() => void getCheckpoints().then(setCheckpoints, (e: unknown) => setError(errorText(e)))}>
          查看签名检查点
        </Button>
      </Space>
      {busy && (
        <Spin tip="正在逐条校验哈希链…">
          <div style={{ height: 48 }} />
        </Spin>
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {report && (
        <Alert
          type={report.ok === true ? 'success' : 'error'}
          showIcon
          message={report.ok === true ? '校验通过：数据未被篡改' : '校验发现问题'}
          description={json(report)}
        />
      )}
      {checkpoints !== undefined && json(checkpoints)}
    </Space>
  );
};

const AuditPage = () => (
  <Card
    title={
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        审计
      </Typography.Title>
    }
  >
    <Tabs
      items={[
        { key: 'case', label: '案件历史与说明', children: <CaseAudit /> },
        { key: 'integrity', label: '完整性校验', children: <Integrity /> },
        { key: 'access', label: '访问日志', children: <AccessLog /> },
      ]}
    />
  </Card>
);

export default AuditPage;
