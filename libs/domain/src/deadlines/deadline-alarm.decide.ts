import { DomainConfig } from '../domain-config';
import { EscalationRaised } from '../escalation/escalation';
import { requireHead, requireRegion, requireRole } from '../shared/authorize';
import { Actor } from '../shared/actor';
import { Decision } from '../shared/decider';
import { DomainError, forbidden, invalidTransition, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { firstError, requireDate, requireInstant, requireText } from '../shared/validate';
import {
  DEADLINE_ALARM_EVENT_TYPES,
  DEADLINE_TIMER_USER_ID,
  DeadlineAlarmCommand,
  DeadlineAlarmEvent,
  FireDeadlineAlarm,
} from './deadline-alarm.messages';
import { LadderProgress, isEscalationRung, ladderOf, scheduleOf, stepDue } from './escalation-ladder';
import { OpenDeadline } from './open-deadlines';

/** Each deadline's ladder progress, keyed by `ladderKey` (a moved deadline starts a ladder of its own). */
export type DeadlineLadders = Readonly<Record<string, LadderProgress>>;

export const ladderKey = (rule: string, dueOn: string): string => `${rule}@${dueOn}`;

/** What the ladder needs of a case. */
export interface AlarmTarget {
  readonly regionId: string;
  readonly deadlines: readonly OpenDeadline[];
  readonly ladders: DeadlineLadders | undefined;
}

export type LadderConfig = Pick<DomainConfig, 'calendar' | 'ladder'>;

/**
 * The 督办 ladder on a case (DOMAIN.md principle 8). A firing for a deadline the case no longer
 * carries (met, cancelled, moved) is refused, as is a step that is not the one due today: a late
 * or repeated timer is harmless. A step already fired decides nothing (at-least-once delivery).
 */
export const decideDeadlineAlarm = (
  command: DeadlineAlarmCommand,
  target: AlarmTarget,
  config: LadderConfig,
): Decision<DeadlineAlarmEvent | EscalationRaised> => {
  const invalid = firstError(requireInstant(command.at, 'at'), requireDate(command.dueOn, 'dueOn'));
  if (invalid) return invalid;
  const deadline = target.deadlines.find((d) => d.rule === command.rule && d.dueOn === command.dueOn);
  const progress = target.ladders?.[ladderKey(command.rule, command.dueOn)] ?? { fired: [] };
  switch (command.type) {
    case 'FireDeadlineAlarm':
      return decideFire(command, deadline, progress, config);
    case 'ConfirmEscalationRung':
    case 'WaiveEscalationRung': {
      const error =
        escalationRungPrecondition(command.actor, target) ??
        (command.type === 'ConfirmEscalationRung'
          ? requireText(command.note, 'note', 4_000)
          : requireText(command.reason, 'reason', 4_000));
      if (error) return error;
      if (!deadline) return notOpen();
      if (!awaitsDecision(progress)) return noPendingProposal();
      const base = { ...eventBase(command), rule: deadline.rule, dueOn: deadline.dueOn };
      const escalationType = ladderOf(config.ladder, deadline.rule).proposal;
      const responsibleOrgId = deadline.responsibleOrgId;
      if (command.type === 'WaiveEscalationRung') {
        return [
          {
            type: 'EscalationRungWaived',
            data: { ...base, responsibleOrgId, escalationType, reason: command.reason },
          },
        ];
      }
      return [
        { type: 'EscalationRungConfirmed', data: { ...base, responsibleOrgId, escalationType, note: command.note } },
        {
          type: 'EscalationRaised',
          data: {
            ...eventBase(command),
            escalationId: `ladder:${ladderKey(deadline.rule, deadline.dueOn)}`,
            escalationType,
            reason: command.note,
            targetOrgId: responsibleOrgId,
          },
        },
      ];
    }
  }
};

const RUNG_ACTION = 'decide an escalation';

const awaitsDecision = (progress: LadderProgress): boolean =>
  progress.fired.includes('proposal') && progress.proposalDecision === undefined;

const noPendingProposal = () =>
  invalidTransition('DEADLINE.NO_PENDING_PROPOSAL', 'no proposed escalation waits for a decision');

/**
 * Who may confirm or waive a proposed rung, and when (the action list's precondition; the decider
 * runs it first): a head of 法治建设办, 司法局 or 党委 whose region covers the case, while some
 * deadline of the case has a proposal waiting. `target` is undefined for a case that does not exist.
 */
export const escalationRungPrecondition = (
  actor: Actor,
  target: AlarmTarget | undefined,
  missing: () => DomainError = noPendingProposal,
): DomainError | undefined => {
  const role = requireRole(actor, ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'], RUNG_ACTION);
  if (role) return role;
  if (target === undefined) return missing();
  const waiting = target.deadlines.some((d) =>
    awaitsDecision(target.ladders?.[ladderKey(d.rule, d.dueOn)] ?? { fired: [] }),
  );
  return (
    firstError(requireHead(actor, RUNG_ACTION), requireRegion(actor, target.regionId, RUNG_ACTION)) ??
    (waiting ? undefined : noPendingProposal())
  );
};

const notOpen = () =>
  invalidTransition('DEADLINE.NOT_OPEN', 'the case no longer carries this deadline (met, cancelled or moved)');

const decideFire = (
  command: FireDeadlineAlarm,
  deadline: OpenDeadline | undefined,
  progress: LadderProgress,
  config: LadderConfig,
): Decision<DeadlineAlarmEvent> => {
  if (command.actor.userId !== DEADLINE_TIMER_USER_ID) {
    return forbidden('AUTH.SYSTEM_ONLY', 'only the deadline timer fires deadline alarms');
  }
  if (!deadline) return notOpen();
  if (progress.fired.includes(command.step)) return [];
  const today = localDateOf(command.at);
  if (stepDue(deadline, progress, today, config.ladder, config.calendar) !== command.step) {
    return invalidTransition('DEADLINE.STEP_NOT_DUE', 'this step of the ladder is not the one due today');
  }
  const { calendar } = config;
  const data = {
    ...eventBase(command),
    rule: deadline.rule,
    dueOn: deadline.dueOn,
    responsibleOrgId: deadline.responsibleOrgId,
  };
  const overdue = calendar.workingDaysBetween(deadline.dueOn, today);
  const step = command.step;
  if (!isEscalationRung(step)) {
    const scheduled = scheduleOf(deadline, config.ladder, calendar).some((s) => s.step === step);
    if (!scheduled) return validation('DEADLINE.UNKNOWN_STEP', `no step ${step} in this ladder`);
    return [
      {
        type: 'DeadlineApproaching',
        data: { ...data, step, workingDaysLeft: calendar.workingDaysBetween(today, deadline.dueOn) },
      },
    ];
  }
  switch (step) {
    case 'missed':
      return [{ type: 'DeadlineMissed', data }];
    case 'urge':
      return [{ type: 'DeadlineUrged', data: { ...data, workingDaysOverdue: overdue } }];
    case 'proposal':
      return [
        {
          type: 'EscalationRungProposed',
          data: {
            ...data,
            escalationType: ladderOf(config.ladder, deadline.rule).proposal,
            workingDaysOverdue: overdue,
          },
        },
      ];
    case 'circular':
      return [{ type: 'DeadlineCircularIssued', data: { ...data, workingDaysOverdue: overdue } }];
  }
};

/** Records a ladder event on the case's ladders; other events leave them as they are. */
export const evolveLadders = (ladders: DeadlineLadders | undefined, event: DeadlineAlarmEvent): DeadlineLadders => {
  const key = ladderKey(event.data.rule, event.data.dueOn);
  const progress = ladders?.[key] ?? { fired: [] };
  const next: LadderProgress = (() => {
    switch (event.type) {
      case 'DeadlineApproaching':
        return { ...progress, fired: [...progress.fired, event.data.step] };
      case 'DeadlineMissed':
        return { ...progress, fired: [...progress.fired, 'missed'] };
      case 'DeadlineUrged':
        return { ...progress, fired: [...progress.fired, 'urge'] };
      case 'EscalationRungProposed':
        return { ...progress, fired: [...progress.fired, 'proposal'] };
      case 'EscalationRungConfirmed':
        return { ...progress, proposalDecision: 'Confirmed' };
      case 'EscalationRungWaived':
        return { ...progress, proposalDecision: 'Waived' };
      case 'DeadlineCircularIssued':
        return { ...progress, fired: [...progress.fired, 'circular'] };
    }
  })();
  return { ...ladders, [key]: next };
};

/** Whether an event is one of the ladder's (the three deciders route them here). */
export const isDeadlineAlarmEvent = (event: { readonly type: string }): event is DeadlineAlarmEvent =>
  (DEADLINE_ALARM_EVENT_TYPES as readonly string[]).includes(event.type);
