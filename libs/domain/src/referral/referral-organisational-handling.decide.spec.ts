import { deciderSpec } from '@xj/testing';
import { DEADLINE_TIMER_USER_ID } from '../deadlines/deadline-alarm.messages';
import { openDeadlinesOfReferral } from '../deadlines/open-deadlines';
import { Actor } from '../shared/actor';
import { availableReferralCommands } from './referral.preconditions';
import {
  appointingHead,
  atAppointingAccepted,
  atCaseFiled,
  atDecided,
  cityCdiHead,
  cityCdiStaff,
  close,
  cmd,
  day,
  decider,
  eventsOf,
  feedBack,
  officeHead,
  stateOf,
} from './referral.fixtures-spec';

const spec = deciderSpec(decider);
const timer: Actor = {
  userId: DEADLINE_TIMER_USER_ID,
  role: 'Administrator',
  position: 'Head',
  orgId: 'system',
  regionId: '',
};
const entry = (outcome: string, decisionDate: string, subjectId = 's1') => ({
  subjectId,
  outcome,
  decisionDate,
  documentNo: `doc-${subjectId}-${outcome}`,
});
// 免职 decided Fri 2026-04-24 and 调整职务 Tue 2026-04-28, both recorded on day(60) = 2026-05-01.
const record = (
  outcomes = [
    entry('OrganisationalHandling.Removal', '2026-04-28'),
    entry('Accountability.OrganisationalAdjustment', '2026-04-24', 's2'),
  ],
  by = cityCdiStaff,
) => cmd('RecordOutcomes', by, day(60), { outcomes });
const decided = () => eventsOf([record()], atCaseFiled());
const done = (over: { documentNo?: string; doneOn?: string } = {}, at = day(70), by: Actor = cityCdiStaff) =>
  cmd('RecordOrganisationalHandlingDone', by, at, {
    documentNo: over.documentNo ?? '盘组任〔2026〕12号',
    ...(over.doneOn ? { doneOn: over.doneOn } : {}),
  });

