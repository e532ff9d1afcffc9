import { Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type HistoryEntry } from '../api/api-client';
import { getPage, LEDGERS } from '../api/reads-client';
import { date, dateTime } from '../shell/format';
import { label, statusLabel } from '../shell/labels';
import { casePath, Link } from '../shell/router';

type State = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

interface Subject {
  kind?: string;
  subjectId: string;
  name: string;
  unit?: string;
  post?: string;
  cadreRank?: string;
  isPartyMember?: boolean;
  isPublicOfficial?: boolean;
}

const isUnit = (s: Subject): boolean => s.kind === 'Unit';
/** A unit has no post, rank or flags (issue 17 item 8): a dash, never a "否" it was never asked. */
const personOnly =
  <T,>(render: (v: T) => string) =>
  (v: T, s: Subject): string =>
    isUnit(s) ? '—' : render(v);

/** The persons and units of a clue or a referral package (被反映人 / 责任单位), with their cadre rank. */
export const Subjects = ({ state }: { state: State }) => {
  const subjects = list<Subject>(state.subjects).length
    ? list<Subject>(state.subjects)
    : list<Subject>((state.package as State | undefined)?.subjects);
  if (subjects.length === 0) return <Typography.Text type="secondary">未列明被反映人</Typography.Text>;
  return (
    <Table<Subject>
      rowKey="subjectId"
      size="small"
      pagination={false}
      dataSource={subjects}
      columns={[
        {
          title: '类别',
          dataIndex: 'kind',
          render: (_: unknown, s: Subject) =>
            isUnit(s) ? <Tag color="blue">{label('subjectKind', 'Unit')}</Tag> : label('subjectKind', 'Person'),
        },
        { title: '姓名 / 单位名称', dataIndex: 'name' },
        { title: '所属单位', dataIndex: 'unit' },
        { title: '职务', dataIndex: 'post', render: personOnly((v: string) => v) },
        { title: '干部层级', dataIndex: 'cadreRank', render: personOnly((v: string) => label('cadreRank', v)) },
        { title: '中共党员', dataIndex: 'isPartyMember', render: personOnly((v: boolean) => (v ? '是' : '否')) },
        { title: '公职人员', dataIndex: 'isPublicOfficial', render: personOnly((v: boolean) => (v ? '是' : '否')) },
      ]}
    />
  );
};

interface Rule {
  code: string;
  number?: number;
  labelZh?: string;
  matched: boolean;
  reasonZh?: string;
  legalBasis?: string[];
  evidenceMissing?: string[];
}

/** The seven situations as the rulebook judged them, with its explanation. */
export const Situations = ({ state }: { state: State }) => {
  const evaluation = state.evaluation as { rules?: Rule[]; summaryZh?: string; rulebookVersion?: string } | undefined;
  if (!evaluation?.rules?.length)
    return <Typography.Text type="secondary">尚未研判（问题核实时按七种情形研判）</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {evaluation.summaryZh && <Typography.Text strong>{evaluation.summaryZh}</Typography.Text>}
      {evaluation.rules.map((rule) => (
        <div key={rule.code}>
          <Tag color={rule.matched ? 'red' : 'default'}>{rule.matched ? '符合' : '不符合'}</Tag>
          情形{rule.number ?? ''}：{rule.labelZh ?? label('situation', rule.code)}——{rule.reasonZh}
          {rule.legalBasis?.length ? (
            <Typography.Text type="secondary">（依据：{rule.legalBasis.join('；')}）</Typography.Text>
          ) : null}
        </div>
      ))}
    </Space>
  );
};

interface Deadline {
  dueOn?: string;
  from?: string;
  rule?: string;
  amount?: number;
  unit?: string;
  provisional?: boolean;
  extended?: boolean;
  extendedTo?: string;
  paused?: boolean;
  pausedAt?: string;
}

const DEADLINE_NAMES: Record<string, string> = {
  deadline: '当前环节期限',
  transferDeadline: '移送期限',
  lookBackDue: '回头看期限',
  acceptanceDeadline: '受理期限',
  disposalDeadline: '处置期限',
  resultFeedbackDeadline: '结果反馈期限',
};

