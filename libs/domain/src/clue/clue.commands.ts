import { SendCarbonCopyFields } from '../access/case-access.messages';
import { RecomputeDeadline } from '../calendar/deadline-recompute';
import { DeadlineChangeCommand } from '../deadline-change/deadline-change.types';
import { DeadlineAlarmCommand } from '../deadlines/deadline-alarm.messages';
import type { AccountabilityType } from '../accountability/accountability.measures';
import { RaiseEscalation } from '../escalation/escalation';
import { CommandBase } from '../shared/messages';
import { Subject } from '../shared/subject';
import { Instant, LocalDate } from '../shared/time';
import { ClueSource, SupervisionInstrumentKind } from './clue-source';

/** 问题类别 — the kind of misconduct (seed 004: 滥用行政职权、行政不作为和乱作为). */
export const CLUE_CATEGORIES = [
  /** 不作为 — inaction. */
  'Inaction',
  /** 乱作为 — arbitrary action. */
  'ArbitraryAction',
  /** 滥用职权 — abuse of power. */
  'AbuseOfPower',
  'Other',
] as const;
export type ClueCategory = (typeof CLUE_CATEGORIES)[number];

/** Why a clue is dropped (予以了结 / 不予立项, C3 and C5). */
export const DISMISSAL_REASONS = [
  /** 反映不实 — the clue is untrue. */
  'Untrue',
  /** 无法查证 — it cannot be verified. */
  'NotVerifiable',
  /** 不属于受理范围 — outside the office's remit. */
  'OutOfScope',
  /** 核实后未发现问题 — verified, no problem found (C5; needs a verification report). */
  'NoProblemFound',
] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

/**
 * 整改方式 of a plan item: 立行立改 (Immediate), 限期整改 (Deadline), 长期坚持 (LongTerm).
 * Named for the plan so it does not clash with the RectificationItem aggregate's own mode type.
 */
export const PLAN_ITEM_MODES = ['Immediate', 'Deadline', 'LongTerm'] as const;
export type PlanItemMode = (typeof PLAN_ITEM_MODES)[number];

export const CLUE_EVALUATION_RESULTS = ['Pass', 'Fail'] as const;
export type ClueEvaluationResult = (typeof CLUE_EVALUATION_RESULTS)[number];

/** 评估方式: 实地核查 (OnSite) or 书面审查 (Document). */
export const CLUE_EVALUATION_METHODS = ['OnSite', 'Document'] as const;
export type ClueEvaluationMethod = (typeof CLUE_EVALUATION_METHODS)[number];

/** A document attached to the file (kept by reference; the content lives in document storage). */
export interface Attachment {
  readonly title: string;
  readonly documentRef: string;
}

/** The supervised unit (被监督单位). */
export interface Agency {
  readonly orgId: string;
  readonly name: string;
}

/** The facts given to the rulebook (DOMAIN.md Decision 3). */
interface SituationInput {
  readonly situationCodes: readonly string[];
  /** Checklist items present in the file, e.g. `IP.DUTY_SOURCE`. */
  readonly evidenceCodes: readonly string[];
  /** 贪污贿赂 / 失职渎职 — grounds on which the law itself mandates transfer. */
  readonly statutoryGroundCodes?: readonly string[];
  readonly justification?: string;
  readonly legalBasis?: readonly string[];
}

/** C1 线索登记 — log a clue with its source and date received. */
export interface RegisterClue extends CommandBase<'RegisterClue'> {
  readonly clueId: string;
  /** The clue's jurisdiction; the registering office's region must cover it. */
  readonly regionId: string;
  readonly source: ClueSource;
  /** E.g. the reconsideration case number or the inspection id. */
  readonly sourceRef: string;
  readonly receivedAt: Instant;
  readonly agency: Agency;
  readonly summary: string;
  readonly subjects?: readonly Subject[];
  readonly attachments?: readonly Attachment[];
}

/** C2 线索分析 — assign an analyst. */
export interface StartAnalysis extends CommandBase<'StartAnalysis'> {
  readonly clueId: string;
  readonly analystUserId: string;
}

/** C3 / C5 予以了结 — drop the clue; the head approves. */
export interface DismissClue extends CommandBase<'DismissClue'> {
  readonly clueId: string;
  readonly reason: DismissalReason;
  readonly explanation: string;
  /** Required for NoProblemFound: the report that found nothing. */
  readonly verificationReport?: string;
}

