import { RecomputeDeadline } from '../calendar/deadline-recompute';
import { DeadlineChangeCommand } from '../deadline-change/deadline-change.types';
import { DeadlineAlarmCommand } from '../deadlines/deadline-alarm.messages';
import { RaiseEscalation } from '../escalation/escalation';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { CommandBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import {
  ClueContext,
  DecidedOutcomeEntry,
  DisposalMethod,
  LinkedRectification,
  OrgRef,
  OutcomeEntry,
  ReferralTarget,
  TalkOrInquiryForm,
  TransferPackage,
} from './referral.model';

/**
 * Referral commands (DOMAIN.md §4.2, R0–R14). "Office side" means the rule-of-law office or the
 * justice bureau whose region covers the referral; "holder" means the organisation that currently
 * holds the referral on the receiving side (纪委监委, or the 任免机关 when it was sent there).
 */

/** R0 拟移送 — the office drafts the transfer package for a clue. */
export interface DraftReferral extends CommandBase<'DraftReferral'> {
  readonly referralId: string;
  readonly clueId: string;
  /** Read by the application from the clue stream: the clue's region and current status. */
  readonly clue: ClueContext;
  readonly package: TransferPackage;
  /** The date the clue met the transfer conditions; the transfer deadline runs from it. Default: today. */
  readonly conditionsMetOn?: LocalDate;
}

/** R1 审批 — the office head approves the draft. */
export interface ApproveReferral extends CommandBase<'ApproveReferral'> {
  readonly referralId: string;
  readonly opinion: string;
}

/** R2 移送 — the office sends the approved referral. */
export interface SendReferral extends CommandBase<'SendReferral'> {
  readonly referralId: string;
  readonly target: ReferralTarget;
  /** 业务日期 — the day it was sent (default today; not before the conditions were met): statistics count it then. */
  readonly occurredOn?: LocalDate;
}

/** R3 登记 — the holder's 案管室 registers receipt. */
export interface ReceiveReferral extends CommandBase<'ReceiveReferral'> {
  readonly referralId: string;
  readonly registrationNo: string;
}

/** R4 转送 — the commission passes the whole referral to the competent commission (实施条例 art. 171(2)). */
export interface ForwardReferral extends CommandBase<'ForwardReferral'> {
  readonly referralId: string;
  readonly forwardTo: OrgRef;
  readonly reason: string;
}

/** R5 退回 — no supervisory jurisdiction (实施条例 art. 171(4)). */
export interface ReturnReferral extends CommandBase<'ReturnReferral'> {
  readonly referralId: string;
  readonly reason: string;
}

/** 改送 — the office re-routes a returned referral to the appointing authority (行政复议法 art. 85). */
export interface RerouteReferral extends CommandBase<'RerouteReferral'> {
  readonly referralId: string;
  readonly target: ReferralTarget;
}

/** R6 受理 — the holder accepts the referral for every subject. */
export interface AcceptReferral extends CommandBase<'AcceptReferral'> {
  readonly referralId: string;
}

/**
 * R6 部分受理 — the commission keeps some subjects and forwards the rest (实施条例 art. 171(3)).
 * The application then opens the child stream with OpenForwardedReferral.
 */
export interface PartiallyAcceptReferral extends CommandBase<'PartiallyAcceptReferral'> {
  readonly referralId: string;
  /** A non-empty strict subset of the subjects; the others are forwarded. */
  readonly acceptedSubjectIds: readonly string[];
  readonly forwardTo: OrgRef;
  /** The id of the child referral the application will open for the forwarded part. */
  readonly childReferralId: string;
  readonly reason: string;
}

/**
 * Creates the child referral for the forwarded part of a partial acceptance. Issued by the
 * application right after PartiallyAcceptReferral, on behalf of the same commission actor, with
 * the data copied from the parent stream (the child cannot read it).
 */
export interface OpenForwardedReferral extends CommandBase<'OpenForwardedReferral'> {
  readonly referralId: string;
  readonly parentReferralId: string;
  readonly clueId: string;
  /** The parent's region (the clue's): the office side of the child is the parent's. */
  readonly regionId: string;
  /** The transferor office of the parent: it gets the feedback and closes the child too. */
  readonly ownerOrgId: string;
  /** The parent's package with only the forwarded subjects. */
  readonly package: TransferPackage;
  readonly rulebookVersion: string;
  readonly evaluation: SituationEvaluation;
  /** The commission that partially accepted the parent (the actor's organisation). */
  readonly forwardedBy: string;
  readonly forwardTo: OrgRef;
  readonly reason: string;
}

/** R7 处置 — 集体研究 + 报批: the commission head decides the disposal method. */
export interface DecideDisposal extends CommandBase<'DecideDisposal'> {
  readonly referralId: string;
  readonly method: DisposalMethod;
  readonly reason: string;
}

/** R10 — a shelved (暂存待查) referral is taken up for preliminary verification on new evidence. */
export interface ResumeShelved extends CommandBase<'ResumeShelved'> {
  readonly referralId: string;
  readonly newEvidence: string;
}

/**
 * R8 — the talk was held or the written reply received: the start deadline is met and the
 * conclusion's 30 days run from that day (西乡). Optional: a talk completed without it ends as before.
 */
export interface RecordTalkOrInquiryHeld extends CommandBase<'RecordTalkOrInquiryHeld'> {
  readonly referralId: string;
  readonly form: TalkOrInquiryForm;
  /** The day of the talk or of the reply's receipt; default today, never after it. */
  readonly heldOn?: LocalDate;
}

/** R8 谈话函询 done: concluded (with optional minor outcomes), or problems surfaced → 初核. */
export interface CompleteTalkOrInquiry extends CommandBase<'CompleteTalkOrInquiry'> {
  readonly referralId: string;
  /** 谈话记录 or the written reply. */
  readonly record: string;
  readonly problemsSurfaced: boolean;
  /** First-form outcomes (谈话提醒, 批评教育, …); only when no problems surfaced. */
  readonly minorOutcomes?: readonly OutcomeEntry[];
}

/** R9 立案 (监察法 art. 42) after preliminary verification. */
export interface FileCase extends CommandBase<'FileCase'> {
  readonly referralId: string;
  readonly caseNo: string;
}

/** R9 — preliminary verification found nothing to file: 予以了结. */
export interface ConcludeVerification extends CommandBase<'ConcludeVerification'> {
  readonly referralId: string;
  /** 初核报告 with the categorised handling opinion. */
  readonly report: string;
}

/**
 * R11 — outcomes per subject (§7), added over time until complete. The commission records them
 * after a filed case; an appointing authority, which has no disposal methods, straight after
 * accepting; later outcomes (the 组织部's 组织处理) until the result is fed back.
 */
export interface RecordOutcomes extends CommandBase<'RecordOutcomes'> {
  readonly referralId: string;
  readonly outcomes: readonly DecidedOutcomeEntry[];
  /** Handling is finished and the result can be fed back (default); `false` while another body still decides. */
  readonly complete?: boolean;
}

/** R11 → R12 — the holder declares outcomes left open complete: no other body decides any more. */
export interface CompleteOutcomes extends CommandBase<'CompleteOutcomes'> {
  readonly referralId: string;
}

/** R12 结果反馈 — the holder reports the result to the transferor. */
export interface FeedBackResult extends CommandBase<'FeedBackResult'> {
  readonly referralId: string;
  readonly summary: string;
}

/**
 * 组织处理 carried out ([S2] 问责条例 art. 9: within 1 month of the decision): ends the
 * OrganisationalHandling deadline that OutcomesRecorded started.
 */
export interface RecordOrganisationalHandlingDone extends CommandBase<'RecordOrganisationalHandlingDone'> {
  readonly referralId: string;
  readonly documentNo: string;
  /** The day it was carried out; default today, never after it nor before the decision. */
  readonly doneOn?: LocalDate;
}

/** R13 典型案例通报 — optional, anonymisable publication (seed 004). */
export interface PublishTypicalCase extends CommandBase<'PublishTypicalCase'> {
  readonly referralId: string;
  readonly text: string;
  readonly anonymised: boolean;
  /** 业务日期 — the day it was published (default today; not before the conditions were met). */
  readonly occurredOn?: LocalDate;
}

/** R14 办结 — the office closes the referral once the result is fed back. */
export interface CloseReferral extends CommandBase<'CloseReferral'> {
  readonly referralId: string;
  /** The clue's rectification items, read by the application from their streams (对事 and 对人 both). */
  readonly linkedRectification: readonly LinkedRectification[];
}

/** 督办 on a referral (DOMAIN.md §4.4), delegated to the escalation overlay. */
export interface RaiseReferralEscalation extends RaiseEscalation {
  readonly referralId: string;
}

/** 延期申请 / 中止 / 恢复 on the referral's running deadline; the shared overlay decides. */
export type ReferralDeadlineCommand = DeadlineChangeCommand & { readonly referralId: string };
/** 期限重算 — a provisional deadline of this referral recounted once its year's table arrived. */
export interface RecomputeReferralDeadline extends RecomputeDeadline {
  readonly referralId: string;
}

export type ReferralCommand =
  | DraftReferral
  | ApproveReferral
  | SendReferral
  | ReceiveReferral
  | ForwardReferral
  | ReturnReferral
  | RerouteReferral
  | AcceptReferral
  | PartiallyAcceptReferral
  | OpenForwardedReferral
  | DecideDisposal
  | ResumeShelved
  | RecordTalkOrInquiryHeld
  | CompleteTalkOrInquiry
  | FileCase
  | ConcludeVerification
  | RecordOutcomes
  | CompleteOutcomes
  | RecordOrganisationalHandlingDone
  | FeedBackResult
  | PublishTypicalCase
  | CloseReferral
  | RaiseReferralEscalation
  | ReferralDeadlineCommand
  | RecomputeReferralDeadline
  | ReferralDeadlineAlarmCommand;

/** The 督办 ladder's commands on a referral. */
export type ReferralDeadlineAlarmCommand = DeadlineAlarmCommand & { readonly referralId: string };