/** The units of a deadline's period (DeadlineUnit): a 回头看 counted in months read as days before. */
const UNITS: Record<string, string> = { WorkingDays: '个工作日', Days: '个自然日', Months: '个月' };

/** Every deadline object of the state (anything with a dueOn), with its marks. */
export const Deadlines = ({ state }: { state: State }) => {
  const deadlines = Object.entries(state).filter(
    ([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Deadline).dueOn === 'string',
  ) as [string, Deadline][];
  if (deadlines.length === 0) return <Typography.Text type="secondary">当前无进行中的期限</Typography.Text>;
  return (
    <Descriptions size="small" column={1} bordered>
      {deadlines.map(([key, d]) => (
        <Descriptions.Item key={key} label={DEADLINE_NAMES[key] ?? key}>
          {date(d.dueOn)}
          {d.amount ? `（自 ${date(d.from)} 起 ${d.amount} ${UNITS[d.unit ?? ''] ?? '个自然日'}）` : ''}
          {d.provisional && <Tag color="blue">暂定</Tag>}
          {(d.extended || d.extendedTo) && <Tag color="purple">已延期</Tag>}
          {/* antd's orange tag text is 3:1 on its background; WCAG 1.4.3 asks 4.5:1. */}
          {(d.paused || d.pausedAt) && (
            <Tag color="orange" style={{ color: '#873800' }}>
              已中止
            </Tag>
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
};

/** The cases linked to this one: its clue, its referrals, its rectification items, accountability cases, forwarded parts. */
export const LinkedCases = ({ kind, state }: { kind: string; state: State }) => {
  // The clue's stream lists only the items of its 整改方案; an item the office assigns directly
  // (下达整改事项) is found through the rectification ledger's clue filter.
  // Accountability cases arising from the clue are linked on its stream (accountabilityIds) and listed
  // in the accountability ledger, which a caller may see even where the clue's view leaves the link out.
  const [ledgerItems, setLedgerItems] = useState<string[]>();
  const [accountability, setAccountability] = useState<string[]>([]);
  const clueId = kind === 'clue' ? text(state.clueId) : '';
  useEffect(() => {
    if (!clueId) return;
    getPage(LEDGERS.rectification, { clueId, limit: 100 })
      .then((page) => setLedgerItems(page.items.map((r) => text(r.itemId))))
      .catch(() => setLedgerItems([]));
    getPage(LEDGERS.accountability, { clueId, limit: 100 })
      .then((page) => setAccountability(page.items.map((r) => text(r.accountabilityId))))
      .catch(() => setAccountability([]));
  }, [clueId, state]);
  const links: { kind: string; id: string; note: string }[] = [];
  if (kind !== 'clue' && text(state.clueId)) links.push({ kind: 'clue', id: text(state.clueId), note: '所属线索' });
  for (const id of list<string>(state.referralIds)) links.push({ kind: 'referral', id, note: '移送' });
  for (const id of list<string>(state.childReferralIds)) links.push({ kind: 'referral', id, note: '转送部分' });
  if (text(state.parentReferralId)) links.push({ kind: 'referral', id: text(state.parentReferralId), note: '原移送' });
  const itemIds = new Set<string>();
  for (const item of list<{ itemId?: string; status?: string } | string>(state.rectificationItems))
    itemIds.add(typeof item === 'string' ? item : text(item.itemId));
  for (const id of ledgerItems ?? []) itemIds.add(id);
  for (const id of itemIds) if (id) links.push({ kind: 'rectification', id, note: '整改事项' });
  const accountabilityIds = new Set([...list<string>(state.accountabilityIds), ...accountability]);
  for (const id of accountabilityIds) if (id) links.push({ kind: 'accountability', id, note: '追责问责' });
  if (links.length === 0) return <Typography.Text type="secondary">无关联案件</Typography.Text>;
  return (
    <Space wrap>
      {links.map((l) => (
        <Link key={`${l.kind}/${l.id}`} to={casePath(l.kind, l.id)}>
          {l.note} {l.id.slice(0, 8)}
        </Link>
      ))}
    </Space>
  );
};

/** The case's history: who, when (China time), what (in Chinese). */
export const CaseTimeline = ({ entries }: { entries: readonly HistoryEntry[] }) => (
  <Timeline
    items={[...entries].reverse().map((e) => ({
      key: e.revision,
      children: (
        <>
          <Typography.Text type="secondary">{dateTime(e.recordedAt)}</Typography.Text>
          <div>{e.description?.zh ?? e.type}</div>
        </>
      ),
    }))}
  />
);

/** The facts of a case at a glance, per kind. */
export const CaseFacts = ({ kind, state }: { kind: string; state: State }) => {
  const pkg = (state.package ?? {}) as State;
  const agency = (state.agency ?? {}) as State;
  const target = (state.target ?? {}) as State;
  const rows: [string, string][] =
    kind === 'clue'
      ? [
          ['地区', label('region', text(state.regionId))],
          ['来源', `${label('clueSource', text(state.source))} ${text(state.sourceRef)}`],
          ['被监督单位', text(agency.name)],
          ['收到时间', dateTime(text(state.receivedAt))],
          ['线索摘要', text(state.summary)],
        ]
      : kind === 'referral'
        ? [
            ['地区', label('region', text(state.regionId))],
            ['来源', `${label('clueSource', text(pkg.source))} ${text(pkg.sourceRef)}`],
            ['移送函', text(pkg.transferLetter)],
            ['线索摘要', text(pkg.clueSummary)],
            ['移送对象', text(target.orgId)],
            ['移送时间', dateTime(text(state.sentAt))],
          ]
        : [
            ['地区', label('region', text(state.regionId))],
            ['整改单位', label('organisation', text(state.agencyOrgId))],
            ['整改方式', label('rectificationMode', text(state.mode))],
            ['问题内容', text(state.issue)],
            ['整改措施', text(state.measures)],
            ['第一责任人', text(state.owner)],
            ['责任人', text(state.responsiblePerson)],
          ];
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="当前状态">
        <Tag color="blue" data-testid="case-status">
          {statusLabel(kind, text(state.status))}
        </Tag>
      </Descriptions.Item>
      {rows
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => (
          <Descriptions.Item key={k} label={k}>
            {v}
          </Descriptions.Item>
        ))}
    </Descriptions>
  );
};

interface Report {
  reportNo?: number;
  report?: string;
  evidence?: string[];
  at?: string;
  late?: boolean;
}
interface Evaluation {
  evaluationNo?: number;
  method?: string;
  result?: string;
  notes?: string;
  failureReasons?: string[];
  at?: string;
}

/**
 * A rectification item's latest 整改报告 and 评估 (with why it failed), and its latest 回头看: what
 * the agency must put right after a failed evaluation, and what the office judged.
 */
export const RectificationRecords = ({ state }: { state: State }) => {
  const report = state.lastReport as Report | undefined;
  const evaluation = state.lastEvaluation as Evaluation | undefined;
  const lookBack = state.lastLookBack as Evaluation | undefined;
  if (!report && !evaluation && !lookBack) return <Typography.Text type="secondary">尚未反馈整改情况</Typography.Text>;
  const reasons = (items: string[] | undefined) =>
    items?.length ? (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {items.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ol>
    ) : null;
  return (
    <Descriptions size="small" column={1} bordered>
      {report && (
        <Descriptions.Item label={`第 ${report.reportNo ?? ''} 次整改报告`}>
          {report.report}
          {report.late && <Tag color="red">逾期反馈</Tag>}
          <div>
            <Typography.Text type="secondary">
              {dateTime(report.at)} · 证据：{(report.evidence ?? []).join('、')}
            </Typography.Text>
          </div>
        </Descriptions.Item>
      )}
      {evaluation && (
        <Descriptions.Item label={`第 ${evaluation.evaluationNo ?? ''} 次评估`}>
          <Tag color={evaluation.result === 'Pass' ? 'blue' : 'red'} data-testid="evaluation-result">
            {label('evaluationResult', text(evaluation.result))}
          </Tag>
          {label('evaluationMethod', text(evaluation.method))}：{evaluation.notes}
          {reasons(evaluation.failureReasons)}
        </Descriptions.Item>
      )}
      {lookBack && (
        <Descriptions.Item label="回头看">
          {label('evaluationResult', text(lookBack.result))}（{label('evaluationMethod', text(lookBack.method))}）：
          {lookBack.notes}
          {reasons(lookBack.failureReasons)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
};
