import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useEffect, useState } from 'react';
import { currentUser, type CaseAction, type CaseKind } from '../api/api-client';
import { getPage, LEDGERS, type Row } from '../api/reads-client';
import { creationAction } from '../api/openapi-forms';
import { errorText } from '../shell/errors';
import { date, todayInChina } from '../shell/format';
import { label, statusLabel } from '../shell/labels';
import { casePath, Link } from '../shell/router';

/** One list of 我的待办: where it comes from and how a row reads. */
interface WorkList {
  readonly key: string;
  readonly title: string;
  readonly kind: CaseKind;
  readonly path: string;
  readonly query: Record<string, string | number | boolean>;
  /**
   * The statuses that still wait for someone, asked for in the same request (`step=A,B,…`): sorted
   * by due date, the unfiltered ledger would list the many finished cases (no due date, sorted
   * first) before any open one.
   */
  readonly open?: { readonly param: string; readonly values: readonly string[] };
  readonly idOf: (row: Row) => string;
  readonly dueOf: (row: Row) => string | undefined;
  readonly summaryOf: (row: Row) => string;
  /** Rows that wait for nobody (finished cases) are left out. */
  readonly waiting: (row: Row) => boolean;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const CLUES: WorkList = {
  key: 'clues',
  title: '问题线索',
  kind: 'clue',
  path: LEDGERS.clues,
  query: { sort: 'nextDueOn', limit: 100 },
  open: {
    param: 'step',
    values: [
      'Registered',
      'Analysis',
      'Verification',
      'Supervision',
      'Rectification',
      'Feedback',
      'Evaluation',
      'Closed',
    ],
  },
  idOf: (r) => text(r.clueId),
  dueOf: (r) => text(r.nextDueOn) || undefined,
  summaryOf: (r) => `${text(r.agencyName)} · ${text(r.summary)}`,
  waiting: (r) => !['Archived', 'Dismissed'].includes(text(r.status)),
};

const ITEMS: WorkList = {
  key: 'items',
  title: '整改事项',
  kind: 'rectification',
  path: LEDGERS.rectification,
  query: { sort: 'dueOn', limit: 100 },
  open: { param: 'status', values: ['Assigned', 'InProgress', 'Reported', 'Evaluated', 'Reopened', 'LookBackPending'] },
  idOf: (r) => text(r.itemId),
  dueOf: (r) => text(r.dueOn) || text(r.lookBackDueOn) || undefined,
  // The rectification ledger keeps the agency's id only: its name comes from the catalogue.
  summaryOf: (r) => `${label('organisation', text(r.agencyOrgId))} · ${text(r.issue)}`,
  waiting: (r) => text(r.status) !== 'LookBackPassed',
};

/**
 * The agency's items: those it must work on (DOMAIN.md §4.3: assigned, in progress, reopened). A
 * reported item waits for the supervisor's evaluation, a closed one for its look-back.
 */
const AGENCY_ITEMS: WorkList = {
  ...ITEMS,
  open: { param: 'status', values: ['Assigned', 'InProgress', 'Reopened'] },
};

const INBOX: WorkList = {
  key: 'inbox',
  title: '收件箱',
  kind: 'referral',
  path: LEDGERS.inbox,
  query: { closed: false, sort: 'dueOn', limit: 100 },
  idOf: (r) => text(r.referralId),
  dueOf: (r) => text(r.dueOn) || undefined,
  summaryOf: (r) => {
    const pkg = (r.package ?? {}) as { clueSummary?: string; subjects?: { name?: string }[] };
    return `${(pkg.subjects ?? []).map((s) => s.name).join('、')} · ${pkg.clueSummary ?? ''}`;
  },
  waiting: () => true,
};

/**
 * The accountability cases the caller's organisation decides (issue 17: every act after 立项 is the
 * deciding organisation's) and that are not yet archived. The ledger takes one status per request,
 * so the archived ones are left out here.
 */
const accountabilityOf = (orgId: string): WorkList => ({
  key: 'accountability',
  title: '追责问责案件',
  kind: 'accountability',
  path: LEDGERS.accountability,
  query: { decidingOrgId: orgId, sort: 'openedOn', limit: 100 },
  idOf: (r) => text(r.accountabilityId),
  dueOf: () => undefined,
  summaryOf: (r) => `${label('accountabilityType', text(r.accountabilityType))} · ${text(r.summary)}`,
  waiting: (r) => text(r.status) !== 'Archived',
});

/** What waits for each role (the API filters every list to what the caller may see). */
const listsOf = (role: string, orgId: string): WorkList[] => {
  switch (role) {
    case 'RuleOfLawOffice':
      return [CLUES, ITEMS];
    case 'JusticeBureau':
      return [CLUES, ITEMS, accountabilityOf(orgId)];
    case 'EnforcementAgency':
      return [AGENCY_ITEMS, CLUES, accountabilityOf(orgId)];
    case 'DisciplineCommission':
    case 'AppointingAuthority':
      return [INBOX];
    default:
      return [];
  }
};

/**
 * The lights, with text dark enough on the tag (WCAG 1.4.3, 4.5:1): antd's green and gold tag text
 * reaches only 3.4:1 and 2.6:1 on their backgrounds.
 */
const LIGHTS: Record<string, { color: string; ink?: string; text: string }> = {
  red: { color: 'red', text: '红灯' },
  yellow: { color: 'gold', ink: '#874d00', text: '黄灯' },
  green: { color: 'green', ink: '#135200', text: '绿灯' },
};

const isOverdue = (row: Row, due: string | undefined): boolean =>
  row.overdue === true ||
  (typeof row.overdue === 'object' && (row.overdue as { any?: boolean } | null)?.any === true) ||
  (!!due && due < todayInChina());

/** Newest risk first: red before yellow before green, overdue first, then the nearest due date. */
const riskOrder =
  (list: WorkList) =>
  (a: Row, b: Row): number => {
    const light = (r: Row): number => ({ red: 0, yellow: 1, green: 2 })[text(r.light)] ?? 3;
    const dueA = list.dueOf(a);
    const dueB = list.dueOf(b);
    return (
      light(a) - light(b) ||
      Number(isOverdue(b, dueB)) - Number(isOverdue(a, dueA)) ||
      (dueA ?? '9999').localeCompare(dueB ?? '9999')
    );
  };

const WorkTable = ({ list }: { list: WorkList }) => {
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const query = list.open ? { ...list.query, [list.open.param]: list.open.values.join(',') } : list.query;
    getPage(list.path, query)
      .then((page) => setRows(page.items.filter(list.waiting).sort(riskOrder(list))))
      .catch((e: unknown) => setError(errorText(e)));
  }, [list]);
  if (error) return <Alert type="error" message={error} showIcon />;
  const columns: ColumnsType<Row> = [
    ...(rows?.some((r) => r.light !== undefined)
      ? [
          {
            title: '红黄绿灯',
            key: 'light',
            render: (_: unknown, r: Row) => {
              const light = LIGHTS[text(r.light)];
              return light ? (
                <Tag color={light.color} style={light.ink ? { color: light.ink } : undefined}>
                  {light.text}
                </Tag>
              ) : null;
            },
          },
        ]
      : []),
    {
      title: '案件',
      key: 'id',
      render: (_, r) => <Link to={casePath(list.kind, list.idOf(r))}>{list.idOf(r).slice(0, 8)}</Link>,
    },
    { title: '状态', key: 'status', render: (_, r) => statusLabel(list.kind, text(r.status)) },
    { title: '地区', key: 'region', render: (_, r) => label('region', text(r.countyId) || text(r.regionId)) },
    { title: '摘要', key: 'summary', ellipsis: true, render: (_, r) => list.summaryOf(r) },
    {
      title: '期限',
      key: 'due',
      render: (_, r) => {
        const due = list.dueOf(r);
        if (!due) return '—';
        return isOverdue(r, due) ? <Tag color="red">{date(due)} 已逾期</Tag> : date(due);
      },
    },
  ];
  return (
    <Table<Row>
      rowKey={(r) => list.idOf(r)}
      loading={!rows}
      dataSource={rows}
      columns={columns}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      size="middle"
      locale={{ emptyText: '暂无待办' }}
    />
  );
};

