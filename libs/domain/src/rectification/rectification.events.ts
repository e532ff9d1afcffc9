import { Deadline } from '../calendar/deadline-policy';
import { DeadlineRecomputed } from '../calendar/deadline-recompute';
import { DEADLINE_CHANGE_EVENT_TYPES, DeadlineChangeEvent } from '../deadline-change/deadline-change.types';
import { DEADLINE_ALARM_EVENT_TYPES, DeadlineAlarmEvent } from '../deadlines/deadline-alarm.messages';
import { EscalationRaised } from '../escalation/escalation';
import { DomainEvent, EventDataBase } from '../shared/messages';
import type { LedgerRowRef } from '../ledger-import/clue-import';
import { LocalDate, localDateOf } from '../shared/time';
import { EvaluationMethod, EvaluationResult, RectificationMode } from './rectification.state';
import type { ImportableRectificationStatus } from '../ledger-import/rectification-import';

/** Event `type` strings are stored and never change (STYLE.md). */

/**
 * An act on an item with its 业务日期 (issue 17 item 7). Recorded only when the command gave one;
 * absent (every event written before it was kept, and an act entered on its day) the act happened
 * on the China date of `at` (actDateOf).
 */
export interface RectificationActData extends EventDataBase {
  readonly occurredOn?: LocalDate;
}

/** The 业务日期 of a recorded act: its `occurredOn`, else the day it was recorded. */
export const actDateOf = (data: RectificationActData): LocalDate => data.occurredOn ?? localDateOf(data.at);

export interface RectificationItemAssignedData extends RectificationActData {
  readonly itemId: string;
  readonly clueId: string;
  readonly regionId: string;
  readonly supervisorOrgId: string;
  readonly agencyOrgId: string;
  readonly mode: RectificationMode;
  readonly issue: string;
  readonly measures: string;
  readonly owner: string;
  readonly responsiblePerson: string;
  readonly longTermTarget?: string;
  readonly evidence: readonly string[];
  /** Absent only for a LongTerm item without a milestone. */
  readonly deadline?: Deadline;
}
/** 整改事项已下达 */
export type RectificationItemAssigned = DomainEvent<'RectificationItemAssigned', RectificationItemAssignedData>;

/** 整改已启动 */
export type RectificationStarted = DomainEvent<'RectificationStarted', RectificationActData>;

export interface RectificationReportedData extends RectificationActData {
  /** 1 for the first report, 2 after the first reopening, … */
  readonly reportNo: number;
  readonly report: string;
  readonly evidence: readonly string[];
  /** True when reported after the due date. */
  readonly late: boolean;
}
/** 整改情况已反馈 — signed by the agency head (`by`). Not the same as rectified. */
export type RectificationReported = DomainEvent<'RectificationReported', RectificationReportedData>;

export interface RectificationEvaluatedData extends RectificationActData {
  readonly evaluationNo: number;
  readonly reportNo: number;
  readonly evaluatorUserId: string;
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
}
/** 整改已评估 */
export type RectificationEvaluated = DomainEvent<'RectificationEvaluated', RectificationEvaluatedData>;

export interface ItemClosedData extends RectificationActData {
  /** The passed evaluation the close-out rests on. */
  readonly evaluationNo: number;
  /** For a LongTerm item closing means "in long-term maintenance" (长期坚持), not finished. */
  readonly longTerm: boolean;
  /** Default 回头看 date (DeadlineRule `LookBack`). */
  readonly lookBackDue: Deadline;
}
/** 销号 */
export type ItemClosed = DomainEvent<'ItemClosed', ItemClosedData>;

export interface LookBackScheduledData extends RectificationActData {
  readonly lookBackDue: Deadline;
}
/** 回头看已安排 */
export type LookBackScheduled = DomainEvent<'LookBackScheduled', LookBackScheduledData>;

export interface LookBackCompletedData extends RectificationActData {
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
}
/** 回头看已完成; a failed one is followed by RectificationReopened in the same decision. */
export type LookBackCompleted = DomainEvent<'LookBackCompleted', LookBackCompletedData>;

export type ReopenCause = 'EvaluationFailed' | 'LookBackFailed';

export interface RectificationReopenedData extends RectificationActData {
  readonly reopenNo: number;
  readonly cause: ReopenCause;
  readonly reasons: readonly string[];
  readonly deadline: Deadline;
}
/** 重新整改 */
export type RectificationReopened = DomainEvent<'RectificationReopened', RectificationReopenedData>;

/** A dated step of a legacy ledger line: 评估 or 回头看, how and with what result, on its business date. */
export interface ImportedCheck {
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly on: LocalDate;
}

/**
 * 历史补录 — the item came from a legacy 整改台账 line (issue 19 §3), recorded by the importing user
 * right after its RectificationItemAssigned: the step the line had reached and the business dates
 * of its assignment (下达日期), 评估, 销号 and 回头看. Marks the item imported for its history, the
 * rectification ledger and the statistics.
 */
export interface RectificationHistoryImportedData extends EventDataBase {
  readonly status: ImportableRectificationStatus;
  /** 下达日期: the day the item was assigned, as the ledger says (业务日期). */
  readonly assignedOn: LocalDate;
  readonly evaluation?: ImportedCheck;
  /** 销号日期 */
  readonly closedOn?: LocalDate;
  readonly lookBack?: ImportedCheck;
  /** The clue's own number in the office's ledger, when the line named the clue by it. */
  readonly clueLedgerNo?: string;
  readonly note?: string;
  readonly ledgerRow: LedgerRowRef;
}
export type RectificationHistoryImported = DomainEvent<
  'RectificationHistoryImported',
  RectificationHistoryImportedData
>;

export type RectificationEvent =
  | RectificationItemAssigned
  | RectificationHistoryImported
  | RectificationStarted
  | RectificationReported
  | RectificationEvaluated
  | ItemClosed
  | LookBackScheduled
  | LookBackCompleted
  | RectificationReopened
  | EscalationRaised
  | DeadlineChangeEvent
  | DeadlineRecomputed
  | DeadlineAlarmEvent;

export const RECTIFICATION_EVENT_TYPES = [
  'RectificationItemAssigned',
  'RectificationHistoryImported',
  'RectificationStarted',
  'RectificationReported',
  'RectificationEvaluated',
  'ItemClosed',
  'LookBackScheduled',
  'LookBackCompleted',
  'RectificationReopened',
  'EscalationRaised',
  ...DEADLINE_CHANGE_EVENT_TYPES,
  'DeadlineRecomputed',
  ...DEADLINE_ALARM_EVENT_TYPES,
] as const satisfies readonly RectificationEvent['type'][];
