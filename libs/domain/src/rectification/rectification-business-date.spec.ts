import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { createDomainConfig } from '../domain-config';
import { RectificationCommand } from './rectification.commands';
import { createRectificationDecider } from './rectification.decider';
import { RectificationEvent } from './rectification.events';

/**
 * 业务日期 (issue 17 item 7) on rectification items: every act on an item carries the day it happened
 * (`occurredOn`), so that the ledger and the statistics count it in its business year, not on the day
 * it was entered. Here a whole 2024 item is entered on 10 March 2025 (a 整改台账 caught up later). A
 * stated day may not lie after the day of entry, before the item was assigned (its case began) nor
 * before the item's previous act; the item's own dates (due date, lateness, 回头看 date) count from it.
 */
const decider = createRectificationDecider(createDomainConfig());
const spec = deciderSpec(decider);

const actor = (userId: string, role: Actor['role'], position: Actor['position'], orgId: string): Actor => ({
  userId,
  role,
  position,
  orgId,
  regionId: 'panjin/dawa',
});
const bureauHead = actor('u-dawa-justice-head', 'JusticeBureau', 'Head', 'panjin.dawa.justice');
const agencyHead = actor('u-agency-head', 'EnforcementAgency', 'Head', 'panjin.dawa.emergency');

/** Every command is entered on 10 March 2025 (China time). */
const ENTERED = '2025-03-10T09:00:00+08:00';
const ITEM = 'item-2024-1';

const on = (occurredOn: string | undefined) => (occurredOn !== undefined ? { occurredOn } : {});
/** A new due date after the act: the end of 2024 for a 2024 act, else after the day of entry. */
const dueAfter = (occurredOn: string | undefined) =>
  occurredOn !== undefined && occurredOn < '2025-01-01' ? '2024-12-31' : '2025-06-30';
const assign = (occurredOn?: string, more: Record<string, unknown> = {}): RectificationCommand => ({
  type: 'AssignRectificationItem',
  actor: bureauHead,
  at: ENTERED,
  itemId: ITEM,
  clueId: 'clue-2024-7',
  regionId: 'panjin/dawa',
  agencyOrgId: agencyHead.orgId,
  mode: 'Deadline',
  issue: '行政处罚案卷未载明法律依据',
  measures: '逐案补正',
  dueDate: '2024-04-30',
  owner: '张局长',
  responsiblePerson: '李科长',
  clueReceivedOn: '2024-02-01',
  ...on(occurredOn),
  ...more,
});
const start = (occurredOn?: string): RectificationCommand => ({
  type: 'StartRectification',
  actor: agencyHead,
  at: ENTERED,
  itemId: ITEM,
  ...on(occurredOn),
});
const report = (occurredOn?: string): RectificationCommand => ({
  type: 'ReportRectification',
  actor: agencyHead,
  at: ENTERED,
  itemId: ITEM,
  report: '已补正',
  evidence: ['整改报告'],
  ...on(occurredOn),
});
const evaluate = (occurredOn?: string, result: 'Pass' | 'Fail' = 'Pass'): RectificationCommand => ({
  type: 'EvaluateRectification',
  actor: bureauHead,
  at: ENTERED,
  itemId: ITEM,
  method: 'Document',
  result,
  notes: '书面评估',
  ...(result === 'Fail' ? { failureReasons: ['案卷仍缺依据'] } : {}),
  ...on(occurredOn),
});
const close = (occurredOn?: string): RectificationCommand => ({
  type: 'CloseItem',
  actor: bureauHead,
  at: ENTERED,
  itemId: ITEM,
  ...on(occurredOn),
});
const reopen = (occurredOn?: string): RectificationCommand => ({
  type: 'ReopenItem',
  actor: bureauHead,
  at: ENTERED,
  itemId: ITEM,
  reasons: ['未整改到位'],
  newDueDate: dueAfter(occurredOn),
  ...on(occurredOn),
});
const schedule = (occurredOn?: string): RectificationCommand => ({
  type: 'ScheduleLookBack',
  actor: bureauHead,
  at: ENTERED,
  itemId: ITEM,
  lookBackOn: dueAfter(occurredOn),
  ...on(occurredOn),
});
const lookBack = (occurredOn?: string, result: 'Pass' | 'Fail' = 'Pass'): RectificationCommand => ({
  type: 'CompleteLookBack',
  actor: bureauHead,
  at: ENTERED,
  itemId: ITEM,
  method: 'OnSite',
  result,
  notes: '实地回头看',
  ...(result === 'Fail' ? { reasons: ['问题反弹'], newDueDate: dueAfter(occurredOn) } : {}),
  ...on(occurredOn),
});

const eventsOf = (commands: readonly RectificationCommand[]): RectificationEvent[] => {
  const events: RectificationEvent[] = [];
  for (const command of commands) {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`setup: ${command.type} rejected: ${result.code}`);
    events.push(...result);
  }
  return events;
};

/** The item's 2024 history up to each act; the last act in each is on the date given. */
const assigned = () => eventsOf([assign('2024-03-04')]);
const started = () => eventsOf([assign('2024-03-04'), start('2024-03-05')]);
const reported = () => eventsOf([assign('2024-03-04'), start('2024-03-05'), report('2024-04-15')]);
const evaluated = (result: 'Pass' | 'Fail' = 'Pass') =>
  eventsOf([assign('2024-03-04'), start('2024-03-05'), report('2024-04-15'), evaluate('2024-04-20', result)]);
const closed = () =>
  eventsOf([
    assign('2024-03-04'),
    start('2024-03-05'),
    report('2024-04-15'),
    evaluate('2024-04-20'),
    close('2024-05-06'),
  ]);

