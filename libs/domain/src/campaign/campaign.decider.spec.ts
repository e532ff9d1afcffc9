import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { createCampaignDecider } from './campaign.decider';
import { CampaignEvent, CampaignPlanned, PlanCampaign, SupervisedUnit } from './campaign.events';
import { availableCampaignCommands } from './campaign.preconditions';

/*
 * 法治督察 as a campaign (issue 17 "Missing mechanisms"; DOMAIN.md §8 蓬江, seed 001: 4 inspection
 * teams, 8 departments, 7 topics, 8 feedback opinions, 7 categories of common problems circulated;
 * §1.2 督察反馈意见书 / 督察通报).
 */
const spec = deciderSpec(createCampaignDecider());

const office = (position: Actor['position'] = 'Head', orgId = 'pengjiang.rol-office'): Actor => ({
  userId: `u-${orgId}-${position}`,
  role: 'RuleOfLawOffice',
  position,
  orgId,
  regionId: 'jiangmen/pengjiang',
});
const head = office('Head');
const clerk = office('Staff');
const AT = '2025-03-04T10:00:00+08:00';

const unit = (n: number): SupervisedUnit => ({
  orgId: `pengjiang.dept-${n}`,
  name: `蓬江区部门${n}`,
  regionId: 'jiangmen/pengjiang',
});
const UNITS = [1, 2, 3, 4, 5, 6, 7, 8].map(unit);
const TOPICS = [
  '涉企乱罚款',
  '委托执法',
  '行政许可',
  '执法公示',
  '执法全过程记录',
  '重大执法决定法制审核',
  '嵌入式监督',
];

const plan = (over: Partial<PlanCampaign> = {}): PlanCampaign => ({
  type: 'PlanCampaign',
  actor: head,
  at: AT,
  campaignId: 'pj-2025',
  regionId: 'jiangmen/pengjiang',
  title: '2025年度法治督察',
  periodFrom: '2025-03-01',
  periodTo: '2025-06-30',
  teams: [1, 2, 3, 4].map((n) => ({ name: `第${n}督察组`, lead: `组长${n}`, members: [`组员${n}a`, `组员${n}b`] })),
  topics: TOPICS,
  units: UNITS,
  occurredOn: '2025-03-01',
  ...over,
});

const planned = (): CampaignPlanned => {
  const [event] = spec.given([]).when(plan()).thenEvents();
  return event as CampaignPlanned;
};
const started: CampaignEvent = {
  type: 'CampaignStarted',
  data: { at: AT, by: { userId: clerk.userId, role: clerk.role, orgId: clerk.orgId }, occurredOn: '2025-03-02' },
};
const feedbackFor = (n: number): CampaignEvent => ({
  type: 'CampaignFeedbackIssued',
  data: {
    at: AT,
    by: { userId: clerk.userId, role: clerk.role, orgId: clerk.orgId },
    occurredOn: '2025-03-03',
    unitOrgId: unit(n).orgId,
    documentNo: `蓬法督反〔2025〕${n}号`,
    opinion: '存在问题及整改要求',
  },
});

