import { ClueCommand } from '../clue/clue.commands';
import { createClueDecider } from '../clue/clue.decider';
import { ClueEvent } from '../clue/clue.events';
import { ClueState } from '../clue/clue.state';
import { DeadlineExtensionApprovedData, DeadlineResumedData } from '../deadline-change/deadline-change.types';
import { createDomainConfig } from '../domain-config';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { DomainError, isDomainError } from '../shared/domain-error';
import { BusinessCalendar } from './business-calendar';
import { DEFAULT_DEADLINE_POLICY, computeDeadline } from './deadline-policy';
import { DeadlineRecomputedData } from './deadline-recompute';
import { HolidayYear, PRC_2026 } from './prc-holidays';

/**
 * A recount (issue 15 §4) of a deadline that 延期 / 中止 (issue 15 §2) moved: it counts from the
 * last change, never from the original start, so an approved extension or a resumption survives
 * the arrival of the year's table; a paused deadline is not recounted; a pending request follows.
 */

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  makeUpWorkdays: ['2027-01-02'],
};
const shipped = new BusinessCalendar([PRC_2026]);
const with2027 = new BusinessCalendar([PRC_2026, TEST_2027]);

let calendar = shipped;
const decider = createClueDecider(createDomainConfig({ calendarSource: { current: () => calendar } }));
beforeEach(() => {
  calendar = shipped;
});

const actor = (userId: string, role: Actor['role'], position: Actor['position'], orgId: string): Actor => ({
  userId,
  role,
  position,
  orgId,
  regionId: 'panjin/dawa',
});
const officeHead = actor('u-office-head', 'RuleOfLawOffice', 'Head', 'panjin.rol-office');
const agency = actor('u-agency', 'EnforcementAgency', 'Staff', 'dawa.emergency');
const admin = actor('u-admin', 'Administrator', 'Head', 'panjin.it');
const by = { userId: 'u-office', role: 'RuleOfLawOffice' as const, orgId: 'panjin.rol-office' };
const at = (date: string): string => `${date}T10:00:00+08:00`;
const RULE = 'ReconsiderationOpinionCorrection';

// 行政复议法 art. 76: 60 days from 2026-12-07 end on 2027-02-05 (除夕), counted on weekends alone;
// with the (test) 2027 table they end on 2027-02-09.
const art76 = computeDeadline(RULE, '2026-12-07', DEFAULT_DEADLINE_POLICY, shipped);
const supervised: ClueEvent[] = [
  {
    type: 'ClueRegistered',
    data: {
      at: at('2026-11-02'),
      by,
      clueId: 'c-1',
      regionId: 'panjin/dawa',
      ownerOrgId: 'panjin.rol-office',
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕12号',
      receivedAt: at('2026-11-02'),
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: 'summary',
      subjects: [],
      attachments: [],
    },
  } as ClueEvent,
  {
    type: 'SupervisionInstrumentIssued',
    data: {
      at: at('2026-12-07'),
      by,
      verificationReport: 'report',
      responsibleUnits: ['dawa.emergency'],
      instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕3号' },
      deadline: art76,
      planDeadline: computeDeadline('RectificationPlan', '2026-12-07', DEFAULT_DEADLINE_POLICY, shipped),
    },
  } as ClueEvent,
];

/** Runs the commands in turn on the clue, each against the history so far; throws on a refusal. */
const run = (history: readonly ClueEvent[], ...commands: Record<string, unknown>[]): ClueEvent[] => {
  const events = [...history];
  for (const command of commands) {
    const result = decide(events, command);
    if (isDomainError(result)) throw new Error(`${String(command['type'])} refused: ${result.code}`);
    events.push(...result);
  }
  return events;
};
const decide = (history: readonly ClueEvent[], command: Record<string, unknown>): ClueEvent[] | DomainError =>
  decider.decide({ clueId: 'c-1', ...command } as unknown as ClueCommand, fold(decider, history)) as
    ClueEvent[] | DomainError;
const stateOf = (events: readonly ClueEvent[]): ClueState => fold(decider, events);
const last = <T>(events: readonly ClueEvent[]): T => events.at(-1)?.data as T;

