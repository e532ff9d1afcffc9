import type { Deadline, DeadlineRule } from '../calendar/deadline-policy';
import { ActorRef } from '../shared/actor';
import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';
import { Instant, LocalDate } from '../shared/time';

/**
 * 延期申请 and 中止/恢复 — an overlay of events on a clue, referral or rectification item, like the
 * escalation overlay (DOMAIN.md §4.6 lists `DeadlineExtended` among the cross-cutting events). A
 * command names one open deadline of the case by its rule; every event carries the deadline as it
 * stands afterwards, so `evolve` only puts it back where the previous due date was.
 */

/** One approved extension, pause or resumption, as the deadline remembers it. */
export type DeadlineChange =
  | {
      readonly kind: 'Extended';
      readonly on: LocalDate;
      readonly requestId: string;
      readonly fromDueOn: LocalDate;
      readonly toDueOn: LocalDate;
      readonly reason: string;
    }
  | {
      readonly kind: 'Paused';
      readonly on: LocalDate;
      readonly reason: string;
      readonly remainingWorkingDays: number;
    }
  | { readonly kind: 'Resumed'; readonly on: LocalDate; readonly toDueOn: LocalDate; readonly reason?: string };

/** 中止 — while a deadline carries this, its clock stands still: it is neither due nor overdue. */
export interface DeadlinePause {
  readonly since: LocalDate;
  readonly reason: string;
  /** Working days left after the pause day up to the due date; they run again from the resumption. */
  readonly remainingWorkingDays: number;
}

/** The marks an extended or paused deadline carries (all optional: a deadline never changed has none). */
export interface DeadlineChangeMarks {
  /** The due date before the first extension or pause moved it. */
  readonly originalDueOn?: LocalDate;
  /** Every extension, pause and resumption, oldest first. */
  readonly changes?: readonly DeadlineChange[];
  /** Present while the deadline is paused (中止); no timer runs for it. */
  readonly paused?: DeadlinePause;
}

export type ExtensionRequestStatus = 'Pending' | 'Approved' | 'Refused';

/** A 延期申请 as the case keeps it, decided or not. */
export interface ExtensionRequestRecord {
  readonly requestId: string;
  readonly rule: DeadlineRule;
  /** The due date the request asked to move. */
  readonly dueOn: LocalDate;
  readonly proposedDueOn: LocalDate;
  readonly reason: string;
  readonly requestedAt: Instant;
  readonly requestedBy: ActorRef;
  readonly status: ExtensionRequestStatus;
  readonly decidedAt?: Instant;
  readonly decidedBy?: ActorRef;
  /** Approved: the due date granted (the head may grant another than the one proposed). */
  readonly approvedDueOn?: LocalDate;
  /** The head's opinion on approval, or the reason of a refusal. */
  readonly opinion?: string;
}

// ---- commands (the case id field is added by each aggregate's command union) ----

/** 延期申请 — the party bearing a deadline asks to move it, with a reason and a proposed due date. */
export interface RequestDeadlineExtension extends CommandBase<'RequestDeadlineExtension'> {
  readonly requestId: string;
  readonly rule: DeadlineRule;
  readonly proposedDueOn: LocalDate;
  readonly reason: string;
}

/** The supervising head grants the request; `newDueOn` defaults to the proposed date. */
export interface ApproveDeadlineExtension extends CommandBase<'ApproveDeadlineExtension'> {
  readonly requestId: string;
  readonly newDueOn?: LocalDate;
  readonly opinion?: string;
}

/** The supervising head refuses the request, saying why. */
export interface RefuseDeadlineExtension extends CommandBase<'RefuseDeadlineExtension'> {
  readonly requestId: string;
  readonly reason: string;
}

/** 中止 — the clock of one deadline stops (e.g. waiting for a 鉴定). */
export interface PauseDeadline extends CommandBase<'PauseDeadline'> {
  readonly rule: DeadlineRule;
  readonly reason: string;
}

/** 恢复 — the clock runs again: the working days left at the pause count from today. */
export interface ResumeDeadline extends CommandBase<'ResumeDeadline'> {
  readonly rule: DeadlineRule;
  readonly reason?: string;
}

export type DeadlineChangeCommand =
  RequestDeadlineExtension | ApproveDeadlineExtension | RefuseDeadlineExtension | PauseDeadline | ResumeDeadline;

export const DEADLINE_CHANGE_COMMAND_TYPES = [
  'RequestDeadlineExtension',
  'ApproveDeadlineExtension',
  'RefuseDeadlineExtension',
  'PauseDeadline',
  'ResumeDeadline',
] as const satisfies readonly DeadlineChangeCommand['type'][];

// ---- events (stored; the type strings never change) ----

export interface DeadlineExtensionRequestedData extends EventDataBase {
  readonly requestId: string;
  readonly rule: DeadlineRule;
  readonly dueOn: LocalDate;
  readonly proposedDueOn: LocalDate;
  readonly reason: string;
}
/** 延期申请已提出 */
export type DeadlineExtensionRequested = DomainEvent<'DeadlineExtensionRequested', DeadlineExtensionRequestedData>;

export interface DeadlineExtensionApprovedData extends EventDataBase {
  readonly requestId: string;
  readonly rule: DeadlineRule;
  readonly previousDueOn: LocalDate;
  /** The deadline as it stands now, with its new due date and its change marks. */
  readonly deadline: Deadline;
  readonly opinion?: string;
}
/** 延期已批准 */
export type DeadlineExtensionApproved = DomainEvent<'DeadlineExtensionApproved', DeadlineExtensionApprovedData>;

export interface DeadlineExtensionRefusedData extends EventDataBase {
  readonly requestId: string;
  readonly rule: DeadlineRule;
  readonly reason: string;
}
/** 延期不予批准 */
export type DeadlineExtensionRefused = DomainEvent<'DeadlineExtensionRefused', DeadlineExtensionRefusedData>;

export interface DeadlinePausedData extends EventDataBase {
  readonly rule: DeadlineRule;
  readonly reason: string;
  readonly previousDueOn: LocalDate;
  readonly remainingWorkingDays: number;
  /** The deadline as it stands now: marked `paused`. */
  readonly deadline: Deadline;
}
/** 期限中止 */
export type DeadlinePaused = DomainEvent<'DeadlinePaused', DeadlinePausedData>;

export interface DeadlineResumedData extends EventDataBase {
  readonly rule: DeadlineRule;
  readonly reason?: string;
  readonly previousDueOn: LocalDate;
  /** The deadline as it stands now: running again, due the remaining working days after today. */
  readonly deadline: Deadline;
}
/** 期限恢复 */
export type DeadlineResumed = DomainEvent<'DeadlineResumed', DeadlineResumedData>;

export type DeadlineChangeEvent =
  DeadlineExtensionRequested | DeadlineExtensionApproved | DeadlineExtensionRefused | DeadlinePaused | DeadlineResumed;

export const DEADLINE_CHANGE_EVENT_TYPES = [
  'DeadlineExtensionRequested',
  'DeadlineExtensionApproved',
  'DeadlineExtensionRefused',
  'DeadlinePaused',
  'DeadlineResumed',
] as const satisfies readonly DeadlineChangeEvent['type'][];
