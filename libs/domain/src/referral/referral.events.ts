import { Deadline } from '../calendar/deadline-policy';
import { DeadlineRecomputed } from '../calendar/deadline-recompute';
import { DeadlineChangeEvent } from '../deadline-change/deadline-change.types';
import { DeadlineAlarmEvent } from '../deadlines/deadline-alarm.messages';
import { EscalationRaised } from '../escalation/escalation';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { ActorRef } from '../shared/actor';
import { DomainEvent, EventDataBase } from '../shared/messages';
import { Instant, LocalDate } from '../shared/time';
import {
  DecidedOutcome,
  DisposalMethod,
  LinkedRectification,
  OrgRef,
  RecordedOutcome,
  ReferralTarget,
  TalkOrInquiryForm,
  TransferPackage,
} from './referral.model';

/**
 * Referral events (DOMAIN.md §4.6). The `type` strings are stored and never change; a payload
 * change means a new event type or an upcaster. Deadlines are recorded on the event that starts
 * them, so history shows how they were computed.
 */

export interface ReferralDraftedData extends EventDataBase {
  readonly referralId: string;
  readonly clueId: string;
  readonly regionId: string;
  /** The drafting office: it gets the feedback and closes the referral. */
  readonly ownerOrgId: string;
  readonly package: TransferPackage;
  readonly rulebookVersion: string;
  /** Why the clue is (or may be) transferred: the rulebook's verdict at drafting time. */
  readonly evaluation: SituationEvaluation;
  /** True when no situation or statutory ground made transfer mandatory (行政复议法 art. 85). */
  readonly discretionary: boolean;
  readonly conditionsMetOn: LocalDate;
  readonly transferDeadline: Deadline;
}
export type ReferralDrafted = DomainEvent<'ReferralDrafted', ReferralDraftedData>;

export interface ReferralApprovedData extends EventDataBase {
  readonly opinion: string;
  /** Who proposed it (the drafter); `by` is who approved. Kept for the "explain" view. */
  readonly proposedBy: ActorRef;
}
export type ReferralApproved = DomainEvent<'ReferralApproved', ReferralApprovedData>;

export interface ReferralSentData extends EventDataBase {
  readonly target: ReferralTarget;
  readonly sentAt: Instant;
  /** Sent after the transfer deadline ("第一时间", seed 004), judged on the business date. */
  readonly sentLate: boolean;
  /** 业务日期 when given on the command (issue 17); absent on older events and when it was the day of `sentAt`. */
  readonly occurredOn?: LocalDate;
}
export type ReferralSent = DomainEvent<'ReferralSent', ReferralSentData>;

export interface ReferralReceivedData extends EventDataBase {
  readonly registrationNo: string;
  /** Accept, forward or return within 5 working days (实施条例 arts. 169, 171). */
  readonly acceptanceDeadline: Deadline;
}
export type ReferralReceived = DomainEvent<'ReferralReceived', ReferralReceivedData>;

export interface ReferralForwardedData extends EventDataBase {
  readonly forwardTo: OrgRef;
  readonly reason: string;
}
export type ReferralForwarded = DomainEvent<'ReferralForwarded', ReferralForwardedData>;

export interface ReferralReturnedData extends EventDataBase {
  readonly reason: string;
}
export type ReferralReturned = DomainEvent<'ReferralReturned', ReferralReturnedData>;

export interface ReferralReroutedData extends EventDataBase {
  readonly target: ReferralTarget;
  readonly sentAt: Instant;
}
export type ReferralRerouted = DomainEvent<'ReferralRerouted', ReferralReroutedData>;

export interface ReferralAcceptedData extends EventDataBase {
  readonly acceptedSubjectIds: readonly string[];
  /** A commission proposes the disposal within a week (大理); an appointing authority has none. */
  readonly disposalDeadline?: Deadline;
}
export type ReferralAccepted = DomainEvent<'ReferralAccepted', ReferralAcceptedData>;

