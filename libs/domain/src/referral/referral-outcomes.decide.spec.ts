import fc from 'fast-check';
import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { isDomainError } from '../shared/domain-error';
import { ReferralEvent } from './referral.events';
import { DecidedOutcomeEntry } from './referral.model';
import { availableReferralCommands } from './referral.preconditions';
import { ExistingReferral, ReferralState } from './referral.state';
import { outcomesOfSubject } from './subject-outcomes';
import {
  appointingHead,
  atAppointingAccepted,
  atCaseFiled,
  cityCdiStaff,
  cmd,
  countyCdiStaff,
  day,
  decider,
  eventsOf,
  feedBack,
  stateOf,
} from './referral.fixtures-spec';

/**
 * Issue 17 §5 — outcomes accumulate per subject over time, each with who decided it and when
 * (DOMAIN.md §7: "one subject person can receive several"; a 组织处理 is decided by the party
 * committee / 组织部 on the commission's proposal, [S2] 问责条例 art. 9); the result is fed back
 * (R12, 重庆 art. 20) once the holder declares them complete.
 */

const spec = deciderSpec(decider);
const ORG_DEPT = { kind: 'OrganisationDept', orgId: 'panjin.org-dept' } as const;
const COMMISSION = { kind: 'DisciplineCommission', orgId: 'panjin.cdi' } as const;

const entry = (
  subjectId: string,
  outcome: string,
  decisionDate: string,
  decidedBy?: DecidedOutcomeEntry['decidedBy'],
): DecidedOutcomeEntry => ({
  subjectId,
  outcome,
  decisionDate,
  documentNo: `doc-${subjectId}-${outcome}`,
  ...(decidedBy ? { decidedBy } : {}),
});
const record = (outcomes: readonly DecidedOutcomeEntry[], complete?: boolean, at = day(60), by: Actor = cityCdiStaff) =>
  cmd('RecordOutcomes', by, at, { outcomes, ...(complete === undefined ? {} : { complete }) });
const completeOutcomes = (at = day(75), by: Actor = cityCdiStaff) => cmd('CompleteOutcomes', by, at, {});

// The commission's 政务处分 on day(60) (Fri 2026-05-01), proposing 组织处理 to the 组织部 …
const first = record([entry('s1', 'GovSanction.Demerit', '2026-05-01')], false);
// … which decides the 免职 itself on Wed 2026-05-13 (day(72)), entered by the commission's 案管室.
const second = (complete?: boolean) =>
  record([entry('s1', 'OrganisationalHandling.Removal', '2026-05-13', ORG_DEPT)], complete, day(72));
const existing = (events: readonly ReferralEvent[]): ExistingReferral => {
  const state = stateOf(events);
  if (state.status === 'None') throw new Error('setup');
  return state;
};

