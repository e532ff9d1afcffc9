import { Deadline } from '@xj/domain';
import { CalendarChange, planRecomputes, recomputeCommandId } from './deadline-recompute.plan';

const change: CalendarChange = {
  eventId: 'evt-2027',
  year: 2027,
  source: 'test table (not an official notice)',
  at: '2027-01-04T10:00:00+08:00',
  by: { userId: 'u-admin', role: 'Administrator', orgId: 'panjin.it' },
};

// As the domain counts them (deadline-policy.spec.ts, deadline-recompute.spec.ts):
// 行政复议法 art. 76: 60 days from 2026-12-07 end on 2027-02-05 with no 2027 table (provisional).
const art76: Deadline = {
  rule: 'ReconsiderationOpinionCorrection',
  from: '2026-12-07',
  amount: 60,
  unit: 'Days',
  dueOn: '2027-02-05',
  provisional: true,
};
// 10 working days from 2026-12-01 end inside 2026 (not provisional).
const inTime: Deadline = {
  rule: 'ResultFeedback',
  from: '2026-12-01',
  amount: 10,
  unit: 'WorkingDays',
  dueOn: '2026-12-15',
};
// 3 months from 2027-11-15 end in 2028: provisional, and reaches 2027 and 2028.
const lookBack: Deadline = {
  rule: 'LookBack',
  from: '2027-11-15',
  amount: 3,
  unit: 'Months',
  dueOn: '2028-02-15',
  provisional: true,
};

describe('planning the recount when a year’s table arrives (issue 15 §4)', () => {
  it('plans one command per open provisional deadline reaching the year, none for the rest', () => {
    expect([art76.provisional, inTime.provisional, lookBack.provisional]).toEqual([true, undefined, true]);
    const planned = planRecomputes(change, [
      { kind: 'clue', caseId: 'c-1', open: { deadline: art76, planDeadline: inTime, transferDeadline: undefined } },
      { kind: 'rectification', caseId: 'i-1', open: { deadline: undefined, lookBackDue: lookBack } },
      { kind: 'referral', caseId: 'r-1', open: {} },
    ]);
    expect(planned.map((p) => [p.kind, p.caseId, p.command])).toEqual([
      [
        'clue',
        'c-1',
        {
          type: 'RecomputeDeadline',
          actor: {
            userId: 'process:deadline-recompute',
            role: 'Administrator',
            position: 'Head',
            orgId: 'panjin.it',
            regionId: '',
          },
          at: change.at,
          clueId: 'c-1',
          slot: 'deadline',
          rule: 'ReconsiderationOpinionCorrection',
          cause: { year: 2027, calendarEventId: 'evt-2027', source: change.source },
        },
      ],
      ['rectification', 'i-1', expect.objectContaining({ itemId: 'i-1', slot: 'lookBackDue', rule: 'LookBack' })],
    ]);
  });

  it('skips a provisional deadline that does not reach the year set (only 2028 would move it)', () => {
    expect(
      planRecomputes({ ...change, year: 2026 }, [{ kind: 'clue', caseId: 'c-1', open: { deadline: lookBack } }]),
    ).toEqual([]);
  });

  it('gives the same command ids for the same case, slot, rule, year and calendar event — and others otherwise', () => {
    const cases = [{ kind: 'clue' as const, caseId: 'c-1', open: { deadline: art76 } }];
    const [once] = planRecomputes(change, cases);
    const [twice] = planRecomputes(change, cases);
    expect(once?.commandId).toBe(twice?.commandId);
    expect(once?.commandId).toBe(recomputeCommandId('clue', 'c-1', 'deadline', art76.rule, change));
    const [corrected] = planRecomputes({ ...change, eventId: 'evt-2027-corrected' }, cases);
    expect(corrected?.commandId).not.toBe(once?.commandId);
    const [otherCase] = planRecomputes(change, [{ ...cases[0], caseId: 'c-2' } as (typeof cases)[0]]);
    expect(otherCase?.commandId).not.toBe(once?.commandId);
  });
});