/** C4 问题核实 — the head, after collective study (集体研究), orders verification. */
export interface StartVerification extends CommandBase<'StartVerification'>, SituationInput {
  readonly clueId: string;
  readonly category: ClueCategory;
  readonly verificationPlan: string;
  /** 核查组 — user ids of the verification team. */
  readonly team: readonly string[];
}

/** C6 问题监督 — issue the supervision instrument with its deadline. */
export interface IssueSupervisionInstrument extends CommandBase<'IssueSupervisionInstrument'> {
  readonly clueId: string;
  /** Findings of the verification. */
  readonly verificationReport: string;
  readonly responsibleUnits: readonly string[];
  readonly instrument: {
    readonly kind: SupervisionInstrumentKind;
    readonly documentNo: string;
    /**
     * 送达日期 — the day the agency received the instrument (行政复议法 art. 76 counts its 60 days
     * from receipt). When absent the period runs from issuance and the deadline says so.
     */
    readonly servedOn?: LocalDate;
  };
  /** Explicit due date; when absent it is computed from the instrument's rule. */
  readonly dueDate?: LocalDate;
  /** Updated facts found during verification; when given, the rulebook is re-evaluated. */
  readonly situationCodes?: readonly string[];
  readonly evidenceCodes?: readonly string[];
}

/**
 * A further supervision instrument on the same clue (issue 17 §6), e.g. the 监督决定书 after the
 * 监督意见书 went uncorrected (山东 art. 29). It supersedes the current instrument: its period is
 * now the agency's.
 */
export interface IssueFollowUpInstrument extends CommandBase<'IssueFollowUpInstrument'> {
  readonly clueId: string;
  readonly instrument: {
    readonly kind: SupervisionInstrumentKind;
    readonly documentNo: string;
    /** 送达日期; when absent the period runs from issuance. */
    readonly servedOn?: LocalDate;
  };
  /** Why a further instrument: e.g. the opinion's 30 days passed without correction. */
  readonly reason: string;
  /** Explicit due date; when absent it is computed from the instrument's rule. */
  readonly dueDate?: LocalDate;
}

/** One line of the 整改台账: 问题内容 / 整改措施 / 整改时限 / 责任人. */
export interface RectificationPlanItem {
  readonly itemId: string;
  readonly issue: string;
  readonly measures: string;
  readonly mode: PlanItemMode;
  /** Required unless LongTerm (where it is an optional milestone). */
  readonly dueDate?: LocalDate;
  /** Required for LongTerm: the target that is kept up. */
  readonly longTermTarget?: string;
  readonly responsiblePerson: string;
  /**
   * 第一责任人 — the unit head, who answers for the item (DOMAIN.md §4.3). Recorded so that the plan
   * event alone can rebuild each item's assignment. Optional only because plans recorded before it
   * was kept lack it; the API requires it.
   */
  readonly owner?: string;
}

/**
 * C7 — the supervised agency submits its plan, signed by its head (签字背书). The application turns
 * each item into a RectificationItem aggregate.
 */
export interface SubmitRectificationPlan extends CommandBase<'SubmitRectificationPlan'> {
  readonly clueId: string;
  readonly items: readonly RectificationPlanItem[];
  /** 业务日期 of the plan (default today; not after today nor before the clue was received); its items are assigned on it. */
  readonly occurredOn?: LocalDate;
}

/** C8 落实反馈 — the agency reports the result with evidence, signed by its head. */
export interface SubmitRectificationFeedback extends CommandBase<'SubmitRectificationFeedback'> {
  readonly clueId: string;
  readonly report: string;
  readonly evidence: readonly Attachment[];
}

/** C9 评估 — the supervisor takes the feedback up for evaluation. */
export interface StartEvaluation extends CommandBase<'StartEvaluation'> {
  readonly clueId: string;
}

/**
 * The state of one rectification item, read by the application from the item's own stream.
 * The clue cannot see other streams, so the facts come in on the command.
 */
export interface RectificationItemSnapshot {
  readonly itemId: string;
  readonly status: string;
  readonly mode: PlanItemMode;
}

