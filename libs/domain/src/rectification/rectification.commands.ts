import { RecomputeDeadline } from '../calendar/deadline-recompute';
import { DeadlineChangeCommand } from '../deadline-change/deadline-change.types';
import { DeadlineAlarmCommand } from '../deadlines/deadline-alarm.messages';
import { RaiseEscalation } from '../escalation/escalation';
import { CommandBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { EvaluationMethod, EvaluationResult, RectificationMode } from './rectification.state';

/**
 * 业务日期 of an act on an item (issue 17 item 7): the day it happened, when it was entered later
 * (default today). Not after today, not before the item was assigned nor before its previous act
 * (rectification.business-date.ts); the statistics count the act on it.
 */
export interface BusinessDated {
  readonly occurredOn?: LocalDate;
}

/**
 * Commands on a 整改事项. "Supervisor" below means the rule-of-law office or the justice bureau
 * whose region covers the item; "the agency" means the enforcement agency that owns the item
 * (actor.orgId === agencyOrgId). Auditors and administrators never change an item.
 */

/** 下达整改事项 — the supervisor puts an item on the agency's rectification ledger. */
export interface AssignRectificationItem extends CommandBase<'AssignRectificationItem'>, BusinessDated {
  readonly itemId: string;
  readonly clueId: string;
  readonly regionId: string;
  /** The agency that must rectify (整改责任单位). */
  readonly agencyOrgId: string;
  readonly mode: RectificationMode;
  /** 问题内容 */
  readonly issue: string;
  /** 整改措施 */
  readonly measures: string;
  /**
   * 整改时限. Required for `Deadline`; for `Immediate` it defaults to today (moved to a working day);
   * for `LongTerm` it is an optional milestone.
   */
  readonly dueDate?: LocalDate;
  /** Required for `LongTerm` (长期坚持): what is being maintained. */
  readonly longTermTarget?: string;
  /** 第一责任人 — the agency head (name and post). */
  readonly owner: string;
  /** 责任人 */
  readonly responsiblePerson: string;
  /** References to documents behind the item (feedback opinion, case-review letter…). */
  readonly evidence?: readonly string[];
  /** The day the clue was received (the case began), given by the application; `occurredOn` may not precede it. */
  readonly clueReceivedOn?: LocalDate;
}

/** The agency starts working on an assigned or reopened item. */
export interface StartRectification extends CommandBase<'StartRectification'>, BusinessDated {
  readonly itemId: string;
}

/** 落实反馈 — the agency reports; its head signs the report (签字背书), so the actor must be the head. */
export interface ReportRectification extends CommandBase<'ReportRectification'>, BusinessDated {
  readonly itemId: string;
  readonly report: string;
  /** At least one piece of evidence: a report without proof is not a report (seed 003). */
  readonly evidence: readonly string[];
}

/** 评估 — the supervisor checks whether the reported rectification is real. */
export interface EvaluateRectification extends CommandBase<'EvaluateRectification'>, BusinessDated {
  readonly itemId: string;
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly notes: string;
  /** Required when `result` is `Fail`; not allowed on `Pass`. */
  readonly failureReasons?: readonly string[];
}

/** 销号 — the supervisor's head strikes a passed item from the ledger. */
export interface CloseItem extends CommandBase<'CloseItem'>, BusinessDated {
  readonly itemId: string;
}

/** 重新整改 — after a failed evaluation the supervisor sends the item back with a new due date. */
export interface ReopenItem extends CommandBase<'ReopenItem'>, BusinessDated {
  readonly itemId: string;
  readonly reasons: readonly string[];
  readonly newDueDate: LocalDate;
}

/** Plans the 回头看; without a date the default set at close-out (DeadlineRule `LookBack`) stands. */
export interface ScheduleLookBack extends CommandBase<'ScheduleLookBack'>, BusinessDated {
  readonly itemId: string;
  readonly lookBackOn?: LocalDate;
}

/** 回头看 — re-check of a closed item; a failure reopens it (seed 001; 千阳). */
export interface CompleteLookBack extends CommandBase<'CompleteLookBack'>, BusinessDated {
  readonly itemId: string;
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly notes: string;
  /** Required when `result` is `Fail`. */
  readonly reasons?: readonly string[];
  /** Required when `result` is `Fail`: the due date of the renewed rectification. */
  readonly newDueDate?: LocalDate;
}

/** 督办 on an item; delegated to the escalation overlay. */
export interface RaiseRectificationEscalation extends RaiseEscalation {
  readonly itemId: string;
}

/** 延期申请 / 中止 / 恢复 on the item's due date or its look-back; the shared overlay decides. */
export type RectificationDeadlineCommand = DeadlineChangeCommand & { readonly itemId: string };
/** 期限重算 — a provisional deadline of this item recounted once its year's table arrived. */
export interface RecomputeRectificationDeadline extends RecomputeDeadline {
  readonly itemId: string;
}

export type RectificationCommand =
  | AssignRectificationItem
  | StartRectification
  | ReportRectification
  | EvaluateRectification
  | CloseItem
  | ReopenItem
  | ScheduleLookBack
  | CompleteLookBack
  | RaiseRectificationEscalation
  | RectificationDeadlineCommand
  | RecomputeRectificationDeadline
  | RectificationDeadlineAlarmCommand;

/** The 督办 ladder's commands on a rectification item. */
export type RectificationDeadlineAlarmCommand = DeadlineAlarmCommand & { readonly itemId: string };
