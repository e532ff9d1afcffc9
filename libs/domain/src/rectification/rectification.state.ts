import { Deadline } from '../calendar/deadline-policy';
import { ExtensionRequestRecord } from '../deadline-change/deadline-change.types';
import { DeadlineLadders } from '../deadlines/deadline-alarm.decide';
import { EscalationType } from '../escalation/escalation';
import { ActorRef } from '../shared/actor';
import { Instant, LocalDate } from '../shared/time';
import type { LedgerRowRef } from '../ledger-import/clue-import';

/** Events of every rectification item live in streams `rectification-<itemId>`. */
export const RECTIFICATION_CATEGORY = 'rectification';
export const rectificationStreamName = (itemId: string): string => `${RECTIFICATION_CATEGORY}-${itemId}`;

/** 整改方式 — how the item is to be rectified (DOMAIN.md §1.3). */
export const RECTIFICATION_MODES = [
  /** 立行立改 — fixed on the spot; due today (or the next working day) unless a date is given. */
  'Immediate',
  /** 限期整改 — rectified by an explicit due date. */
  'Deadline',
  /** 长期坚持 — ongoing work towards a target, with at most a milestone date (seed 001). */
  'LongTerm',
] as const;
export type RectificationMode = (typeof RECTIFICATION_MODES)[number];

/** 评估方式 — on-site check or document check (seed 003: 评估 before 销号). */
export const EVALUATION_METHODS = ['OnSite', 'Document'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

export const EVALUATION_RESULTS = ['Pass', 'Fail'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

/**
 * 整改事项 lifecycle, DOMAIN.md §4.3: 反馈—整改—评估—销号 plus 回头看. `Reopened` (重新整改) behaves
 * like `InProgress` with a new deadline.
 */
export const RECTIFICATION_STATUSES = [
  'None',
  'Assigned',
  'InProgress',
  'Reported',
  'Evaluated',
  'Closed',
  'LookBackPending',
  'LookBackPassed',
  'Reopened',
] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/**
 * Statuses that count as "closed or in long-term maintenance" (销号 or later). The Clue and Referral
 * aggregates use this list when the application passes them the statuses of a clue's items
 * (DOMAIN.md C10, R14). A reopened item leaves the list again.
 */
export const CLOSED_RECTIFICATION_STATUSES = ['Closed', 'LookBackPending', 'LookBackPassed'] as const;
export type ClosedRectificationStatus = (typeof CLOSED_RECTIFICATION_STATUSES)[number];

export const isClosedRectificationStatus = (status: string): status is ClosedRectificationStatus =>
  (CLOSED_RECTIFICATION_STATUSES as readonly string[]).includes(status);

/** The agency's latest 整改报告 (signed by its head). */
export interface RectificationReportRecord {
  readonly reportNo: number;
  readonly report: string;
  readonly evidence: readonly string[];
  readonly at: Instant;
  readonly by: ActorRef;
  /** Reported after the due date: itself evidence for situation #5 (不依法纠正违法行为). */
  readonly late: boolean;
}

/** The supervisor's latest 评估 record; "reported" never means "rectified" (seed 003). */
export interface EvaluationRecord {
  readonly evaluationNo: number;
  /** Which report was evaluated. */
  readonly reportNo: number;
  readonly evaluatorUserId: string;
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
  readonly at: Instant;
}

/** The latest 回头看 record (seed 001: 对已基本完成的整改任务，适时组织"回头看"). */
export interface LookBackRecord {
  readonly method: EvaluationMethod;
  readonly result: EvaluationResult;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
  readonly at: Instant;
  readonly by: ActorRef;
}

export interface EscalationRecord {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly targetOrgId: string;
  readonly at: Instant;
  readonly deadline?: Deadline;
}

/** 整改事项 — one line of the 整改台账 (rectification ledger). Plain JSON data. */
export interface RectificationState {
  readonly status: RectificationStatus;
  readonly itemId: string;
  /** The clue (问题线索) the item belongs to. */
  readonly clueId: string;
  readonly regionId: string;
  /** The supervising office or justice bureau that assigned the item. */
  readonly supervisorOrgId: string;
  /** The enforcement agency that owns the rectification. */
  readonly agencyOrgId: string;
  readonly mode?: RectificationMode;
  /** 问题内容 */
  readonly issue: string;
  /** 整改措施 */
  readonly measures: string;
  /** 第一责任人 — the head of the agency. */
  readonly owner: string;
  /** 责任人 — the person doing the work. */
  readonly responsiblePerson: string;
  /** 长期坚持 target (LongTerm items only). */
  readonly longTermTarget?: string;
  /** Evidence attached when the item was assigned (e.g. the feedback opinion). */
  readonly evidence: readonly string[];
  /** 整改时限 — present while the agency has work to do (Assigned, InProgress, Reopened). */
  readonly deadline?: Deadline;
  /** 回头看 due date — present once closed, until the look-back is done. */
  readonly lookBackDue?: Deadline;
  readonly reportCount: number;
  readonly lastReport?: RectificationReportRecord;
  readonly evaluationCount: number;
  readonly lastEvaluation?: EvaluationRecord;
  readonly lastLookBack?: LookBackRecord;
  readonly reopenCount: number;
  readonly closedAt?: Instant;
  /** 业务日期 of the assignment: no later act may precede it (the item's case began then). */
  readonly assignedOn?: LocalDate;
  /** 业务日期 of the latest act (assignment, report, evaluation, 销号, 回头看, reopening). */
  readonly lastActOn?: LocalDate;
  readonly escalations: readonly EscalationRecord[];
  /** 延期申请 made on the item's deadlines, decided or not (absent until the first one). */
  readonly deadlineRequests?: readonly ExtensionRequestRecord[];
  /** The 督办 ladder of each deadline, once a step of it has fired. */
  readonly ladders?: DeadlineLadders;
  /** 历史补录: the legacy ledger line the item was imported from (absent for an item assigned here). */
  readonly importedFrom?: LedgerRowRef;
}

export const initialRectificationState = (): RectificationState => ({
  status: 'None',
  itemId: '',
  clueId: '',
  regionId: '',
  supervisorOrgId: '',
  agencyOrgId: '',
  issue: '',
  measures: '',
  owner: '',
  responsiblePerson: '',
  evidence: [],
  reportCount: 0,
  evaluationCount: 0,
  reopenCount: 0,
  escalations: [],
});
