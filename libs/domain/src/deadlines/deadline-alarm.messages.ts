import { DeadlineRule } from '../calendar/deadline-policy';
import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { AlarmStep, ProposedEscalation } from './escalation-ladder';

/**
 * The user id of the deadline ticker. Firings are the system's: no route takes FireDeadlineAlarm,
 * and the deciders accept it from this actor only.
 */
export const DEADLINE_TIMER_USER_ID = 'system:deadline-timer';

/** Names one deadline of a case: its rule and its due date (a moved deadline is another one). */
interface DeadlineRef {
  readonly rule: DeadlineRule;
  readonly dueOn: LocalDate;
}

/** The ticker fires one step of a deadline's ladder. */
export interface FireDeadlineAlarm extends CommandBase<'FireDeadlineAlarm'>, DeadlineRef {
  readonly step: AlarmStep;
}

/** The supervising head confirms the proposed 函询 / 约谈 / 挂牌督办 (it becomes an escalation). */
export interface ConfirmEscalationRung extends CommandBase<'ConfirmEscalationRung'>, DeadlineRef {
  readonly note: string;
}

/** The supervising head waives the proposed rung; the ladder of this deadline ends there. */
export interface WaiveEscalationRung extends CommandBase<'WaiveEscalationRung'>, DeadlineRef {
  readonly reason: string;
}

export type DeadlineAlarmCommand = FireDeadlineAlarm | ConfirmEscalationRung | WaiveEscalationRung;

interface AlarmData extends EventDataBase, DeadlineRef {
  /** Who has to act on the deadline (the organisation the reminder and the ladder aim at). */
  readonly responsibleOrgId: string;
}

/** 提醒 — the due date is near. */
export type DeadlineApproaching = DomainEvent<
  'DeadlineApproaching',
  AlarmData & { readonly step: AlarmStep; readonly workingDaysLeft: number }
>;
/** 逾期 — the first working day after the due date came and the deadline is still open. */
export type DeadlineMissed = DomainEvent<'DeadlineMissed', AlarmData>;
/** 催办 — urged after the policy's working days overdue. */
export type DeadlineUrged = DomainEvent<'DeadlineUrged', AlarmData & { readonly workingDaysOverdue: number }>;
/** 函询 / 约谈 / 挂牌督办 proposed to the supervising head: a task in their list. */
export type EscalationRungProposed = DomainEvent<
  'EscalationRungProposed',
  AlarmData & { readonly escalationType: ProposedEscalation; readonly workingDaysOverdue: number }
>;
export type EscalationRungConfirmed = DomainEvent<
  'EscalationRungConfirmed',
  AlarmData & { readonly escalationType: ProposedEscalation; readonly note: string }
>;
export type EscalationRungWaived = DomainEvent<
  'EscalationRungWaived',
  AlarmData & { readonly escalationType: ProposedEscalation; readonly reason: string }
>;
/** 通报 — the last rung. */
export type DeadlineCircularIssued = DomainEvent<
  'DeadlineCircularIssued',
  AlarmData & { readonly workingDaysOverdue: number }
>;

export type DeadlineAlarmEvent =
  | DeadlineApproaching
  | DeadlineMissed
  | DeadlineUrged
  | EscalationRungProposed
  | EscalationRungConfirmed
  | EscalationRungWaived
  | DeadlineCircularIssued;

/** The stored types, for read models and describers that list them. */
export const DEADLINE_ALARM_EVENT_TYPES = [
  'DeadlineApproaching',
  'DeadlineMissed',
  'DeadlineUrged',
  'EscalationRungProposed',
  'EscalationRungConfirmed',
  'EscalationRungWaived',
  'DeadlineCircularIssued',
] as const satisfies readonly DeadlineAlarmEvent['type'][];
