import { Deadline } from '../calendar/deadline-policy';
import { ExtensionRequestRecord } from '../deadline-change/deadline-change.types';
import { DeadlineLadders } from '../deadlines/deadline-alarm.decide';
import { NamedHandlers } from '../access/case-access.messages';
import { EscalationRaisedData } from '../escalation/escalation';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { ActorRef } from '../shared/actor';
import { Instant, LocalDate } from '../shared/time';
import { SubjectFeedback } from './referral.events';
import { ExistingReferralStatus } from './referral.status';
import {
  DecidedOutcome,
  DisposalMethod,
  LinkedRectification,
  OrgRef,
  ReferralTarget,
  TalkOrInquiryForm,
  TransferPackage,
} from './referral.model';

/** The referral's state: the shapes `evolveReferral` (referral.state.ts) folds events into. */
/** One step of the 转送 trail: who passed the referral on, to whom, why. */
export interface Forwarding {
  readonly from: string;
  readonly to: OrgRef;
  readonly reason: string;
  readonly at: Instant;
}

/** The running (or last) disposal method and when it was decided. */
export interface Disposal {
  readonly method: DisposalMethod;
  readonly decidedAt: Instant;
  /** The decision's reason, the new evidence (R10) or the talk record that led to 初核 (R8). */
  readonly reason: string;
  /** 谈话函询 only: the talk held or the reply received, once recorded (R8). */
  readonly held?: { readonly form: TalkOrInquiryForm; readonly on: LocalDate };
}

/** The deadlines of the current step; at most one of them runs at a time. */
export interface ReferralDeadlines {
  /** TransferAfterConditionsMet, until sent. */
  readonly transferDeadline?: Deadline;
  /** CommissionAcceptance, from receipt until accepted, forwarded or returned. */
  readonly acceptanceDeadline?: Deadline;
  /**
   * DisposalProposal, TalkOrInquiryStart (then TalkOrInquiryConclusion once the talk is held) or
   * PreliminaryVerification, while the commission disposes.
   */
  readonly disposalDeadline?: Deadline;
  /** ResultFeedback, from Decided / Concluded until fed back. */
  readonly resultFeedbackDeadline?: Deadline;
  /** Whichever of the above runs now. */
  readonly deadline?: Deadline;
  /**
   * OrganisationalHandling ([S2] 问责条例 art. 9, 1 month), from the outcomes until carried out. It
   * runs beside the steps above (result feedback, closure), so it is never the running `deadline`.
   */
  readonly organisationalHandlingDeadline?: Deadline;
}

export interface NoReferral {
  readonly status: 'None';
}

/** A referral that exists. Plain readonly data: JSON-serialisable, dates as strings. */
export interface ExistingReferral extends ReferralDeadlines {
  readonly status: ExistingReferralStatus;
  readonly referralId: string;
  readonly clueId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly package: TransferPackage;
  readonly rulebookVersion: string;
  readonly evaluation: SituationEvaluation;
  readonly discretionary: boolean;
  readonly conditionsMetOn?: LocalDate;
  /** Who proposed (drafted the package) and who approved: the "explain" view shows both. */
  readonly draftedBy: ActorRef;
  readonly approvedBy?: ActorRef;
  readonly approvalOpinion?: string;
  /** Where the office sent it (last send or re-route). */
  readonly target?: ReferralTarget;
  /** Who holds it on the receiving side now; none before sending and after a return. */
  readonly holder?: ReferralTarget;
  readonly sentAt?: Instant;
  readonly sentLate?: boolean;
  readonly registrationNo?: string;
  readonly forwardings: readonly Forwarding[];
  readonly returnReason?: string;
  readonly acceptedSubjectIds: readonly string[];
  readonly forwardedSubjectIds: readonly string[];
  /** The subjects returned by partial return (实施条例 art. 171(4)); absent when none were. */
  readonly returnedSubjectIds?: readonly string[];
  readonly childReferralIds: readonly string[];
  readonly parentReferralId?: string;
  readonly disposal?: Disposal;
  /** The talk record or 初核 report that ended the matter without a case. */
  readonly conclusion?: { readonly text: string; readonly at: Instant };
  readonly caseNo?: string;
  /** Every outcome so far, in the order added, each with its deciding body (issue 17 §5). */
  readonly outcomes: readonly DecidedOutcome[];
  /**
   * True while outcomes accumulate and are not declared complete: no feedback yet. Absent on
   * referrals decided in one go (every stream written before outcomes could accumulate).
   */
  readonly outcomesOpen?: boolean;
  readonly feedback?: {
    readonly summary: string;
    readonly perSubject: readonly SubjectFeedback[];
    readonly fedBackAt: Instant;
    readonly late: boolean;
  };
  /** 组织处理 carried out (问责条例 art. 9). */
  readonly organisationalHandling?: { readonly documentNo: string; readonly doneOn: LocalDate };
  readonly typicalCase?: { readonly text: string; readonly anonymised: boolean; readonly publishedAt: Instant };
  readonly typicalCasePublished: boolean;
  readonly closure?: { readonly linkedRectification: readonly LinkedRectification[]; readonly closedAt: Instant };
  readonly escalationIds: readonly string[];
  readonly escalations: readonly EscalationRaisedData[];
  /** 延期申请 made on the referral's deadlines, decided or not (absent until the first one). */
  readonly deadlineRequests?: readonly ExtensionRequestRecord[];
  /** The 督办 ladder of each deadline, once a step of it has fired. */
  readonly ladders?: DeadlineLadders;
  /** 抄送: the organisations the referral was copied to (absent until the first copy). */
  readonly copiedTo?: readonly string[];
  /** 知悉范围 of a 机密 referral: the handlers each organisation named (the drafter from the start). */
  readonly handlers?: readonly NamedHandlers[];
}

export type ReferralState = NoReferral | ExistingReferral;