describe('法治督察 campaign (issue 17; DOMAIN.md §8 蓬江 seed 001)', () => {
  it('the office head plans a campaign with 4 teams, 7 topics and 8 departments, dated by its business date', () => {
    const state = spec.given([]).when(plan()).thenState();
    expect(state).toMatchObject({ status: 'Planned', ownerOrgId: 'pengjiang.rol-office', plannedOn: '2025-03-01' });
    expect([state.teams.length, state.topics.length, state.units.length]).toEqual([4, 7, 8]);
  });

  it('only an office head plans (clerks record, §2)', () => {
    spec
      .given([])
      .when(plan({ actor: clerk }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec
      .given([])
      .when(plan({ actor: { ...head, role: 'DisciplineCommission' } }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('refuses a unit outside the region, a reversed period, a plan date in the future and a used id', () => {
    spec
      .given([])
      .when(plan({ units: [{ orgId: 'x', name: 'x', regionId: 'jiangmen/xinhui' }] }))
      .thenError('Validation', 'CAMPAIGN.UNIT_OUTSIDE_REGION');
    spec
      .given([])
      .when(plan({ periodTo: '2025-02-01' }))
      .thenError('Validation', 'CAMPAIGN.PERIOD_REVERSED');
    spec
      .given([])
      .when(plan({ occurredOn: '2025-03-05' }))
      .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
    spec.given([planned()]).when(plan()).thenError('Conflict', 'CAMPAIGN.DUPLICATE_ID');
    spec
      .given([])
      .when(plan({ units: [unit(1), unit(1)] }))
      .thenError('Validation', 'CAMPAIGN.DUPLICATE_UNIT');
  });

  it('a finding at a supervised unit names the clue it opens; not before the campaign starts', () => {
    const finding = {
      type: 'RecordCampaignFinding' as const,
      actor: clerk,
      at: AT,
      campaignId: 'pj-2025',
      findingId: 'f-1',
      unitOrgId: unit(3).orgId,
      topic: '涉企乱罚款',
      summary: '对企业重复处罚',
      clueId: 'c-pj-1',
      occurredOn: '2025-03-03',
    };
    spec.given([planned()]).when(finding).thenError('InvalidTransition', 'CAMPAIGN.WRONG_STATE');
    const state = spec.given([planned(), started]).when(finding).thenState();
    expect(state.findings).toEqual([
      {
        findingId: 'f-1',
        unitOrgId: unit(3).orgId,
        topic: '涉企乱罚款',
        summary: '对企业重复处罚',
        clueId: 'c-pj-1',
        occurredOn: '2025-03-03',
      },
    ]);
    spec
      .given([planned(), started])
      .when({ ...finding, unitOrgId: 'elsewhere' })
      .thenError('Validation', 'CAMPAIGN.UNIT_NOT_IN_PLAN');
    spec
      .given([planned(), started])
      .when({ ...finding, occurredOn: '2025-02-01' })
      .thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    const once = spec.given([planned(), started]).when(finding).thenEvents();
    spec
      .given([planned(), started, ...once])
      .when({ ...finding, findingId: 'f-2' })
      .thenError('Conflict', 'CAMPAIGN.DUPLICATE_CLUE');
  });

  it('one 督察反馈意见 per unit; the first moves the campaign to Feedback', () => {
    const issue = {
      type: 'IssueCampaignFeedback' as const,
      actor: clerk,
      at: AT,
      campaignId: 'pj-2025',
      unitOrgId: unit(1).orgId,
      documentNo: '蓬法督反〔2025〕1号',
      opinion: '存在问题及整改要求',
      occurredOn: '2025-03-03',
    };
    expect(spec.given([planned(), started]).when(issue).thenState().status).toBe('Feedback');
    spec
      .given([planned(), started, feedbackFor(1)])
      .when(issue)
      .thenError('Conflict', 'CAMPAIGN.FEEDBACK_ALREADY_ISSUED');
  });

  it('the 督察通报 comes after every unit has its feedback; the head then closes the campaign', () => {
    const circular = {
      type: 'IssueCampaignCircular' as const,
      actor: clerk,
      at: AT,
      campaignId: 'pj-2025',
      documentNo: '蓬法督通〔2025〕1号',
      commonProblems: [
        '执法程序不规范',
        '自由裁量不当',
        '执法文书不规范',
        '公示不到位',
        '法制审核缺位',
        '委托执法监管不力',
        '回头看不及时',
      ],
    };
    const seven = [1, 2, 3, 4, 5, 6, 7].map(feedbackFor);
    spec
      .given([planned(), started, ...seven])
      .when(circular)
      .thenError('Conflict', 'CAMPAIGN.FEEDBACK_MISSING');
    const all = [planned(), started, ...seven, feedbackFor(8)];
    const reported = spec.given(all).when(circular).thenEvents();
    const close = { type: 'CloseCampaign' as const, actor: clerk, at: AT, campaignId: 'pj-2025' };
    spec
      .given([...all, ...reported])
      .when(close)
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    expect(
      spec
        .given([...all, ...reported])
        .when({ ...close, actor: head })
        .thenState(),
    ).toMatchObject({
      status: 'Closed',
      closedOn: '2025-03-04',
    });
  });

  it('another office and the auditor change nothing; the action list follows the preconditions', () => {
    const state = spec.given([]).when(plan()).thenState();
    expect(availableCampaignCommands(state, clerk)).toEqual(['StartCampaign']);
    expect(availableCampaignCommands(state, office('Head', 'jiangmen.rol-office'))).toEqual([]);
    expect(availableCampaignCommands(state, { ...head, role: 'Auditor' })).toEqual([]);
  });
});
