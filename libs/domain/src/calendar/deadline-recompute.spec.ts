import { deciderSpec } from '@xj/testing';
import { ClueEvent } from '../clue/clue.events';
import { RecomputeClueDeadline } from '../clue/clue.commands';
import { createClueDecider } from '../clue/clue.decider';
import { ClueState } from '../clue/clue.state';
import { createDomainConfig } from '../domain-config';
import { RecomputeRectificationDeadline } from '../rectification/rectification.commands';
import { createRectificationDecider } from '../rectification/rectification.decider';
import { RectificationEvent } from '../rectification/rectification.events';
import { RecomputeReferralDeadline } from '../referral/referral.commands';
import { createReferralDecider } from '../referral/referral.decider';
import { ReferralEvent } from '../referral/referral.events';
import { ExistingReferral } from '../referral/referral.state';
import { Actor } from '../shared/actor';
import { BusinessCalendar } from './business-calendar';
import { DEFAULT_DEADLINE_POLICY, Deadline, computeDeadline, explicitDeadline } from './deadline-policy';
import { DeadlineRecomputeCause } from './deadline-recompute';
import { HolidayYear, PRC_2026 } from './prc-holidays';

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  makeUpWorkdays: ['2027-01-02'],
};
const shipped = new BusinessCalendar([PRC_2026]);
const with2027 = new BusinessCalendar([PRC_2026, TEST_2027]);

// The deciders read the calendar at decision time (DomainConfig.calendar through a source).
let calendar = with2027;
const config = createDomainConfig({ calendarSource: { current: () => calendar } });
beforeEach(() => {
  calendar = with2027;
});

const AT = '2027-01-04T10:00:00+08:00';
const actor = (role: Actor['role']): Actor => ({
  userId: `u-${role}`,
  role,
  position: 'Head',
  orgId: 'panjin.it',
  regionId: 'panjin',
});
const admin = actor('Administrator');
const by = { userId: 'u-office', role: 'RuleOfLawOffice' as const, orgId: 'panjin.rol-office' };
const cause: DeadlineRecomputeCause = { year: 2027, calendarEventId: 'evt-2027', source: TEST_2027.source };

// 行政复议法 art. 76: 60 days from 2026-12-07 end on 2027-02-05 (除夕), counted on weekends alone.
const art76 = computeDeadline('ReconsiderationOpinionCorrection', '2026-12-07', DEFAULT_DEADLINE_POLICY, shipped);
const plan = computeDeadline('RectificationPlan', '2026-12-07', DEFAULT_DEADLINE_POLICY, shipped);

const clueEvents: ClueEvent[] = [
  {
    type: 'ClueRegistered',
    data: {
      at: '2026-11-02T09:00:00+08:00',
      by,
      clueId: 'c-1',
      regionId: 'panjin/dawa',
      ownerOrgId: 'panjin.rol-office',
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕12号',
      receivedAt: '2026-11-02T09:00:00+08:00',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: 'summary',
      subjects: [],
      attachments: [],
    },
  } as ClueEvent,
  {
    type: 'SupervisionInstrumentIssued',
    data: {
      at: '2026-12-07T09:00:00+08:00',
      by,
      verificationReport: 'report',
      responsibleUnits: ['dawa.emergency'],
      instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕3号' },
      deadline: art76,
      planDeadline: plan,
    },
  } as ClueEvent,
];

const recomputeClue = (o: Partial<RecomputeClueDeadline> = {}): RecomputeClueDeadline => ({
  type: 'RecomputeDeadline',
  actor: admin,
  at: AT,
  clueId: 'c-1',
  slot: 'deadline',
  rule: 'ReconsiderationOpinionCorrection',
  cause,
  ...o,
});

