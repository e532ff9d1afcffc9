import { DEADLINE_ALARM_EVENT_TYPES, DeadlineAlarmEvent } from '@xj/domain';
import { CaseKind } from '../cases/case-aggregates';
import { describeEvent } from './describe-event';
import { DescribeContext } from './event-description';

const names: DescribeContext = {
  orgName: (orgId) =>
    orgId === 'dawa.emergency' ? { zh: '大洼区应急管理局', en: 'Dawa Emergency Bureau' } : undefined,
};
const base = {
  at: '2026-04-01T00:00:00+08:00',
  by: { userId: 'system:deadline-timer', role: 'Administrator', orgId: 'system' },
  rule: 'InspectionFeedbackRectification',
  dueOn: '2026-03-31',
  responsibleOrgId: 'dawa.emergency',
} as const;
const EVENTS: DeadlineAlarmEvent[] = [
  { type: 'DeadlineApproaching', data: { ...base, step: 'reminder-3', workingDaysLeft: 3 } },
  { type: 'DeadlineMissed', data: base },
  { type: 'DeadlineUrged', data: { ...base, workingDaysOverdue: 3 } },
  { type: 'EscalationRungProposed', data: { ...base, escalationType: 'Interview', workingDaysOverdue: 5 } },
  { type: 'EscalationRungConfirmed', data: { ...base, escalationType: 'Interview', note: '约谈' } },
  { type: 'EscalationRungWaived', data: { ...base, escalationType: 'InquiryLetter', reason: '已说明' } },
  { type: 'DeadlineCircularIssued', data: { ...base, workingDaysOverdue: 10 } },
];

describe('describing the 督办 ladder', () => {
  it('the fixtures cover every ladder event type', () => {
    expect(EVENTS.map((e) => e.type).sort()).toEqual([...DEADLINE_ALARM_EVENT_TYPES].sort());
  });

  it.each<[CaseKind, string, string]>([
    ['rectification', 'DeadlineApproaching', '还有 3 个工作日'],
    ['clue', 'DeadlineMissed', '逾期：大洼区应急管理局'],
    ['referral', 'DeadlineUrged', '催办'],
    ['clue', 'EscalationRungProposed', '约谈'],
    ['referral', 'EscalationRungConfirmed', '确认约谈'],
    ['rectification', 'EscalationRungWaived', '不予函询'],
    ['rectification', 'DeadlineCircularIssued', '通报'],
  ])('on a %s, %s reads "%s" and names no case content', (kind, type, fragment) => {
    const event = EVENTS.find((e) => e.type === type);
    if (!event) throw new Error(type);
    const description = describeEvent(kind, event, names);
    expect(description.zh).toContain(fragment);
    expect(description.en).not.toMatch(/Unrecognised/);
  });
});
