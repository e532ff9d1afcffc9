import { createDomainConfig } from '../domain-config';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { AssignRectificationItem, RectificationCommand } from '../rectification/rectification.commands';
import { createRectificationDecider } from '../rectification/rectification.decider';
import { RectificationEvent } from '../rectification/rectification.events';
import { DEADLINE_TIMER_USER_ID } from './deadline-alarm.messages';
import { AlarmStep } from './escalation-ladder';
import { openDeadlinesOfRectification } from './open-deadlines';
import { availableRectificationCommands } from '../rectification/rectification.preconditions';

const config = createDomainConfig();
const decider = createRectificationDecider(config);

const person = (userId: string, role: Actor['role'], position: Actor['position'], orgId: string): Actor => ({
  userId,
  role,
  position,
  orgId,
  regionId: 'panjin/dawa',
});
const bureau = person('u-bureau', 'JusticeBureau', 'Staff', 'panjin.dawa.justice');
const bureauHead = person('u-bureau-head', 'JusticeBureau', 'Head', 'panjin.dawa.justice');
const agencyHead = person('u-agency-head', 'EnforcementAgency', 'Head', 'panjin.dawa.emergency');
const timer: Actor = { ...person(DEADLINE_TIMER_USER_ID, 'Administrator', 'Head', 'system'), regionId: '' };

const assign: AssignRectificationItem = {
  type: 'AssignRectificationItem',
  actor: bureau,
  at: '2026-03-02T09:00:00+08:00',
  itemId: 'item-1',
  clueId: 'clue-7',
  regionId: 'panjin/dawa',
  agencyOrgId: agencyHead.orgId,
  mode: 'Deadline',
  issue: '行政处罚案卷未载明法律依据',
  measures: '逐案补正',
  // A Tuesday. Ladder (default policy, 清明 4–6 April off): 提醒 03-26 and 03-30, 逾期 04-01,
  // 催办 04-03, 约谈/函询 proposal 04-08, 通报 04-15.
  dueDate: '2026-03-31',
  owner: '张局长',
  responsiblePerson: '李科长',
  evidence: [],
};
const RULE = 'InspectionFeedbackRectification' as const;
const DUE = '2026-03-31';

const fire = (step: AlarmStep, on: string, over: Partial<RectificationCommand> = {}): RectificationCommand =>
  ({
    type: 'FireDeadlineAlarm',
    actor: timer,
    at: `${on}T00:00:00+08:00`,
    itemId: 'item-1',
    rule: RULE,
    dueOn: DUE,
    step,
    ...over,
  }) as RectificationCommand;

/** Runs commands in order; each must be accepted. Returns the events. */
const given = (...commands: RectificationCommand[]): RectificationEvent[] =>
  commands.reduce<RectificationEvent[]>((events, command) => {
    const decision = decider.decide(command, fold(decider, events));
    if (isDomainError(decision)) throw new Error(`${command.type}: ${decision.code}`);
    return [...events, ...decision];
  }, []);

const when = (history: RectificationEvent[], command: RectificationCommand) =>
  decider.decide(command, fold(decider, history));

const codeOf = (decision: ReturnType<typeof when>): string =>
  isDomainError(decision) ? decision.code : `events: ${decision.map((e) => e.type).join(',')}`;

const ladderTo = (last: AlarmStep): RectificationCommand[] => {
  const steps: [AlarmStep, string][] = [
    ['reminder-3', '2026-03-26'],
    ['reminder-1', '2026-03-30'],
    ['missed', '2026-04-01'],
    ['urge', '2026-04-03'],
    ['proposal', '2026-04-08'],
  ];
  const upTo = steps.findIndex(([s]) => s === last);
  return [assign, ...steps.slice(0, upTo + 1).map(([s, on]) => fire(s, on))];
};

