import { deciderSpec } from '@xj/testing';
import { DEADLINE_TIMER_USER_ID } from '../deadlines/deadline-alarm.messages';
import { openDeadlinesOfReferral } from '../deadlines/open-deadlines';
import { Actor } from '../shared/actor';
import { availableReferralCommands } from './referral.preconditions';
import { atDisposing, cityCdiStaff, cmd, day, decider, eventsOf, officeHead, stateOf } from './referral.fixtures-spec';

const spec = deciderSpec(decider);
const talking = () => atDisposing('TalkOrInquiryLetter');
const held = (over: { form?: 'Talk' | 'WrittenReply'; heldOn?: string } = {}, at = day(10), actor = cityCdiStaff) =>
  cmd('RecordTalkOrInquiryHeld', actor, at, {
    form: over.form ?? 'Talk',
    ...(over.heldOn ? { heldOn: over.heldOn } : {}),
  });
const timer: Actor = {
  userId: DEADLINE_TIMER_USER_ID,
  role: 'Administrator',
  position: 'Head',
  orgId: 'system',
  regionId: '',
};

describe('Referral — 谈话函询 conclusion deadline (R8; [S2] 西乡: conclude within 30 days of the talk or reply)', () => {
  it('given a talk decided, when the talk is held, then the start deadline is met and the 30-day conclusion runs from that day', () => {
    // Talk held Thu 2026-03-12; 30 days end Sat 2026-04-11, moved to the next working day, Mon 2026-04-13.
    spec
      .given(talking())
      .when(held())
      .then([
        {
          type: 'TalkOrInquiryHeld',
          data: {
            at: day(10),
            by: { userId: cityCdiStaff.userId, role: cityCdiStaff.role, orgId: cityCdiStaff.orgId },
            form: 'Talk',
            heldOn: '2026-03-12',
            disposalDeadline: {
              rule: 'TalkOrInquiryConclusion',
              from: '2026-03-12',
              amount: 30,
              unit: 'Days',
              dueOn: '2026-04-13',
            },
          },
        },
      ]);
  });

  it('counts from the day the written reply arrived when it is logged later', () => {
    const [event] = spec
      .given(talking())
      .when(held({ form: 'WrittenReply', heldOn: '2026-03-10' }))
      .thenEvents();
    // 2026-03-10 + 30 days = Thu 2026-04-09, a working day.
    expect(event?.data).toMatchObject({
      form: 'WrittenReply',
      heldOn: '2026-03-10',
      disposalDeadline: { rule: 'TalkOrInquiryConclusion', from: '2026-03-10', dueOn: '2026-04-09' },
    });
  });

  it("puts the conclusion in the referral's state, so its timer and ladder run for the commission that holds it", () => {
    const before = stateOf(talking());
    expect(openDeadlinesOfReferral(before).map((d) => d.rule)).toEqual(['TalkOrInquiryStart']);
    const after = stateOf(eventsOf([held()], talking()));
    expect(openDeadlinesOfReferral(after)).toEqual([
      { rule: 'TalkOrInquiryConclusion', from: '2026-03-12', dueOn: '2026-04-13', responsibleOrgId: 'panjin.cdi' },
    ]);
    expect(after.status === 'Disposing' && after.disposal?.held).toEqual({ form: 'Talk', on: '2026-03-12' });
  });

  it('fires the 逾期 step of the conclusion the first working day after it is due', () => {
    const [event] = spec
      .given(eventsOf([held()], talking()))
      .when(
        cmd('FireDeadlineAlarm', timer, '2026-04-14T08:00:00+08:00', {
          rule: 'TalkOrInquiryConclusion',
          dueOn: '2026-04-13',
          step: 'missed',
        }),
      )
      .thenEvents();
    expect(event).toMatchObject({
      type: 'DeadlineMissed',
      data: { rule: 'TalkOrInquiryConclusion', dueOn: '2026-04-13', responsibleOrgId: 'panjin.cdi' },
    });
  });

  it('ends the conclusion deadline when the talk or inquiry is completed (the feedback deadline follows)', () => {
    const done = stateOf(
      eventsOf(
        [cmd('CompleteTalkOrInquiry', cityCdiStaff, day(20), { record: '谈话记录', problemsSurfaced: false })],
        eventsOf([held()], talking()),
      ),
    );
    expect(openDeadlinesOfReferral(done).map((d) => d.rule)).toEqual(['ResultFeedback']);
  });

  it('is in the action list of the commission while the talk awaits, and no longer once recorded', () => {
    expect(availableReferralCommands(stateOf(talking()), cityCdiStaff)).toContain('RecordTalkOrInquiryHeld');
    expect(availableReferralCommands(stateOf(eventsOf([held()], talking())), cityCdiStaff)).not.toContain(
      'RecordTalkOrInquiryHeld',
    );
    expect(availableReferralCommands(stateOf(talking()), officeHead)).not.toContain('RecordTalkOrInquiryHeld');
  });

  it('refuses a second record, a day after today or before the decision, a bad form, another method and the office', () => {
    spec
      .given(eventsOf([held()], talking()))
      .when(held({}, day(11)))
      .thenError('Conflict', 'REFERRAL.TALK_ALREADY_HELD');
    spec
      .given(talking())
      .when(held({ heldOn: '2026-03-13' }))
      .thenError('Validation', 'REFERRAL.HELD_ON_OUT_OF_RANGE');
    spec
      .given(talking())
      .when(held({ heldOn: '2026-03-08' }))
      .thenError('Validation', 'REFERRAL.HELD_ON_OUT_OF_RANGE');
    spec
      .given(talking())
      .when(held({ form: 'Phone' as never }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
    spec
      .given(atDisposing('PreliminaryVerification'))
      .when(held())
      .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    spec
      .given(talking())
      .when(held({}, day(10), officeHead))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });
});