export interface ReferralPartiallyAcceptedData extends EventDataBase {
  readonly acceptedSubjectIds: readonly string[];
  readonly forwardedSubjectIds: readonly string[];
  readonly forwardTo: OrgRef;
  readonly childReferralId: string;
  readonly reason: string;
  readonly disposalDeadline: Deadline;
}
export type ReferralPartiallyAccepted = DomainEvent<'ReferralPartiallyAccepted', ReferralPartiallyAcceptedData>;

export interface ForwardedReferralOpenedData extends EventDataBase {
  readonly referralId: string;
  readonly parentReferralId: string;
  readonly clueId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly package: TransferPackage;
  readonly rulebookVersion: string;
  readonly evaluation: SituationEvaluation;
  readonly discretionary: boolean;
  readonly forwardedBy: string;
  readonly forwardTo: OrgRef;
  readonly reason: string;
}
export type ForwardedReferralOpened = DomainEvent<'ForwardedReferralOpened', ForwardedReferralOpenedData>;

export interface DisposalDecidedData extends EventDataBase {
  readonly method: DisposalMethod;
  readonly reason: string;
  /** TalkOrInquiryStart or PreliminaryVerification; none while shelved. */
  readonly disposalDeadline?: Deadline;
  /** Only for `Concluded`: the result is fed back within 10 working days. */
  readonly resultFeedbackDeadline?: Deadline;
}
export type DisposalDecided = DomainEvent<'DisposalDecided', DisposalDecidedData>;

export interface ShelvedReferralResumedData extends EventDataBase {
  readonly newEvidence: string;
  readonly disposalDeadline: Deadline;
}
export type ShelvedReferralResumed = DomainEvent<'ShelvedReferralResumed', ShelvedReferralResumedData>;

/** R8 — the talk held or the reply received; the conclusion is due 30 days after it (西乡). */
export interface TalkOrInquiryHeldData extends EventDataBase {
  readonly form: TalkOrInquiryForm;
  readonly heldOn: LocalDate;
  /** TalkOrInquiryConclusion, counted from `heldOn`. */
  readonly disposalDeadline: Deadline;
}
export type TalkOrInquiryHeld = DomainEvent<'TalkOrInquiryHeld', TalkOrInquiryHeldData>;

export interface TalkOrInquiryCompletedData extends EventDataBase {
  readonly record: string;
  readonly problemsSurfaced: boolean;
  readonly outcomes: readonly RecordedOutcome[];
  /** Problems surfaced: the preliminary verification deadline. */
  readonly disposalDeadline?: Deadline;
  /** Concluded: the feedback deadline. */
  readonly resultFeedbackDeadline?: Deadline;
}
export type TalkOrInquiryCompleted = DomainEvent<'TalkOrInquiryCompleted', TalkOrInquiryCompletedData>;

export interface CaseFiledData extends EventDataBase {
  readonly caseNo: string;
}
export type CaseFiled = DomainEvent<'CaseFiled', CaseFiledData>;

export interface VerificationConcludedData extends EventDataBase {
  readonly report: string;
  readonly resultFeedbackDeadline: Deadline;
}
export type VerificationConcluded = DomainEvent<'VerificationConcluded', VerificationConcludedData>;

export interface OutcomesRecordedData extends EventDataBase {
  readonly outcomes: readonly RecordedOutcome[];
  readonly resultFeedbackDeadline: Deadline;
  /**
   * OrganisationalHandling (1 month, [S2] 问责条例 art. 9) from the earliest decision date of an
   * outcome the organisation department must carry out; absent when there is none (and on events
   * recorded before this deadline was wired).
   */
  readonly organisationalHandlingDeadline?: Deadline;
}
/**
 * The single, final recording of outcomes written before outcomes could accumulate (issue 17 §5).
 * No longer written; it still folds as OutcomesAdded by the holder with `complete: true`.
 */
export type OutcomesRecorded = DomainEvent<'OutcomesRecorded', OutcomesRecordedData>;

/**
 * Outcomes added for some subjects (R11): several bodies decide over time (DOMAIN.md §7 — the
 * commission's 政务处分, later the 组织部's 组织处理), so outcomes accumulate until complete.
 */