describe('DeadlineRecomputed: a provisional deadline recounted when its year arrives (issue 15 §4)', () => {
  const clue = deciderSpec(createClueDecider(config));

  it('moves the art. 76 deadline off 除夕 (2027-02-05 → 2027-02-09) and says from what to what and why', () => {
    clue
      .given(clueEvents)
      .when(recomputeClue())
      .then([
        {
          type: 'DeadlineRecomputed',
          data: {
            at: AT,
            by: { userId: admin.userId, role: 'Administrator', orgId: admin.orgId },
            slot: 'deadline',
            rule: 'ReconsiderationOpinionCorrection',
            fromDueOn: '2027-02-05',
            toDueOn: '2027-02-09',
            deadline: {
              rule: 'ReconsiderationOpinionCorrection',
              from: '2026-12-07',
              amount: 60,
              unit: 'Days',
              dueOn: '2027-02-09',
            },
            cause,
          },
        },
      ]);
  });

  it('the clue then carries the new date, on its deadline and on the instrument that set it', () => {
    const state: ClueState = clue.given(clueEvents).when(recomputeClue()).thenState();
    expect(state.deadline).toMatchObject({ dueOn: '2027-02-09' });
    expect(state.deadline).not.toHaveProperty('provisional');
    expect(state.instrument?.deadline).toEqual(state.deadline);
    expect(state.status).toBe('Supervision');
  });

  it('records a recount that keeps the date but is no longer provisional', () => {
    // 10 working days from 2026-12-07 end in 2026 (not provisional); from 2026-12-24 they cross 2027-01-01.
    const feedback = computeDeadline('ResultFeedback', '2026-12-24', DEFAULT_DEADLINE_POLICY, shipped);
    expect(feedback).toMatchObject({ dueOn: '2027-01-07', provisional: true });
    const events: ClueEvent[] = [
      clueEvents[0] as ClueEvent,
      { ...(clueEvents[1] as ClueEvent), data: { ...(clueEvents[1]?.data as object), planDeadline: feedback } },
    ] as ClueEvent[];
    const [event] = clue
      .given(events)
      .when(recomputeClue({ slot: 'planDeadline', rule: 'ResultFeedback' }))
      .thenEvents();
    // With the test table 2027-01-01 is a holiday and Saturday 2027-01-02 a make-up working day.
    expect(event?.data).toMatchObject({ fromDueOn: '2027-01-07', toDueOn: '2027-01-07' });
    expect((event?.data as { deadline: Deadline }).deadline).not.toHaveProperty('provisional');
  });

  it('is refused once the deadline is no longer provisional: a second recount changes nothing', () => {
    const done = clue.given(clueEvents).when(recomputeClue()).thenEvents();
    clue
      .given([...clueEvents, ...done])
      .when(recomputeClue())
      .thenError('InvalidTransition', 'CLUE.DEADLINE_NOT_PROVISIONAL');
  });

  it('is refused when the deadline is no longer open (met, or replaced by another rule)', () => {
    const feedbackSent: ClueEvent = {
      type: 'RectificationFeedbackSubmitted',
      data: { at: '2027-01-20T09:00:00+08:00', by, report: 'done', evidence: [] },
    } as unknown as ClueEvent;
    clue
      .given([...clueEvents, feedbackSent])
      .when(recomputeClue())
      .thenError('InvalidTransition', 'CLUE.DEADLINE_NOT_OPEN');
    clue
      .given(clueEvents)
      .when(recomputeClue({ rule: 'ClueVerification' }))
      .thenError('InvalidTransition', 'CLUE.DEADLINE_NOT_OPEN');
    clue
      .given(clueEvents)
      .when(recomputeClue({ slot: 'constructor' }))
      .thenError('InvalidTransition', 'CLUE.DEADLINE_NOT_OPEN');
  });

  it('is refused while the calendar in force has no table for the year yet (the sender retries)', () => {
    calendar = shipped;
    clue.given(clueEvents).when(recomputeClue()).thenError('Conflict', 'CALENDAR.YEAR_NOT_LOADED');
  });

  it('is refused when the recount gives the same provisional deadline (it also depends on a missing 2028)', () => {
    // 回头看 3 months from 2027-11-15: 2028-02-15, provisional for want of 2028 whatever 2027 holds.
    const lookBack = computeDeadline('LookBack', '2027-11-15', DEFAULT_DEADLINE_POLICY, with2027);
    expect(lookBack).toMatchObject({ dueOn: '2028-02-15', provisional: true });
    const events = [
      clueEvents[0] as ClueEvent,
      { ...(clueEvents[1] as ClueEvent), data: { ...(clueEvents[1]?.data as object), deadline: lookBack } },
    ] as ClueEvent[];
    clue
      .given(events)
      .when(recomputeClue({ rule: 'LookBack' }))
      .thenError('InvalidTransition', 'CLUE.DEADLINE_UNCHANGED');
  });

  it('is for administrators (and the process acting for them) only: configuration is theirs', () => {
    clue
      .given(clueEvents)
      .when(recomputeClue({ actor: actor('RuleOfLawOffice') }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('is refused on a clue that does not exist', () => {
    clue.given([]).when(recomputeClue()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });
});

describe('DeadlineRecomputed on a referral', () => {
  const referral = deciderSpec(createReferralDecider(config));
  // 15 working days of 初步核实 from 2026-12-24 cross 2027-01-01.
  const disposal = computeDeadline('PreliminaryVerification', '2026-12-24', DEFAULT_DEADLINE_POLICY, shipped);
  const events: ReferralEvent[] = [
    {
      type: 'ReferralDrafted',
      data: {
        at: '2026-12-01T09:00:00+08:00',
        by,
        referralId: 'r-1',
        clueId: 'c-1',
        regionId: 'panjin',
        ownerOrgId: 'panjin.rol-office',
        package: {},
        rulebookVersion: 'v1',
        evaluation: {},
        discretionary: false,
        conditionsMetOn: '2026-12-01',
        transferDeadline: computeDeadline('TransferAfterConditionsMet', '2026-12-01', DEFAULT_DEADLINE_POLICY, shipped),
      },
    } as unknown as ReferralEvent,
    {
      type: 'DisposalDecided',
      data: { at: '2026-12-24T09:00:00+08:00', by, method: 'PreliminaryVerification', disposalDeadline: disposal },
    } as unknown as ReferralEvent,
  ];
  const recompute = (o: Partial<RecomputeReferralDeadline> = {}): RecomputeReferralDeadline => ({
    type: 'RecomputeDeadline',
    actor: admin,
    at: AT,
    referralId: 'r-1',
    slot: 'disposalDeadline',
    rule: 'PreliminaryVerification',
    cause,
    ...o,
  });

  it('moves the running disposal deadline and the referral’s current deadline with it', () => {
    expect(disposal).toMatchObject({ dueOn: '2027-01-14', provisional: true });
    const state = referral.given(events).when(recompute()).thenState() as ExistingReferral;
    expect(state.disposalDeadline).not.toHaveProperty('provisional');
    expect(state.deadline).toEqual(state.disposalDeadline);
  });

  it('is refused for a deadline that no longer runs (the transfer deadline was cleared at disposal)', () => {
    referral
      .given(events)
      .when(recompute({ slot: 'transferDeadline', rule: 'TransferAfterConditionsMet' }))
      .thenError('InvalidTransition', 'REFERRAL.DEADLINE_NOT_OPEN');
  });

  it('is refused on a referral that does not exist', () => {
    referral.given([]).when(recompute()).thenError('NotFound', 'REFERRAL.NOT_FOUND');
  });
});

describe('DeadlineRecomputed on a rectification item', () => {
  const item = deciderSpec(createRectificationDecider(config));
  // An explicit 整改时限 on 2027-02-05 (a Friday; a holiday in the test table) is kept, not moved.
  const due = explicitDeadline('InspectionFeedbackRectification', '2026-12-07', '2027-02-05', shipped);
  const assigned: RectificationEvent = {
    type: 'RectificationItemAssigned',
    data: {
      at: '2026-12-07T09:00:00+08:00',
      by,
      itemId: 'i-1',
      clueId: 'c-1',
      regionId: 'panjin/dawa',
      supervisorOrgId: 'panjin.rol-office',
      agencyOrgId: 'dawa.emergency',
      mode: 'Deadline',
      issue: 'issue',
      measures: 'measures',
      owner: 'owner',
      responsiblePerson: 'person',
      evidence: [],
      deadline: due,
    },
  };
  const recompute = (o: Partial<RecomputeRectificationDeadline> = {}): RecomputeRectificationDeadline => ({
    type: 'RecomputeDeadline',
    actor: admin,
    at: AT,
    itemId: 'i-1',
    slot: 'deadline',
    rule: 'InspectionFeedbackRectification',
    cause,
    ...o,
  });

  it('keeps an explicit date and flags it as a rest day once the table says so', () => {
    expect(due).toMatchObject({ dueOn: '2027-02-05', provisional: true });
    expect(due).not.toHaveProperty('nonWorkingDay');
    const [event] = item.given([assigned]).when(recompute()).thenEvents();
    expect(event?.data).toMatchObject({
      fromDueOn: '2027-02-05',
      toDueOn: '2027-02-05',
      deadline: { dueOn: '2027-02-05', nonWorkingDay: true },
    });
    const state = item.given([assigned]).when(recompute()).thenState();
    expect(state.deadline).toEqual({ ...due, provisional: undefined, nonWorkingDay: true });
  });

  it('is refused for the 回头看 date before the item is closed', () => {
    item
      .given([assigned])
      .when(recompute({ slot: 'lookBackDue', rule: 'LookBack' }))
      .thenError('InvalidTransition', 'RECTIFICATION.DEADLINE_NOT_OPEN');
  });
});