describe('the 督办 ladder on a rectification item (DOMAIN.md principle 8)', () => {
  it('the item carries its 整改时限 as an open deadline of the agency', () => {
    expect(openDeadlinesOfRectification(fold(decider, given(assign)))).toEqual([
      { rule: RULE, from: '2026-03-02', dueOn: DUE, responsibleOrgId: agencyHead.orgId },
    ]);
  });

  it('a paused (中止) deadline runs no ladder: it is not open, and its timer is refused', () => {
    const pause: RectificationCommand = {
      type: 'PauseDeadline',
      actor: bureauHead,
      at: '2026-03-20T09:00:00+08:00',
      itemId: 'item-1',
      rule: RULE,
      reason: '等待司法鉴定结论',
    };
    const paused = given(assign, pause);
    expect(openDeadlinesOfRectification(fold(decider, paused))).toEqual([]);
    expect(codeOf(when(paused, fire('reminder-3', '2026-03-26')))).toBe('DEADLINE.NOT_OPEN');
  });

  it("the action list offers the head's answer to a proposed rung only while one waits, only to a supervising head", () => {
    const actions = (history: RectificationEvent[], actor: Actor) =>
      availableRectificationCommands(fold(decider, history), actor).filter((t) => t.endsWith('EscalationRung'));
    expect(actions(given(...ladderTo('urge')), bureauHead)).toEqual([]);
    expect(actions(given(...ladderTo('proposal')), bureauHead)).toEqual([
      'ConfirmEscalationRung',
      'WaiveEscalationRung',
    ]);
    expect(actions(given(...ladderTo('proposal')), bureau)).toEqual([]);
    expect(actions(given(...ladderTo('proposal')), agencyHead)).toEqual([]);
  });

  it('提醒: 3 working days before the due date, DeadlineApproaching with the days left', () => {
    const decision = when(given(assign), fire('reminder-3', '2026-03-26'));
    expect(decision).toEqual([
      {
        type: 'DeadlineApproaching',
        data: expect.objectContaining({
          rule: RULE,
          dueOn: DUE,
          step: 'reminder-3',
          workingDaysLeft: 3,
          responsibleOrgId: agencyHead.orgId,
        }),
      },
    ]);
  });

  it('never fires before the step is due', () => {
    expect(codeOf(when(given(assign), fire('reminder-3', '2026-03-25')))).toBe('DEADLINE.STEP_NOT_DUE');
    expect(codeOf(when(given(...ladderTo('reminder-1')), fire('missed', '2026-03-31')))).toBe('DEADLINE.STEP_NOT_DUE');
  });

  it('逾期: DeadlineMissed on the first working day after the due date', () => {
    expect(when(given(...ladderTo('reminder-1')), fire('missed', '2026-04-01'))).toEqual([
      { type: 'DeadlineMissed', data: expect.objectContaining({ rule: RULE, dueOn: DUE }) },
    ]);
  });

  it('催办 after 3 working days overdue', () => {
    expect(when(given(...ladderTo('missed')), fire('urge', '2026-04-03'))).toEqual([
      { type: 'DeadlineUrged', data: expect.objectContaining({ workingDaysOverdue: 3 }) },
    ]);
  });

  it('the proposal rung proposes 挂牌督办 for a rectification (policy by rule) to the supervising head', () => {
    expect(when(given(...ladderTo('urge')), fire('proposal', '2026-04-08'))).toEqual([
      {
        type: 'EscalationRungProposed',
        data: expect.objectContaining({ escalationType: 'ListedSupervision', workingDaysOverdue: 5 }),
      },
    ]);
  });

  it('the head confirms: the rung becomes an escalation against the agency, and 通报 follows', () => {
    const confirm = {
      type: 'ConfirmEscalationRung',
      actor: bureauHead,
      at: '2026-04-09T10:00:00+08:00',
      itemId: 'item-1',
      rule: RULE,
      dueOn: DUE,
      note: '挂牌督办，限一周内整改到位',
    } as RectificationCommand;
    const history = given(...ladderTo('proposal'));
    const decision = when(history, confirm);
    expect(isDomainError(decision) ? decision.code : decision.map((e) => e.type)).toEqual([
      'EscalationRungConfirmed',
      'EscalationRaised',
    ]);
    const confirmed = given(...ladderTo('proposal'), confirm);
    expect(fold(decider, confirmed).escalations).toEqual([
      expect.objectContaining({ escalationType: 'ListedSupervision', targetOrgId: agencyHead.orgId }),
    ]);
    expect(codeOf(when(confirmed, fire('circular', '2026-04-14')))).toBe('DEADLINE.STEP_NOT_DUE');
    expect(when(confirmed, fire('circular', '2026-04-15'))).toEqual([
      { type: 'DeadlineCircularIssued', data: expect.objectContaining({ workingDaysOverdue: 10 }) },
    ]);
  });

  it('通报 waits for the head; a waiver ends the ladder', () => {
    const proposed = given(...ladderTo('proposal'));
    expect(codeOf(when(proposed, fire('circular', '2026-04-20')))).toBe('DEADLINE.STEP_NOT_DUE');
    const waive = {
      type: 'WaiveEscalationRung',
      actor: bureauHead,
      at: '2026-04-09T10:00:00+08:00',
      itemId: 'item-1',
      rule: RULE,
      dueOn: DUE,
      reason: '已书面说明客观原因',
    } as RectificationCommand;
    const waived = given(...ladderTo('proposal'), waive);
    expect(codeOf(when(waived, fire('circular', '2026-04-20')))).toBe('DEADLINE.STEP_NOT_DUE');
    expect(codeOf(when(waived, waive))).toBe('DEADLINE.NO_PENDING_PROPOSAL');
  });

  it('only a head of the supervising side confirms or waives', () => {
    const proposed = given(...ladderTo('proposal'));
    const by = (actor: Actor) =>
      codeOf(
        when(proposed, {
          type: 'WaiveEscalationRung',
          actor,
          at: '2026-04-09T10:00:00+08:00',
          itemId: 'item-1',
          rule: RULE,
          dueOn: DUE,
          reason: 'x',
        } as RectificationCommand),
      );
    expect(by(bureau)).toBe('AUTH.HEAD_REQUIRED');
    expect(by(agencyHead)).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('never skips a rung: a ticker down for weeks fires the earliest unfired rung first', () => {
    const late = '2026-04-20';
    const history = given(assign);
    expect(codeOf(when(history, fire('urge', late)))).toBe('DEADLINE.STEP_NOT_DUE');
    expect(codeOf(when(history, fire('reminder-1', late)))).toBe('DEADLINE.STEP_NOT_DUE');
    expect(when(history, fire('missed', late))).toEqual([expect.objectContaining({ type: 'DeadlineMissed' })]);
  });

  it('a step already fired decides nothing (a re-delivered timer)', () => {
    expect(when(given(...ladderTo('missed')), fire('missed', '2026-04-02'))).toEqual([]);
  });

  it('a met deadline refuses the firing: the report ends the 整改时限', () => {
    const reported = given(assign, {
      type: 'ReportRectification',
      actor: agencyHead,
      at: '2026-03-20T10:00:00+08:00',
      itemId: 'item-1',
      report: '已补正',
      evidence: ['整改报告'],
    } as RectificationCommand);
    expect(openDeadlinesOfRectification(fold(decider, reported))).toEqual([]);
    expect(codeOf(when(reported, fire('missed', '2026-04-01')))).toBe('DEADLINE.NOT_OPEN');
  });

  it('a moved deadline refuses the old due date', () => {
    expect(codeOf(when(given(assign), fire('missed', '2026-04-01', { dueOn: '2026-03-20' })))).toBe(
      'DEADLINE.NOT_OPEN',
    );
  });

  it('only the deadline timer fires', () => {
    expect(codeOf(when(given(assign), fire('missed', '2026-04-01', { actor: bureauHead })))).toBe('AUTH.SYSTEM_ONLY');
  });
});