describe('Referral — 组织处理 deadline ([S2] 中国共产党问责条例 art. 9: 组织调整或者组织处理 办理完毕 within 1 month)', () => {
  it('given a filed case, when outcomes include an organisational handling, then 1 month runs from the earliest such decision beside the feedback deadline', () => {
    const [event] = spec.given(atCaseFiled()).when(record()).thenEvents();
    // 2026-04-24 + 1 month = Sun 2026-05-24, moved to the next working day, Mon 2026-05-25.
    expect(event).toMatchObject({
      type: 'OutcomesAdded',
      data: {
        resultFeedbackDeadline: { rule: 'ResultFeedback' },
        organisationalHandlingDeadline: {
          rule: 'OrganisationalHandling',
          from: '2026-04-24',
          amount: 1,
          unit: 'Months',
          dueOn: '2026-05-25',
        },
      },
    });
  });

  it('starts none for outcomes the organisation department has nothing to carry out', () => {
    const [event] = spec
      .given(atCaseFiled())
      .when(record([entry('GovSanction.Demerit', '2026-04-28'), entry('Accountability.Circular', '2026-04-28')]))
      .thenEvents();
    expect(event?.type).toBe('OutcomesAdded');
    expect(event?.data).not.toHaveProperty('organisationalHandlingDeadline');
    expect(openDeadlinesOfReferral(stateOf(eventsOf([], atDecided()))).map((d) => d.rule)).toEqual(['ResultFeedback']);
  });

  it('runs beside result feedback and past closure, for the organisation that holds the referral', () => {
    const fedBackAndClosed = stateOf(eventsOf([feedBack(), close()], decided()));
    expect(openDeadlinesOfReferral(stateOf(decided()))).toEqual([
      { rule: 'ResultFeedback', from: '2026-05-01', dueOn: expect.any(String), responsibleOrgId: 'panjin.cdi' },
      { rule: 'OrganisationalHandling', from: '2026-04-24', dueOn: '2026-05-25', responsibleOrgId: 'panjin.cdi' },
    ]);
    expect(fedBackAndClosed.status).toBe('Closed');
    expect(openDeadlinesOfReferral(fedBackAndClosed)).toEqual([
      { rule: 'OrganisationalHandling', from: '2026-04-24', dueOn: '2026-05-25', responsibleOrgId: 'panjin.cdi' },
    ]);
  });

  it('fires the 逾期 step the first working day after it is due, also on a closed referral', () => {
    const [event] = spec
      .given(eventsOf([feedBack(), close()], decided()))
      .when(
        cmd('FireDeadlineAlarm', timer, '2026-05-26T08:00:00+08:00', {
          rule: 'OrganisationalHandling',
          dueOn: '2026-05-25',
          step: 'missed',
        }),
      )
      .thenEvents();
    expect(event).toMatchObject({
      type: 'DeadlineMissed',
      data: { rule: 'OrganisationalHandling', dueOn: '2026-05-25', responsibleOrgId: 'panjin.cdi' },
    });
  });

  it('when carried out, records the document and the day and ends the deadline, leaving the status', () => {
    spec
      .given(decided())
      .when(done({ doneOn: '2026-05-08' }))
      .then([
        {
          type: 'OrganisationalHandlingCarriedOut',
          data: {
            at: day(70),
            by: { userId: cityCdiStaff.userId, role: cityCdiStaff.role, orgId: cityCdiStaff.orgId },
            documentNo: '盘组任〔2026〕12号',
            doneOn: '2026-05-08',
          },
        },
      ]);
    const after = stateOf(eventsOf([done()], decided()));
    expect(after).toMatchObject({ status: 'Decided', organisationalHandling: { doneOn: '2026-05-11' } });
    expect(openDeadlinesOfReferral(after).map((d) => d.rule)).toEqual(['ResultFeedback']);
  });

  it('is extended like the other deadlines (延期): the holder asks, its head approves', () => {
    const extended = stateOf(
      eventsOf(
        [
          cmd('RequestDeadlineExtension', cityCdiStaff, day(61), {
            rule: 'OrganisationalHandling',
            requestId: 'ext-1',
            proposedDueOn: '2026-06-25',
            reason: '任免程序需经常委会研究',
          }),
          cmd('ApproveDeadlineExtension', cityCdiHead, day(62), { requestId: 'ext-1', opinion: '同意' }),
        ],
        decided(),
      ),
    );
    expect(extended.status !== 'None' && extended.organisationalHandlingDeadline?.dueOn).toBe('2026-06-25');
  });

  it('walks the appointing-authority path: it decides and carries out itself', () => {
    const events = eventsOf(
      [
        record([entry('OrganisationalHandling.Removal', '2026-04-28')], appointingHead),
        done({}, day(70), appointingHead),
      ],
      atAppointingAccepted(),
    );
    expect(stateOf(events)).toMatchObject({ organisationalHandling: { documentNo: '盘组任〔2026〕12号' } });
  });

  it('is in the action list of the holder only while the deadline runs', () => {
    expect(availableReferralCommands(stateOf(decided()), cityCdiStaff)).toContain('RecordOrganisationalHandlingDone');
    expect(availableReferralCommands(stateOf(eventsOf([feedBack(), close()], decided())), cityCdiStaff)).toContain(
      'RecordOrganisationalHandlingDone',
    );
    expect(availableReferralCommands(stateOf(atDecided()), cityCdiStaff)).not.toContain(
      'RecordOrganisationalHandlingDone',
    );
    expect(availableReferralCommands(stateOf(decided()), officeHead)).not.toContain('RecordOrganisationalHandlingDone');
  });

  it('refuses a second record, none due, a day after today or before the decision, no document, and the office', () => {
    spec
      .given(eventsOf([done()], decided()))
      .when(done({}, day(71)))
      .thenError('Conflict', 'REFERRAL.NO_ORGANISATIONAL_HANDLING_DUE');
    spec.given(atDecided()).when(done()).thenError('Conflict', 'REFERRAL.NO_ORGANISATIONAL_HANDLING_DUE');
    spec
      .given(decided())
      .when(done({ doneOn: '2026-05-12' }))
      .thenError('Validation', 'REFERRAL.DONE_ON_OUT_OF_RANGE');
    spec
      .given(decided())
      .when(done({ doneOn: '2026-04-23' }))
      .thenError('Validation', 'REFERRAL.DONE_ON_OUT_OF_RANGE');
    spec
      .given(decided())
      .when(done({ documentNo: '' }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    spec
      .given(decided())
      .when(done({}, day(70), officeHead))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given(atCaseFiled()).when(done()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
  });
});
