import { Alert, Button, Card, DatePicker, Space, Table, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../api/api-client';
import { download, type Query } from '../api/reads-client';
import { errorText } from '../shell/errors';
import { chinaInstant, dateTime } from '../shell/format';
import { label } from '../shell/labels';
import { AccessLog } from './access-log.component';

/**
 * 日志审计 for the audit administrator (安全审计员, 三员分立; README "Auditing"): the administration
 * log read page by page (its `nextCursor`), the access-log query, and the exports of both logs as
 * CSV, XLSX or a signed JSON bundle — each over the period chosen above.
 */

interface AdministrationEntry {
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: {
    readonly actor: { readonly userId: string; readonly role: string; readonly orgId: string };
    readonly recordedAt: string;
    readonly hash: string;
  };
}

interface AdministrationPage {
  readonly entries: AdministrationEntry[];
  readonly nextCursor: string | null;
}

const PAGE_SIZE = 20;

/** The period as the API's inclusive instants, whole Beijing days. */
type Period = [Dayjs | null, Dayjs | null] | null;
const windowOf = (period: Period): Query => ({
  from: period?.[0] ? chinaInstant(period[0].startOf('day')) : undefined,
  to: period?.[1] ? chinaInstant(period[1].endOf('day')) : undefined,
});

/** Whom or what an entry concerns: the account, the organisation, the region or the exported log. */
const subjectOf = (data: Record<string, unknown>): string => {
  const text = (key: string): string | undefined => (typeof data[key] === 'string' ? data[key] : undefined);
  // OrganisationAdded carries the whole organisation; the other organisation events its id.
  const added = data.organisation as { id?: unknown } | undefined;
  const orgId = text('orgId') ?? (typeof added?.id === 'string' ? added.id : undefined);
  const regionId = text('regionId');
  return (
    text('username') ??
    (orgId !== undefined ? label('organisation', orgId) : undefined) ??
    (regionId !== undefined ? label('region', regionId) : undefined) ??
    text('log') ??
    ''
  );
};

const EXPORTS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'XLSX' },
  { format: 'json', label: '签名 JSON' },
] as const;

const Exports = ({ log, period, onError }: { log: string; period: Period; onError: (e: string) => void }) => (
  <Space wrap>
    {EXPORTS.map((e) => (
      <Button
        key={e.format}
        data-export={`${log}.${e.format}`}
        onClick={() =>
          void download(`/api/v1/audit/${log}/export.${e.format}`, windowOf(period), `${log}.${e.format}`).catch(
            (err: unknown) => onError(errorText(err)),
          )
        }
      >
        导出 {e.label}
      </Button>
    ))}
  </Space>
);

const AdministrationLog = ({ period }: { period: Period }) => {
  // The cursors of the pages before this one, to go back; `undefined` is the first page.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<AdministrationPage>();
  const [error, setError] = useState<string>();
  const cursor = cursors[cursors.length - 1];
  const load = useCallback(async () => {
    setError(undefined);
    try {
      setPage(
        await get<AdministrationPage>('/api/v1/audit/administration-log', {
          ...windowOf(period),
          limit: PAGE_SIZE,
          cursor,
        }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  }, [period, cursor]);
  useEffect(() => void load(), [load]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Exports log="administration-log" period={period} onError={setError} />
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Table<AdministrationEntry>
        size="small"
        rowKey="eventId"
        loading={!page && !error}
        pagination={false}
        dataSource={page?.entries ?? []}
        columns={[
          { title: '时间（北京时间）', key: 'at', render: (_, e) => dateTime(e.metadata.recordedAt) },
          {
            title: '操作人',
            key: 'actor',
            render: (_, e) => `${e.metadata.actor.userId}（${label('role', e.metadata.actor.role)}）`,
          },
          { title: '事项', key: 'type', render: (_, e) => label('eventType', e.type) },
          { title: '对象', key: 'subject', render: (_, e) => subjectOf(e.data) },
          { title: '哈希', key: 'hash', render: (_, e) => <code>{e.metadata.hash.slice(0, 16)}…</code> },
        ]}
      />
      <Space>
        <Button disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </Button>
        <Button
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors((c) => [...c, page.nextCursor ?? undefined])}
        >
          下一页
        </Button>
        <Typography.Text type="secondary">第 {cursors.length} 页</Typography.Text>
      </Space>
    </Space>
  );
};

const LogsPage = () => {
  const [period, setPeriod] = useState<Period>(null);
  const [error, setError] = useState<string>();
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          日志审计
        </Typography.Title>
      }
      extra={
        <DatePicker.RangePicker
          aria-label="时间范围"
          placeholder={['开始日期', '结束日期']}
          value={period}
          onChange={(v) => setPeriod(v)}
        />
      }
    >
      <Tabs
        items={[
          {
            key: 'administration',
            label: '管理日志',
            // A new period starts again from its first page.
            children: <AdministrationLog key={JSON.stringify(windowOf(period))} period={period} />,
          },
          {
            key: 'access',
            label: '访问日志',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Exports log="access-log" period={period} onError={setError} />
                {error && <Alert type="error" showIcon message={error} role="alert" />}
                <AccessLog />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
};

export default LogsPage;
