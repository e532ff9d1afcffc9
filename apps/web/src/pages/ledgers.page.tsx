import { Alert, Button, Card, Form, Input, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { download, getPage, LEDGERS, type Page, type Query, type Row } from '../api/reads-client';
import { errorText } from '../shell/errors';
import { date, dateTime } from '../shell/format';
import { label, statusLabel } from '../shell/labels';
import { casePath, Link } from '../shell/router';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const COUNTIES = ['panjin/shuangtaizi', 'panjin/xinglongtai', 'panjin/dawa', 'panjin/panshan'];

interface LedgerSpec {
  readonly key: string;
  readonly title: string;
  readonly path: string;
  /** Where the exports are (CSV and XLSX, Chinese headers, the same filters). */
  readonly exports: readonly { label: string; path: string; name: string }[];
  readonly statusParam: string;
  readonly statuses: readonly string[];
  readonly statusKind: string;
  readonly search: boolean;
  /** Whether the ledger filters on overdue deadlines (仅看逾期); default yes. */
  readonly overdue?: boolean;
  readonly columns: ColumnsType<Row>;
}

const overdueTag = (due: string, overdue: unknown) =>
  due ? overdue === true ? <Tag color="red">{date(due)} 已逾期</Tag> : date(due) : '—';

const LEDGER_SPECS: readonly LedgerSpec[] = [
  {
    key: 'clues',
    title: '线索台账',
    path: LEDGERS.clues,
    exports: [
      { label: '导出 Excel', path: `${LEDGERS.clues}/export.xlsx`, name: '线索台账.xlsx' },
      { label: '导出 CSV', path: `${LEDGERS.clues}/export.csv`, name: '线索台账.csv' },
    ],
    statusParam: 'step',
    statuses: [
      'Registered',
      'Analysis',
      'Verification',
      'Supervision',
      'Rectification',
      'Feedback',
      'Evaluation',
      'Closed',
      'Archived',
      'Dismissed',
    ],
    statusKind: 'clue',
    search: true,
    columns: [
      {
        title: '线索',
        key: 'clueId',
        render: (_, r) => <Link to={casePath('clue', text(r.clueId))}>{text(r.clueId).slice(0, 8)}</Link>,
      },
      { title: '收到时间', key: 'receivedAt', sorter: true, render: (_, r) => dateTime(text(r.receivedAt)) },
      { title: '地区', key: 'county', render: (_, r) => label('region', text(r.countyId)) },
      { title: '来源', key: 'source', render: (_, r) => label('clueSource', text(r.source)) },
      { title: '被监督单位', key: 'agency', render: (_, r) => text(r.agencyName) },
      { title: '状态', key: 'status', sorter: true, render: (_, r) => statusLabel('clue', text(r.status)) },
      { title: '下一期限', key: 'nextDueOn', sorter: true, render: (_, r) => overdueTag(text(r.nextDueOn), r.overdue) },
      { title: '更新时间', key: 'updatedAt', sorter: true, render: (_, r) => dateTime(text(r.updatedAt)) },
    ],
  },
  {
    key: 'rectification',
    title: '整改台账',
    path: LEDGERS.rectification,
    exports: [
      { label: '导出 Excel', path: `${LEDGERS.rectification}/export.xlsx`, name: '整改台账.xlsx' },
      { label: '导出 CSV', path: `${LEDGERS.rectification}/export.csv`, name: '整改台账.csv' },
    ],
    statusParam: 'status',
    statuses: [
      'Assigned',
      'InProgress',
      'Reported',
      'Evaluated',
      'Closed',
      'LookBackPending',
      'LookBackPassed',
      'Reopened',
    ],
    statusKind: 'rectification',
    search: false,
    columns: [
      {
        title: '事项',
        key: 'itemId',
        render: (_, r) => <Link to={casePath('rectification', text(r.itemId))}>{text(r.itemId).slice(0, 8)}</Link>,
      },
      { title: '地区', key: 'county', render: (_, r) => label('region', text(r.countyId)) },
      { title: '整改单位', key: 'agency', render: (_, r) => label('organisation', text(r.agencyOrgId)) },
      { title: '问题内容', key: 'issue', ellipsis: true, render: (_, r) => text(r.issue) },
      { title: '整改方式', key: 'mode', render: (_, r) => label('rectificationMode', text(r.mode)) },
      { title: '状态', key: 'status', sorter: true, render: (_, r) => statusLabel('rectification', text(r.status)) },
      { title: '整改时限', key: 'dueOn', sorter: true, render: (_, r) => overdueTag(text(r.dueOn), r.overdue) },
      // 业务日期 of the assignment (issue 17 item 7): a 2024 item entered in 2025 shows its 2024 date.
      { title: '交办日期', key: 'assignedOn', sorter: true, render: (_, r) => date(text(r.assignedOn)) },
    ],
  },
  {
    key: 'corrected',
    title: '纠错案件台账',
    path: LEDGERS.correctedCases,
    exports: [
      { label: '导出 Excel', path: `${LEDGERS.correctedCases}/export.xlsx`, name: '纠错案件台账.xlsx' },
      { label: '导出 CSV', path: `${LEDGERS.correctedCases}/export.csv`, name: '纠错案件台账.csv' },
    ],
    statusParam: 'status',
    statuses: [],
    statusKind: 'clue',
    search: false,
    overdue: false,
    columns: [
      {
        title: '线索',
        key: 'clueId',
        sorter: true,
        render: (_, r) => <Link to={casePath('clue', text(r.clueId))}>{text(r.clueId).slice(0, 8)}</Link>,
      },
      { title: '地区', key: 'county', render: (_, r) => label('region', text(r.countyId) || text(r.regionId)) },
      { title: '被监督单位', key: 'agency', render: (_, r) => text(r.agencyName) },
      { title: '来源', key: 'source', render: (_, r) => label('clueSource', text(r.source)) },
      { title: '收到日期', key: 'receivedOn', sorter: true, render: (_, r) => date(text(r.receivedOn)) },
      { title: '更新时间', key: 'updatedAt', sorter: true, render: (_, r) => dateTime(text(r.updatedAt)) },
    ],
  },
  {
    key: 'accountability',
    title: '追责问责台账',
    path: LEDGERS.accountability,
    // The API has no export of this ledger yet.
    exports: [],
    statusParam: 'status',
    statuses: ['Opened', 'Investigating', 'Decided', 'Executed', 'Withdrawn', 'Archived'],
    statusKind: 'accountability',
    search: false,
    overdue: false,
    columns: [
      {
        title: '案件',
        key: 'accountabilityId',
        sorter: true,
        render: (_, r) => (
          <Link to={casePath('accountability', text(r.accountabilityId))}>{text(r.accountabilityId).slice(0, 8)}</Link>
        ),
      },
      {
        title: '追责类型',
        key: 'accountabilityType',
        render: (_, r) => label('accountabilityType', text(r.accountabilityType)),
      },
      { title: '地区', key: 'county', render: (_, r) => label('region', text(r.countyId) || text(r.regionId)) },
      { title: '决定机关', key: 'decidingOrg', render: (_, r) => label('organisation', text(r.decidingOrgId)) },
      { title: '案情摘要', key: 'summary', ellipsis: true, render: (_, r) => text(r.summary) },
      { title: '状态', key: 'status', sorter: true, render: (_, r) => statusLabel('accountability', text(r.status)) },
      { title: '立项日期', key: 'openedOn', sorter: true, render: (_, r) => date(text(r.openedOn)) },
      { title: '决定日期', key: 'decisionDate', sorter: true, render: (_, r) => date(text(r.decisionDate)) },
    ],
  },
];

const PAGE_SIZE = 20;

const Ledger = ({ spec }: { spec: LedgerSpec }) => {
  const [filters, setFilters] = useState<Query>({});
  const [sort, setSort] = useState<string>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Row>>();
  const [error, setError] = useState<string>();
  const query: Query = { ...filters, sort, limit: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE };
  useEffect(() => {
    setData(undefined);
    getPage(spec.path, query)
      .then((answer) => {
        setData(answer);
        setError(undefined);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [spec.path, filters, sort, page]);

  const onChange = (
    pagination: TablePaginationConfig,
    _f: unknown,
    sorter: SorterResult<Row> | SorterResult<Row>[],
  ) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(one?.order ? `${one.order === 'descend' ? '-' : ''}${String(one.columnKey)}` : undefined);
    setPage(pagination.current ?? 1);
  };
  const exportFilters: Query = { ...filters, sort };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form
        layout="inline"
        onFinish={(values: Record<string, unknown>) => {
          const next: Query = {};
          for (const [k, v] of Object.entries(values))
            if (v !== undefined && v !== '' && v !== false) next[k] = v as string | boolean;
          setFilters(next);
          setPage(1);
        }}
      >
        <Form.Item name="county" label="地区">
          <Select
            allowClear
            style={{ width: 140 }}
            options={COUNTIES.map((c) => ({ value: c, label: label('region', c) }))}
          />
        </Form.Item>
        {spec.statuses.length > 0 && (
          <Form.Item name={spec.statusParam} label="状态">
            <Select
              allowClear
              style={{ width: 140 }}
              options={spec.statuses.map((s) => ({ value: s, label: statusLabel(spec.statusKind, s) }))}
            />
          </Form.Item>
        )}
        {spec.overdue !== false && (
          <Form.Item name="overdue" label="仅看逾期" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {spec.search && (
          <Form.Item name="q" label="关键词">
            <Input allowClear style={{ width: 180 }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Space>
        {spec.exports.map((e) => (
          <Button
            key={e.path}
            onClick={() =>
              void download(e.path, exportFilters, e.name).catch((err: unknown) => setError(errorText(err)))
            }
          >
            {e.label}
          </Button>
        ))}
        {data && <Typography.Text type="secondary">共 {data.total} 条</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Row>
        rowKey={(r) => text(r.clueId) + text(r.itemId) + text(r.referralId)}
        loading={!data && !error}
        dataSource={data?.items}
        columns={spec.columns}
        onChange={onChange}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total, showSizeChanger: false }}
        locale={{ emptyText: '暂无数据' }}
        size="middle"
      />
    </Space>
  );
};

const LedgersPage = () => (
  <Card
    title={
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        台账
      </Typography.Title>
    }
  >
    <Tabs
      items={LEDGER_SPECS.map((spec) => ({ key: spec.key, label: spec.title, children: <Ledger spec={spec} /> }))}
      destroyOnHidden
    />
  </Card>
);

export default LedgersPage;