describe('Referral — outcomes accumulate per subject until complete (issue 17 §5; DOMAIN.md §7; 重庆 art. 20)', () => {
  it('given the commission’s 政务处分 left open, when the 组织部’s 组织处理 is added later, then it accumulates with its deciding body and date (before: 409 REFERRAL.WRONG_STATE)', () => {
    const given = eventsOf([first], atCaseFiled());
    const [event] = spec.given(given).when(second(true)).thenEvents();
    expect(event).toMatchObject({
      type: 'OutcomesAdded',
      data: {
        complete: true,
        outcomes: [
          {
            subjectId: 's1',
            outcome: 'OrganisationalHandling.Removal',
            decisionDate: '2026-05-13',
            decidedBy: ORG_DEPT,
          },
        ],
        // 重庆 art. 20: 10 working days from the end of handling, day(72) = Wed 2026-05-13.
        resultFeedbackDeadline: { rule: 'ResultFeedback', from: '2026-05-13', dueOn: '2026-05-27' },
        // 问责条例 art. 9: 1 month from the 组织处理 decision.
        organisationalHandlingDeadline: { rule: 'OrganisationalHandling', from: '2026-05-13' },
      },
    });
    const state = spec.given(given).when(second(true)).thenState();
    expect(state).toMatchObject({ status: 'Decided', outcomesOpen: false });
    if (state.status === 'None') throw new Error('setup');
    expect(state.outcomes.map((o) => [o.outcome, o.decidedBy.kind, o.decisionDate])).toEqual([
      ['GovSanction.Demerit', 'DisciplineCommission', '2026-05-01'],
      ['OrganisationalHandling.Removal', 'OrganisationDept', '2026-05-13'],
    ]);
  });

  it('given outcomes recorded in one go (no flag), when the 组织部’s 组织处理 is added later, then it is added and the feedback deadline restarts from it (before: 409 REFERRAL.WRONG_STATE)', () => {
    const given = eventsOf([record([entry('s1', 'GovSanction.Demerit', '2026-05-01')])], atCaseFiled());
    const [event] = spec.given(given).when(second()).thenEvents();
    expect(event).toMatchObject({
      type: 'OutcomesAdded',
      data: { complete: true, resultFeedbackDeadline: { from: '2026-05-13' } },
    });
  });

  it('given outcomes left open, then no feedback deadline runs and feedback is refused with the subjects still without one', () => {
    const given = eventsOf([first], atCaseFiled());
    expect(existing(given)).toMatchObject({ status: 'Decided', outcomesOpen: true, deadline: undefined });
    const error = spec.given(given).when(feedBack()).thenError('Conflict', 'REFERRAL.OUTCOMES_NOT_COMPLETE');
    expect(error.details).toEqual({ subjectIdsWithoutOutcome: ['s2', 's3'] });
    expect(availableReferralCommands(existing(given), cityCdiStaff)).toEqual(
      expect.arrayContaining(['RecordOutcomes', 'CompleteOutcomes']),
    );
    expect(availableReferralCommands(existing(given), cityCdiStaff)).not.toContain('FeedBackResult');
  });

  it('given outcomes left open, when the holder declares them complete, then the feedback deadline starts and feedback lists every outcome per subject', () => {
    const given = eventsOf([first, second(false)], atCaseFiled());
    spec
      .given(given)
      .when(completeOutcomes())
      .then([
        {
          type: 'OutcomesCompleted',
          data: {
            at: day(75),
            by: { userId: 'u-cdi-staff', role: 'DisciplineCommission', orgId: 'panjin.cdi' },
            // Sat 2026-05-16 + 10 working days = Fri 2026-05-29.
            resultFeedbackDeadline: {
              rule: 'ResultFeedback',
              from: '2026-05-16',
              amount: 10,
              unit: 'WorkingDays',
              dueOn: '2026-05-29',
            },
          },
        },
      ]);
    const fedBack = eventsOf([completeOutcomes(), feedBack(cityCdiStaff, day(76))], given);
    expect(fedBack.at(-1)).toMatchObject({
      type: 'ResultFedBack',
      data: {
        perSubject: [
          {
            subjectId: 's1',
            outcomes: [{ outcome: 'GovSanction.Demerit' }, { outcome: 'OrganisationalHandling.Removal' }],
          },
          { subjectId: 's2', outcomes: [] },
          { subjectId: 's3', outcomes: [] },
        ],
      },
    });
  });

  it('declares complete only open outcomes, only by the holder, only before feedback', () => {
    const complete = eventsOf([first, second(true)], atCaseFiled());
    spec.given(complete).when(completeOutcomes()).thenError('Conflict', 'REFERRAL.OUTCOMES_ALREADY_COMPLETE');
    const open = eventsOf([first], atCaseFiled());
    spec
      .given(open)
      .when(completeOutcomes(day(75), countyCdiStaff))
      .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
    spec.given(atCaseFiled()).when(completeOutcomes()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
  });

  it('adds nothing after the result is fed back (a later outcome would need a new feedback)', () => {
    const fedBack = eventsOf([first, second(true), feedBack(cityCdiStaff, day(73))], atCaseFiled());
    spec
      .given(fedBack)
      .when(record([entry('s2', 'GovSanction.Warning', '2026-05-13')], true, day(74)))
      .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
  });

  it('refuses the same outcome twice for a person, an unknown deciding body and a non-boolean complete', () => {
    const given = eventsOf([first], atCaseFiled());
    spec
      .given(given)
      .when(record([entry('s1', 'GovSanction.Demerit', '2026-05-01', ORG_DEPT)], true, day(72)))
      .thenError('Validation', 'REFERRAL.DUPLICATE_OUTCOME');
    spec
      .given(given)
      .when(
        record(
          [entry('s1', 'OrganisationalHandling.Removal', '2026-05-13', { kind: 'Parliament' } as never)],
          true,
          day(72),
        ),
      )
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
    spec
      .given(given)
      .when({ ...second(), complete: 'yes' } as never)
      .thenError('Validation', 'VALIDATION.BOOLEAN');
  });

  it('a recording is complete unless it says otherwise: one recording still leads straight to feedback', () => {
    const given = eventsOf([record([entry('s1', 'GovSanction.Demerit', '2026-05-01')])], atCaseFiled());
    expect(existing(given)).toMatchObject({ outcomesOpen: false, deadline: { rule: 'ResultFeedback' } });
    expect(spec.given(given).when(feedBack()).thenEvents()[0]?.type).toBe('ResultFedBack');
  });

  it('an appointing authority accumulates too, the deciding body defaulting to itself', () => {
    const given = eventsOf(
      [record([entry('s1', 'GovSanction.Demerit', '2026-05-01')], false, day(60), appointingHead)],
      atAppointingAccepted(),
    );
    const state = spec
      .given(given)
      .when(record([entry('s2', 'GovSanction.Warning', '2026-05-01')], undefined, day(61), appointingHead))
      .thenState();
    if (state.status === 'None') throw new Error('setup');
    expect(state.outcomes.map((o) => o.decidedBy)).toEqual([
      { kind: 'AppointingAuthority', orgId: 'panjin.gov' },
      { kind: 'AppointingAuthority', orgId: 'panjin.gov' },
    ]);
    expect(state.outcomesOpen).toBe(false);
  });

  it('keeps the earliest 组织处理 running: a later one does not move it, an earlier one does', () => {
    const proposal = record([entry('s1', 'Accountability.OrganisationalAdjustment', '2026-05-01')], false);
    const given = eventsOf([proposal], atCaseFiled());
    expect(existing(given).organisationalHandlingDeadline?.from).toBe('2026-05-01');
    const [later] = spec.given(given).when(second(true)).thenEvents();
    expect(later?.data).not.toHaveProperty('organisationalHandlingDeadline');
    const [earlier] = spec
      .given(given)
      .when(record([entry('s2', 'OrganisationalHandling.Reassignment', '2026-04-28', ORG_DEPT)], true, day(72)))
      .thenEvents();
    expect(earlier?.data).toMatchObject({ organisationalHandlingDeadline: { from: '2026-04-28' } });
  });
});

describe('Referral — a stream written before outcomes accumulated still folds (issue 17 §5)', () => {
  // Exactly as the previous decider stored it: one OutcomesRecorded, no deciding body, no flag.
  const legacy: ReferralEvent = {
    type: 'OutcomesRecorded',
    data: {
      at: day(60),
      by: { userId: 'u-cdi-staff', role: 'DisciplineCommission', orgId: 'panjin.cdi' },
      outcomes: [
        {
          subjectId: 's1',
          outcome: 'GovSanction.Demerit',
          decisionDate: '2026-05-01',
          documentNo: '盘监处〔2026〕1号',
          layer: 'GovSanction',
          sanctionEndsOn: '2027-05-01',
        },
      ],
      resultFeedbackDeadline: {
        rule: 'ResultFeedback',
        from: '2026-05-01',
        amount: 10,
        unit: 'WorkingDays',
        dueOn: '2026-05-18',
      },
    },
  };

  it('given an old OutcomesRecorded, then it folds as a complete addition decided by the holder, and feedback may follow', () => {
    const given = [...atCaseFiled(), legacy];
    expect(existing(given)).toMatchObject({
      status: 'Decided',
      outcomesOpen: false,
      outcomes: [{ outcome: 'GovSanction.Demerit', decidedBy: COMMISSION }],
      deadline: { rule: 'ResultFeedback', dueOn: '2026-05-18' },
    });
    expect(spec.given(given).when(feedBack()).thenEvents()[0]?.type).toBe('ResultFedBack');
  });

  it('given an old OutcomesRecorded, when the 组织部’s outcome is added, then both count for the subject', () => {
    const state = spec
      .given([...atCaseFiled(), legacy])
      .when(second())
      .thenState();
    if (state.status === 'None') throw new Error('setup');
    expect(outcomesOfSubject(state.outcomes, 's1').map((o) => o.decidedBy.kind)).toEqual([
      'DisciplineCommission',
      'OrganisationDept',
    ]);
  });
});

describe('Referral — folding a subject’s outcomes is order-independent (issue 17 §5, property)', () => {
  const CODES = [
    'GovSanction.Demerit',
    'PartySanction.Warning',
    'OrganisationalHandling.Removal',
    'Accountability.Circular',
    'Admonishment',
  ];
  const BODIES = [COMMISSION, ORG_DEPT, { kind: 'PartyOrganisation' } as const];
  // One person gets each code at most once (REFERRAL.DUPLICATE_OUTCOME); s1 is a party member and official.
  const outcomeArb = fc.record({
    code: fc.constantFrom(...CODES),
    date: fc.integer({ min: 0, max: 30 }),
    body: fc.constantFrom(...BODIES),
    complete: fc.boolean(),
  });
  const batchesArb = fc
    .uniqueArray(outcomeArb, { minLength: 1, maxLength: CODES.length, selector: (o) => o.code })
    .chain((outcomes) =>
      fc.tuple(fc.constant(outcomes), fc.shuffledSubarray(outcomes, { minLength: outcomes.length })),
    );

  const foldInOrder = (outcomes: readonly { code: string; date: number; body: (typeof BODIES)[number] }[]) => {
    let events = atCaseFiled();
    outcomes.forEach((o, i) => {
      const decisionDate = day(30 + o.date).slice(0, 10);
      // Each addition from a separate recording, the last one completing.
      const command = record([entry('s1', o.code, decisionDate, o.body)], i === outcomes.length - 1, day(61 + i));
      const result = decider.decide(command, stateOf(events));
      if (isDomainError(result)) throw new Error(`${result.code}: ${result.message}`);
      events = [...events, ...result];
    });
    return stateOf(events);
  };
  const subjectView = (state: ReferralState) =>
    state.status === 'None'
      ? []
      : outcomesOfSubject(state.outcomes, 's1').map(({ outcome, decisionDate, documentNo, decidedBy, layer }) => ({
          outcome,
          decisionDate,
          documentNo,
          decidedBy,
          layer,
        }));

  it('given the same outcomes added in any order, then the subject’s outcomes and the feedback are the same', () => {
    fc.assert(
      fc.property(batchesArb, ([inOrder, shuffled]) => {
        const a = foldInOrder(inOrder);
        const b = foldInOrder(shuffled);
        expect(subjectView(b)).toEqual(subjectView(a));
        expect(subjectView(a)).toHaveLength(inOrder.length);
        const feedbackOf = (state: ReferralState) => {
          const result = decider.decide(feedBack(cityCdiStaff, day(80)), state);
          if (isDomainError(result)) throw new Error(result.code);
          return result[0]?.type === 'ResultFedBack' ? result[0].data.perSubject : undefined;
        };
        expect(feedbackOf(b)).toEqual(feedbackOf(a));
      }),
      { numRuns: 100 },
    );
  });
});