export interface OutcomesAddedData extends EventDataBase {
  readonly outcomes: readonly DecidedOutcome[];
  /** The holder's word that handling is finished (重庆 art. 20 counts the feedback from it). */
  readonly complete: boolean;
  /** ResultFeedback (10 working days), only when `complete`. */
  readonly resultFeedbackDeadline?: Deadline;
  /** OrganisationalHandling (1 month, [S2] 问责条例 art. 9), when this addition starts one. */
  readonly organisationalHandlingDeadline?: Deadline;
}
export type OutcomesAdded = DomainEvent<'OutcomesAdded', OutcomesAddedData>;

/** The holder declares the accumulated outcomes complete without adding one: the feedback deadline starts. */
export interface OutcomesCompletedData extends EventDataBase {
  readonly resultFeedbackDeadline: Deadline;
}
export type OutcomesCompleted = DomainEvent<'OutcomesCompleted', OutcomesCompletedData>;

/** The per-person part of the feedback, derived from the recorded outcomes. */
export interface SubjectFeedback {
  readonly subjectId: string;
  readonly outcomes: readonly Pick<RecordedOutcome, 'outcome' | 'decisionDate' | 'documentNo'>[];
}

export interface ResultFedBackData extends EventDataBase {
  readonly summary: string;
  readonly perSubject: readonly SubjectFeedback[];
  /** Fed back after the 10-working-day deadline (重庆 art. 20). */
  readonly late: boolean;
}
export type ResultFedBack = DomainEvent<'ResultFedBack', ResultFedBackData>;

/** 组织处理 carried out (问责条例 art. 9): ends the OrganisationalHandling deadline. */
export interface OrganisationalHandlingCarriedOutData extends EventDataBase {
  /** The appointing organisation's 任免 / 处理 document. */
  readonly documentNo: string;
  readonly doneOn: LocalDate;
}
export type OrganisationalHandlingCarriedOut = DomainEvent<
  'OrganisationalHandlingCarriedOut',
  OrganisationalHandlingCarriedOutData
>;

export interface TypicalCasePublishedData extends EventDataBase {
  readonly text: string;
  readonly anonymised: boolean;
  /** 业务日期 when given on the command (issue 17); absent on older events: the day of `at`. */
  readonly occurredOn?: LocalDate;
}
export type TypicalCasePublished = DomainEvent<'TypicalCasePublished', TypicalCasePublishedData>;

export interface ReferralClosedData extends EventDataBase {
  readonly linkedRectification: readonly LinkedRectification[];
}
export type ReferralClosed = DomainEvent<'ReferralClosed', ReferralClosedData>;

export type ReferralEvent =
  | ReferralDrafted
  | ReferralApproved
  | ReferralSent
  | ReferralReceived
  | ReferralForwarded
  | ReferralReturned
  | ReferralRerouted
  | ReferralAccepted
  | ReferralPartiallyAccepted
  | ForwardedReferralOpened
  | DisposalDecided
  | ShelvedReferralResumed
  | TalkOrInquiryHeld
  | TalkOrInquiryCompleted
  | CaseFiled
  | VerificationConcluded
  | OutcomesRecorded
  | OutcomesAdded
  | OutcomesCompleted
  | ResultFedBack
  | OrganisationalHandlingCarriedOut
  | TypicalCasePublished
  | ReferralClosed
  | EscalationRaised
  | DeadlineChangeEvent
  | DeadlineRecomputed
  | DeadlineAlarmEvent;

/** Events only the receiving side (the current holder) may produce. */
export const RECEIVING_SIDE_EVENT_TYPES: readonly ReferralEvent['type'][] = [
  'ReferralReceived',
  'ReferralForwarded',
  'ReferralReturned',
  'ReferralAccepted',
  'ReferralPartiallyAccepted',
  'DisposalDecided',
  'ShelvedReferralResumed',
  'TalkOrInquiryHeld',
  'TalkOrInquiryCompleted',
  'CaseFiled',
  'VerificationConcluded',
  'OutcomesRecorded',
  'OutcomesAdded',
  'OutcomesCompleted',
  'ResultFedBack',
  'OrganisationalHandlingCarriedOut',
  'TypicalCasePublished',
];