const request = (proposedDueOn: string) => ({
  type: 'RequestDeadlineExtension',
  actor: agency,
  at: at('2026-12-21'),
  requestId: 'x1',
  rule: RULE,
  proposedDueOn,
  reason: '需委托鉴定',
});
const approve = { type: 'ApproveDeadlineExtension', actor: officeHead, at: at('2026-12-22'), requestId: 'x1' };
const pause = { type: 'PauseDeadline', actor: officeHead, at: at('2026-12-21'), rule: RULE, reason: '等待鉴定' };
const resume = { type: 'ResumeDeadline', actor: officeHead, at: at('2026-12-28'), rule: RULE };
const recount = {
  type: 'RecomputeDeadline',
  actor: admin,
  at: at('2027-01-04'),
  slot: 'deadline',
  rule: RULE,
  cause: { year: 2027, calendarEventId: 'evt-2027', source: TEST_2027.source },
};

describe('a recount after 延期 / 中止', () => {
  it('keeps an approved extension: the granted date stays, only its flags are refreshed (not recounted from the start)', () => {
    const extended = run(supervised, request('2027-02-19'), approve);
    expect(last<DeadlineExtensionApprovedData>(extended).deadline).toMatchObject({
      dueOn: '2027-02-19',
      provisional: true,
    });
    calendar = with2027;
    const events = run(extended, recount);
    const data = last<DeadlineRecomputedData>(events);
    expect(data).toMatchObject({ fromDueOn: '2027-02-19', toDueOn: '2027-02-19' });
    expect(data.deadline).not.toHaveProperty('provisional');
    expect(data.deadline).toMatchObject({ originalDueOn: '2027-02-05', changes: [{ kind: 'Extended' }] });
    expect(stateOf(events).deadline?.dueOn).toBe('2027-02-19');
  });

  it('marks a resumption that runs into a year without a table provisional, and recounts it from the resumption', () => {
    const resumed = run(supervised, pause, resume);
    const { deadline, previousDueOn } = last<DeadlineResumedData>(resumed);
    expect(previousDueOn).toBe('2027-02-05');
    // The working days left at the pause day, counted on from the resumption day.
    const remaining = shipped.workingDaysBetween('2026-12-21', '2027-02-05');
    expect(deadline).toMatchObject({ dueOn: shipped.addWorkingDays('2026-12-28', remaining), provisional: true });
    calendar = with2027;
    const data = last<DeadlineRecomputedData>(run(resumed, recount));
    const expected = with2027.addWorkingDays('2026-12-28', remaining);
    // Not the original count from 2026-12-07 (2027-02-09): the pause's week is not lost.
    expect(expected).not.toBe('2027-02-09');
    expect(data).toMatchObject({ fromDueOn: deadline.dueOn, toDueOn: expected });
    expect(data.deadline).not.toHaveProperty('provisional');
    expect(data.deadline.changes?.map((c) => c.kind)).toEqual(['Paused', 'Resumed']);
  });

  it('refuses to recount a paused deadline: its clock stands still, and the resumption counts it', () => {
    const paused = run(supervised, pause);
    calendar = with2027;
    expect(decide(paused, recount)).toMatchObject({ kind: 'InvalidTransition', code: 'CLUE.DEADLINE_PAUSED' });
    const resumed = run(paused, resume);
    expect(last<DeadlineResumedData>(resumed).deadline).not.toHaveProperty('provisional');
  });

  it('lets the head decide an extension requested before the recount moved the date', () => {
    const requested = run(supervised, request('2027-02-19'));
    calendar = with2027;
    const recounted = run(requested, recount);
    expect(stateOf(recounted).deadlineRequests).toEqual([
      expect.objectContaining({ requestId: 'x1', dueOn: '2027-02-09', status: 'Pending' }),
    ]);
    const approved = run(recounted, { ...approve, at: at('2027-01-05') });
    expect(last<DeadlineExtensionApprovedData>(approved)).toMatchObject({
      previousDueOn: '2027-02-09',
      deadline: { dueOn: '2027-02-19', originalDueOn: '2027-02-09' },
    });
    // And no second request for the same deadline while the first awaits a decision.
    expect(decide(recounted, { ...request('2027-02-26'), requestId: 'x2' })).toMatchObject({
      code: 'DEADLINE.EXTENSION_PENDING',
    });
  });
});
