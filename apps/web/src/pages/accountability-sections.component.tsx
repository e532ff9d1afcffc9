import { Descriptions, Empty, Space, Table, Tag } from 'antd';
import { date } from '../shell/format';
import { label, statusLabel } from '../shell/labels';
import { casePath, Link } from '../shell/router';

/**
 * The parts of an accountability case's page (行政执法过错责任追究 / 行政错案问责, issue 17): its
 * facts, and once decided, the persons and units held and the measures taken against each.
 */

type State = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

interface Held {
  readonly subject: { subjectId?: string; name?: string; unit?: string; post?: string };
  readonly measureCodes?: readonly string[];
}
interface Decision {
  readonly decisionDate?: string;
  readonly documentNo?: string;
  readonly persons?: readonly Held[];
  readonly units?: readonly Held[];
}

export const AccountabilityFacts = ({ state }: { state: State }) => {
  const rows: [string, string][] = [
    ['追责类型', label('accountabilityType', text(state.accountabilityType))],
    ['错案情形', label('wrongfulCaseGround', text(state.ground))],
    ['地区', label('region', text(state.regionId))],
    ['决定机关', label('organisation', text(state.decidingOrgId))],
    ['案情摘要', text(state.summary)],
    ['立项日期', date(text(state.openedOn))],
    ['调查日期', date(text(state.investigatedOn))],
    ['执行日期', date(text(state.executedOn))],
    ['撤销日期', date(text(state.withdrawnOn))],
    ['撤销理由', text(state.withdrawalReason)],
    ['归档日期', date(text(state.archivedOn))],
  ];
  const clueId = text(state.clueId);
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="当前状态">
        <Tag color="blue" data-testid="case-status">
          {statusLabel('accountability', text(state.status))}
        </Tag>
      </Descriptions.Item>
      {rows
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => (
          <Descriptions.Item key={k} label={k}>
            {v}
          </Descriptions.Item>
        ))}
      {clueId && (
        <Descriptions.Item label="所属线索">
          <Link to={casePath('clue', clueId)}>{clueId}</Link>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
};

const measures = (codes: readonly string[] | undefined) => (
  <Space size={4} wrap>
    {(codes ?? []).map((c) => (
      <Tag key={c}>{label('accountabilityMeasure', c)}</Tag>
    ))}
  </Space>
);

/** 追责对象与处理: who was held to account and how, as decided. */
export const AccountabilityDecision = ({ state }: { state: State }) => {
  const decision = state.decision as Decision | undefined;
  if (!decision) return <Empty description="尚未作出追责决定" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const rows = [
    ...(decision.persons ?? []).map((h) => ({ ...h, who: '人员' })),
    ...(decision.units ?? []).map((h) => ({ ...h, who: '单位' })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="决定日期">{date(decision.decisionDate)}</Descriptions.Item>
        {decision.documentNo && <Descriptions.Item label="决定文号">{decision.documentNo}</Descriptions.Item>}
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey={(h) => `${h.who}-${h.subject.subjectId ?? h.subject.name ?? ''}`}
        dataSource={rows}
        columns={[
          { title: '类别', key: 'who', render: (_, h) => h.who },
          { title: '名称', key: 'name', render: (_, h) => h.subject.name ?? '' },
          { title: '单位', key: 'unit', render: (_, h) => h.subject.unit ?? '' },
          { title: '职务', key: 'post', render: (_, h) => h.subject.post ?? '' },
          { title: '处理措施', key: 'measures', render: (_, h) => measures(h.measureCodes) },
        ]}
      />
    </Space>
  );
};