// The form (and its date pickers) loads when a clue is registered, not with the list.
const ActionForm = lazy(async () => ({ default: (await import('../forms/action-panel.component')).ActionForm }));

/** Offices and justice bureaus register clues (C1); the API decides whether this user may. */
const REGISTERS_CLUES = ['RuleOfLawOffice', 'JusticeBureau'];

export const WorkPage = () => {
  const user = currentUser();
  const lists = listsOf(user?.role ?? '', user?.orgId ?? '');
  const [registering, setRegistering] = useState<CaseAction>();
  const [error, setError] = useState<string>();
  const register = (): void => {
    creationAction('/api/v1/clues', '登记线索', 'RegisterClue')
      .then((action) => (action ? setRegistering(action) : setError('暂时无法登记线索。')))
      .catch((e: unknown) => setError(errorText(e)));
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          我的待办
        </Typography.Title>
        {REGISTERS_CLUES.includes(user?.role ?? '') && (
          <Button type="primary" onClick={register}>
            登记线索
          </Button>
        )}
      </Space>
      {error && <Alert type="error" message={error} showIcon />}
      {registering && (
        <Suspense fallback={null}>
          <ActionForm action={registering} onClose={() => setRegistering(undefined)} onDone={async () => undefined} />
        </Suspense>
      )}
      {lists.length === 0 && <Alert type="info" message="您的角色没有待办的案件。" showIcon />}
      {lists.map((list) => (
        <Card
          key={list.key}
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {list.title}
            </Typography.Title>
          }
        >
          <WorkTable list={list} />
        </Card>
      ))}
    </Space>
  );
};
