import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { RecordJointMeeting, canSeeJointMeeting, createJointMeetingDecider } from './joint-meeting';

/*
 * 联席会议 (issue 17 "Missing mechanisms"; DOMAIN.md §1.2 JointMeeting, §4.6 JointMeetingHeld;
 * seed 004 盘锦: the office and the commission meet periodically and notify each other of important
 * matters): attendees, cases discussed, decisions, each linked to the act that carried it out.
 */
const spec = deciderSpec(createJointMeetingDecider());
const office: Actor = {
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const AT = '2026-06-10T15:00:00+08:00';
const record = (over: Partial<RecordJointMeeting> = {}): RecordJointMeeting => ({
  type: 'RecordJointMeeting',
  actor: office,
  at: AT,
  meetingId: 'jm-2026-2',
  regionId: 'panjin',
  heldOn: '2026-06-10',
  organisations: [
    { orgId: 'panjin.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin' },
    { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
  ],
  persons: ['市委法治办 王主任', '市纪委监委 李主任'],
  casesDiscussed: [
    { kind: 'clue', id: 'c-1' },
    { kind: 'clue', id: 'c-2' },
  ],
  decisions: [
    { decisionId: 'd-1', decisionType: 'Refer', text: '线索c-1移送市纪委监委', cases: [{ kind: 'clue', id: 'c-1' }] },
    { decisionId: 'd-2', decisionType: 'Escalate', text: '对大洼区零移送约谈', cases: [{ kind: 'clue', id: 'c-2' }] },
  ],
  ...over,
});
const link = (decisionId: string, kind: 'referral' | 'escalation', id: string) => ({
  type: 'LinkMeetingDecision' as const,
  actor: office,
  at: AT,
  meetingId: 'jm-2026-2',
  decisionId,
  act: { kind, id },
});

describe('联席会议 (issue 17; DOMAIN.md §1.2 JointMeeting, seed 004)', () => {
  it('records who attended, the cases discussed and the decisions, on the day it was held', () => {
    const state = spec.given([]).when(record()).thenState();
    expect(state.recorded).toMatchObject({ heldOn: '2026-06-10', persons: ['市委法治办 王主任', '市纪委监委 李主任'] });
    expect(state.recorded?.decisions.map((d) => d.decisionType)).toEqual(['Refer', 'Escalate']);
  });

  it('the commission records it too; an agency may not; both sides must attend', () => {
    const ccdi: Actor = { ...office, role: 'DisciplineCommission', orgId: 'panjin.ccdi' };
    spec
      .given([])
      .when(record({ actor: ccdi }))
      .thenEvents();
    spec
      .given([])
      .when(record({ actor: { ...office, role: 'EnforcementAgency' } }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given([])
      .when(record({ organisations: [{ orgId: 'panjin.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin' }] }))
      .thenError('Validation', 'MEETING.BOTH_SIDES_REQUIRED');
  });

  it('a decision moves only cases the meeting discussed; the meeting is not dated in the future', () => {
    spec
      .given([])
      .when(
        record({
          decisions: [{ decisionId: 'd-9', decisionType: 'Refer', text: 'x', cases: [{ kind: 'clue', id: 'c-9' }] }],
        }),
      )
      .thenError('Validation', 'MEETING.CASE_NOT_DISCUSSED');
    spec
      .given([])
      .when(record({ heldOn: '2026-06-11' }))
      .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
  });

  it('links 移送 to the referral sent after it and 督办 to the escalation; not the other way round, not twice', () => {
    const held = spec.given([]).when(record()).thenEvents();
    const linked = spec
      .given(held)
      .when(link('d-1', 'referral', 'r-7'))
      .thenEvents();
    expect(
      spec
        .given([...held, ...linked])
        .when(link('d-2', 'escalation', 'oe-3'))
        .thenState().links,
    ).toEqual([
      { decisionId: 'd-1', act: { kind: 'referral', id: 'r-7' } },
      { decisionId: 'd-2', act: { kind: 'escalation', id: 'oe-3' } },
    ]);
    spec
      .given(held)
      .when(link('d-1', 'escalation', 'oe-3'))
      .thenError('Validation', 'MEETING.ACT_DOES_NOT_FIT');
    spec
      .given([...held, ...linked])
      .when(link('d-1', 'referral', 'r-7'))
      .thenError('Conflict', 'MEETING.ACT_ALREADY_LINKED');
    spec
      .given(held)
      .when(link('d-5', 'referral', 'r-7'))
      .thenError('NotFound', 'MEETING.DECISION_NOT_FOUND');
    spec
      .given([])
      .when(link('d-1', 'referral', 'r-7'))
      .thenError('NotFound', 'MEETING.NOT_FOUND');
  });

  it('is read by the office and commission of a covering region, the party leadership and the auditor', () => {
    const state = spec.given([]).when(record()).thenState();
    expect(canSeeJointMeeting({ role: 'DisciplineCommission', regionId: 'panjin' }, state)).toBe(true);
    expect(canSeeJointMeeting({ role: 'Auditor', regionId: '' }, state)).toBe(true);
    expect(canSeeJointMeeting({ role: 'RuleOfLawOffice', regionId: 'panjin/dawa' }, state)).toBe(false);
    expect(canSeeJointMeeting({ role: 'EnforcementAgency', regionId: 'panjin' }, state)).toBe(false);
  });
});