/** C10 / C11 — evaluate the rectification: pass closes (销号), fail reopens (重新整改). */
export interface EvaluateClue extends CommandBase<'EvaluateClue'> {
  readonly clueId: string;
  readonly result: ClueEvaluationResult;
  readonly method: ClueEvaluationMethod;
  readonly notes: string;
  /** Fail: why the rectification is not real. */
  readonly failureReasons?: readonly string[];
  /** Fail: the new due date of the redone rectification. */
  readonly newDueDate?: LocalDate;
  /** Pass: every item of the plan, as its own stream currently has it (passed in by the application). */
  readonly rectificationItems?: readonly RectificationItemSnapshot[];
}

/** C12 回头看 — re-check a closed clue: pass archives, fail reopens. */
export interface CompleteClueLookBack extends CommandBase<'CompleteClueLookBack'> {
  readonly clueId: string;
  readonly result: ClueEvaluationResult;
  readonly method: ClueEvaluationMethod;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
  readonly newDueDate?: LocalDate;
}

/** C14 — propose a transfer to the commission; spawns a Referral in parallel (对人), rectification goes on (对事). */
export interface ProposeReferral extends CommandBase<'ProposeReferral'>, SituationInput {
  readonly clueId: string;
  readonly referralId: string;
}

/**
 * The referral was sent (R2). Issued by the application's process manager from the referral
 * stream, on behalf of the office actor; it satisfies the clue's transfer deadline.
 */
export interface RecordReferralSent extends CommandBase<'RecordReferralSent'> {
  readonly clueId: string;
  readonly referralId: string;
  readonly sentAt: Instant;
}

/**
 * An accountability case (追责问责, issue 17) was opened on the clue. Issued by the
 * accountability-linked workflow from the accountability stream, on behalf of the opener; it links
 * the case on the clue's stream, for its history and its linked cases.
 */
export interface LinkAccountabilityCase extends CommandBase<'LinkAccountabilityCase'> {
  readonly clueId: string;
  readonly accountabilityId: string;
  readonly accountabilityType: AccountabilityType;
  readonly decidingOrgId: string;
  /** 立项日期 (业务日期) of the accountability case. */
  readonly openedOn: LocalDate;
}

/** C13 督办 — the shared escalation overlay, addressed to this clue. */
export type RaiseClueEscalation = RaiseEscalation & { readonly clueId: string };

/** 延期申请 / 中止 / 恢复 on one of the clue's open deadlines; the shared overlay decides. */
export type ClueDeadlineCommand = DeadlineChangeCommand & { readonly clueId: string };
/** 期限重算 — a provisional deadline of this clue recounted once its year's table arrived. */
export type RecomputeClueDeadline = RecomputeDeadline & { readonly clueId: string };

/** 抄送 — a copy of the clue's supervision instrument to further organisations, for information only (DOMAIN.md §9.5). */
export interface SendClueCarbonCopy extends CommandBase<'SendCarbonCopy'>, SendCarbonCopyFields {
  readonly clueId: string;
}

/**
 * 典型案例 published by the office (issue 17): a closed clue's matter circulated to warn others,
 * anonymised on publication (the persons named in the clue become 张某; ID and mobile numbers masked).
 */
export interface PublishClueTypicalCase extends CommandBase<'PublishTypicalCase'> {
  readonly clueId: string;
  readonly text: string;
  /** 业务日期 — the day it was published (default today; not after it nor before the clue was closed). */
  readonly occurredOn?: LocalDate;
}

export type ClueCommand =
  | RegisterClue
  | StartAnalysis
  | DismissClue
  | StartVerification
  | IssueSupervisionInstrument
  | IssueFollowUpInstrument
  | SubmitRectificationPlan
  | SubmitRectificationFeedback
  | StartEvaluation
  | EvaluateClue
  | CompleteClueLookBack
  | ProposeReferral
  | RecordReferralSent
  | LinkAccountabilityCase
  | RaiseClueEscalation
  | ClueDeadlineCommand
  | RecomputeClueDeadline
  | ClueDeadlineAlarmCommand
  | SendClueCarbonCopy
  | PublishClueTypicalCase;

/** The 督办 ladder's commands on a clue. */
export type ClueDeadlineAlarmCommand = DeadlineAlarmCommand & { readonly clueId: string };