/** Each act: its history, its command on a given day, and the last act's day it may not precede. */
const ACTS = [
  { name: 'StartRectification', given: assigned, when: start, previous: '2024-03-04' },
  { name: 'ReportRectification', given: started, when: report, previous: '2024-03-05' },
  { name: 'EvaluateRectification', given: reported, when: evaluate, previous: '2024-04-15' },
  { name: 'CloseItem', given: () => evaluated(), when: close, previous: '2024-04-20' },
  { name: 'ReopenItem', given: () => evaluated('Fail'), when: reopen, previous: '2024-04-20' },
  { name: 'ScheduleLookBack', given: closed, when: schedule, previous: '2024-05-06' },
  { name: 'CompleteLookBack', given: closed, when: lookBack, previous: '2024-05-06' },
] as const;

describe.each(ACTS)('$name with its business date', ({ given, when, previous }) => {
  it('records the day it happened on its event', () => {
    const events = spec.given(given()).when(when('2024-06-28')).thenEvents();
    expect(events.map((e) => (e.data as { occurredOn?: string }).occurredOn)).toEqual(events.map(() => '2024-06-28'));
    expect(events[0]?.data.at).toBe(ENTERED);
  });

  it('records nothing more when entered on its day (the event reads as before)', () => {
    const events = spec.given(given()).when(when(undefined)).thenEvents();
    expect(events.every((e) => !Object.hasOwn(e.data, 'occurredOn'))).toBe(true);
  });

  it('accepts the day of entry and refuses a day after it', () => {
    expect(spec.given(given()).when(when('2025-03-10')).thenEvents().length).toBeGreaterThan(0);
    spec.given(given()).when(when('2025-03-11')).thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
  });

  it('refuses a day before the item was assigned (its case began)', () => {
    spec.given(given()).when(when('2024-03-03')).thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
  });

  it('accepts the day of the previous act and refuses a day before it', () => {
    expect(spec.given(given()).when(when(previous)).thenEvents().length).toBeGreaterThan(0);
    const dayBefore = new Date(Date.parse(`${previous}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (dayBefore >= '2024-03-04') {
      spec.given(given()).when(when(dayBefore)).thenError('Validation', 'BUSINESS_DATE.BEFORE_PREVIOUS_ACT');
    }
  });

  it('refuses what is not a date', () => {
    spec.given(given()).when(when('2024-02-30')).thenError('Validation', 'VALIDATION.DATE');
  });
});

describe('AssignRectificationItem with its business date', () => {
  it('records the day of assignment and counts the due date from it, not from the day of entry', () => {
    const [event] = spec.given([]).when(assign('2024-03-04')).thenEvents();
    expect(event?.data).toMatchObject({ occurredOn: '2024-03-04', at: ENTERED });
    // A due date before the day of entry is fine when it follows the day of assignment.
    expect(event?.type === 'RectificationItemAssigned' && event.data.deadline).toMatchObject({
      from: '2024-03-04',
      dueOn: '2024-04-30',
    });
  });

  it('refuses a day after the day of entry, before the clue was received, and a due date before the assignment', () => {
    spec.given([]).when(assign('2025-03-11')).thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
    spec.given([]).when(assign('2024-01-31')).thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    spec.given([]).when(assign('2024-05-02')).thenError('Validation', 'RECTIFICATION.DATE_IN_PAST');
    spec.given([]).when(assign('2024-13-01')).thenError('Validation', 'VALIDATION.DATE');
  });

  it('without a business date keeps refusing a due date before the day of entry', () => {
    spec.given([]).when(assign(undefined)).thenError('Validation', 'RECTIFICATION.DATE_IN_PAST');
  });

  it('立行立改 without a due date is due on its business day (or the next working day)', () => {
    const [event] = spec
      .given([])
      .when(assign('2024-03-04', { mode: 'Immediate', dueDate: undefined }))
      .thenEvents();
    expect(event?.type === 'RectificationItemAssigned' && event.data.deadline?.dueOn).toBe('2024-03-04');
  });
});

describe('the item dates that count from the act', () => {
  it('a report is late by the day it was made, not the day it was entered', () => {
    const [inTime] = spec.given(started()).when(report('2024-04-15')).thenEvents();
    expect(inTime?.data).toMatchObject({ late: false });
    const [enteredLate] = spec.given(started()).when(report(undefined)).thenEvents();
    expect(enteredLate?.data).toMatchObject({ late: true });
  });

  it('the 回头看 falls due three months after the 销号 day', () => {
    const [event] = spec.given(evaluated()).when(close('2024-05-06')).thenEvents();
    expect(event?.type === 'ItemClosed' && event.data.lookBackDue).toMatchObject({ from: '2024-05-06' });
    expect(event?.type === 'ItemClosed' && event.data.lookBackDue.dueOn.slice(0, 7)).toBe('2024-08');
  });

  it('a failed look-back reopens the item on the same day, with a due date counted from it', () => {
    const events = spec.given(closed()).when(lookBack('2024-09-02', 'Fail')).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['LookBackCompleted', 'RectificationReopened']);
    expect(events[1]?.data).toMatchObject({ occurredOn: '2024-09-02' });
    expect(events[1]?.type === 'RectificationReopened' && events[1].data.deadline).toMatchObject({
      from: '2024-09-02',
      dueOn: '2024-12-31',
    });
  });

  it('a look-back entered after a round scheduled it may still be dated before the scheduling', () => {
    const history = [...closed(), ...spec.given(closed()).when(schedule(undefined)).thenEvents()];
    expect(spec.given(history).when(lookBack('2024-09-02')).thenEvents()[0]?.data).toMatchObject({
      occurredOn: '2024-09-02',
    });
  });
});
