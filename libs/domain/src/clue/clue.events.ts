import { CarbonCopySent } from '../access/case-access.messages';
import type { AccountabilityType } from '../accountability/accountability.measures';
import { Deadline } from '../calendar/deadline-policy';
import { DeadlineRecomputed } from '../calendar/deadline-recompute';
import { DeadlineChangeEvent } from '../deadline-change/deadline-change.types';
import { DeadlineAlarmEvent } from '../deadlines/deadline-alarm.messages';
import { EscalationRaised } from '../escalation/escalation';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { DomainEvent, EventDataBase } from '../shared/messages';
import { Subject } from '../shared/subject';
import { Instant, LocalDate } from '../shared/time';
import { ClueSource, SupervisionInstrumentKind } from './clue-source';
import type { LedgerRowRef } from '../ledger-import/clue-import';
import type { ClueStatus } from './clue.state';
import {
  Agency,
  Attachment,
  ClueCategory,
  DismissalReason,
  ClueEvaluationMethod,
  ClueEvaluationResult,
  RectificationItemSnapshot,
  RectificationPlanItem,
} from './clue.commands';

/**
 * Stored event types of the clue stream (`clue-<clueId>`). The `type` strings are stable: change a
 * payload by adding a new type or an upcaster, never by editing one of these.
 */

export interface ClueRegisteredData extends EventDataBase {
  readonly clueId: string;
  readonly regionId: string;
  /** The registering organisation, which owns the clue. */
  readonly ownerOrgId: string;
  readonly source: ClueSource;
  readonly sourceRef: string;
  readonly receivedAt: Instant;
  readonly agency: Agency;
  readonly summary: string;
  readonly subjects: readonly Subject[];
  readonly attachments: readonly Attachment[];
}
export type ClueRegistered = DomainEvent<'ClueRegistered', ClueRegisteredData>;

export interface ClueAnalysisStartedData extends EventDataBase {
  readonly analystUserId: string;
}
export type ClueAnalysisStarted = DomainEvent<'ClueAnalysisStarted', ClueAnalysisStartedData>;

export interface ClueDismissedData extends EventDataBase {
  readonly reason: DismissalReason;
  readonly explanation: string;
  readonly verificationReport?: string;
}
export type ClueDismissed = DomainEvent<'ClueDismissed', ClueDismissedData>;

export interface VerificationStartedData extends EventDataBase {
  readonly situationCodes: readonly string[];
  readonly evidenceCodes: readonly string[];
  readonly statutoryGroundCodes: readonly string[];
  readonly justification?: string;
  readonly legalBasis: readonly string[];
  readonly category: ClueCategory;
  readonly verificationPlan: string;
  readonly team: readonly string[];
  /** The rulebook's verdict on the claimed facts, recorded for auditors (Decision 3). */
  readonly evaluation: SituationEvaluation;
  /** 初核 period (ClueVerification). */
  readonly deadline: Deadline;
  /** Present when the evaluation makes transfer mandatory: "第一时间" (TransferAfterConditionsMet). */
  readonly transferDeadline?: Deadline;
}
export type VerificationStarted = DomainEvent<'VerificationStarted', VerificationStartedData>;

export interface SupervisionInstrumentIssuedData extends EventDataBase {
  readonly verificationReport: string;
  readonly responsibleUnits: readonly string[];
  readonly instrument: {
    readonly kind: SupervisionInstrumentKind;
    readonly documentNo: string;
    /** 送达日期, when given (older events have none). */
    readonly servedOn?: LocalDate;
  };
  /** The agency's correction / rectification period under the instrument (from service when known). */
  readonly deadline: Deadline;
  /** The agency's plan is due within this period (RectificationPlan, C7). */
  readonly planDeadline: Deadline;
  /** Present when the facts were updated; `evaluation` is then the re-evaluation. */
  readonly situationCodes?: readonly string[];
  readonly evidenceCodes?: readonly string[];
  readonly evaluation?: SituationEvaluation;
  /** Present when the re-evaluation newly makes transfer mandatory. */
  readonly transferDeadline?: Deadline;
}
export type SupervisionInstrumentIssued = DomainEvent<'SupervisionInstrumentIssued', SupervisionInstrumentIssuedData>;

/** An issued instrument as a clue keeps it (issue 17 §6). */
export interface InstrumentRef {
  readonly kind: SupervisionInstrumentKind;
  readonly documentNo: string;
  /** 送达日期, when given. */
  readonly servedOn?: LocalDate;
}

/**
 * A further instrument on the clue (issue 17 §6: 意见书 → 决定书), superseding the current one: its
 * period (from service when known, 行政复议法 art. 76 / 山东 art. 29) is the agency's deadline now.
 */
export interface FollowUpInstrumentIssuedData extends EventDataBase {
  readonly instrument: InstrumentRef;
  readonly reason: string;
  /** The instrument it supersedes. */
  readonly supersedes: InstrumentRef;
  readonly deadline: Deadline;
}
export type FollowUpInstrumentIssued = DomainEvent<'FollowUpInstrumentIssued', FollowUpInstrumentIssuedData>;

export interface RectificationPlanSubmittedData extends EventDataBase {
  readonly items: readonly RectificationPlanItem[];
  /** The latest item due date, or the instrument's deadline when every item is long-term. */
  readonly deadline: Deadline;
  /** 业务日期 of the plan, when it was stated (absent: the day it was recorded). */
  readonly occurredOn?: LocalDate;
}
export type RectificationPlanSubmitted = DomainEvent<'RectificationPlanSubmitted', RectificationPlanSubmittedData>;

export interface RectificationFeedbackSubmittedData extends EventDataBase {
  readonly report: string;
  readonly evidence: readonly Attachment[];
}
export type RectificationFeedbackSubmitted = DomainEvent<
  'RectificationFeedbackSubmitted',
  RectificationFeedbackSubmittedData
>;

export type ClueEvaluationStarted = DomainEvent<'ClueEvaluationStarted', EventDataBase>;

export interface ClueEvaluatedData extends EventDataBase {
  readonly result: ClueEvaluationResult;
  readonly method: ClueEvaluationMethod;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
  /** Pass: the item states the evaluation relied on, kept as evidence that every item was closed. */
  readonly rectificationItems?: readonly RectificationItemSnapshot[];
}
export type ClueEvaluated = DomainEvent<'ClueEvaluated', ClueEvaluatedData>;

/** 销号 — only ever appended right after a passing ClueEvaluated. */
export interface ClueClosedData extends EventDataBase {
  readonly lookBackDeadline: Deadline;
}
export type ClueClosed = DomainEvent<'ClueClosed', ClueClosedData>;

/** 重新整改 — after a failed evaluation or look-back. */
export interface ClueReopenedData extends EventDataBase {
  readonly trigger: 'Evaluation' | 'LookBack';
  readonly failureReasons: readonly string[];
  readonly deadline: Deadline;
}
export type ClueReopened = DomainEvent<'ClueReopened', ClueReopenedData>;

export interface ClueLookBackCompletedData extends EventDataBase {
  readonly result: ClueEvaluationResult;
  readonly method: ClueEvaluationMethod;
  readonly notes: string;
  readonly failureReasons?: readonly string[];
}
export type ClueLookBackCompleted = DomainEvent<'ClueLookBackCompleted', ClueLookBackCompletedData>;

export interface ReferralProposedData extends EventDataBase {
  readonly referralId: string;
  readonly situationCodes: readonly string[];
  readonly evidenceCodes: readonly string[];
  readonly statutoryGroundCodes: readonly string[];
  readonly justification?: string;
  readonly legalBasis: readonly string[];
  readonly rulebookVersion: string;
  readonly evaluation: SituationEvaluation;
  /** 行政复议法 art. 85: transferred on the office's judgement, not because the rulebook mandates it. */
  readonly discretionary: boolean;
  /** Present when this proposal starts the clue's transfer obligation. */
  readonly transferDeadline?: Deadline;
}
export type ReferralProposed = DomainEvent<'ReferralProposed', ReferralProposedData>;

export interface ClueReferralSentData extends EventDataBase {
  readonly referralId: string;
  readonly sentAt: Instant;
}
export type ClueReferralSent = DomainEvent<'ClueReferralSent', ClueReferralSentData>;

/** An accountability case (追责问责, issue 17) opened on the clue: the link, as the case recorded it. */
export interface AccountabilityCaseLinkedData extends EventDataBase {
  readonly accountabilityId: string;
  readonly accountabilityType: AccountabilityType;
  readonly decidingOrgId: string;
  readonly openedOn: LocalDate;
}
export type AccountabilityCaseLinked = DomainEvent<'AccountabilityCaseLinked', AccountabilityCaseLinkedData>;

/** 典型案例 published by the office, as published: already anonymised (issue 17). */
export interface ClueTypicalCasePublishedData extends EventDataBase {
  readonly text: string;
  /** Names and numbers the publication replaced. */
  readonly replacements: number;
  readonly occurredOn: LocalDate;
}
export type ClueTypicalCasePublished = DomainEvent<'ClueTypicalCasePublished', ClueTypicalCasePublishedData>;
/**
 * 历史补录 — the clue came from a legacy ledger line (issue 19 §3): the step it had reached there,
 * recorded by the importing user right after its ClueRegistered. Marks the clue as imported for its
 * history, the ledgers and the statistics.
 */
export interface ClueHistoryImportedData extends EventDataBase {
  readonly status: Exclude<ClueStatus, 'None'>;
  /** The day the ledger says the clue reached `status` (业务日期), when it says. */
  readonly statusOn?: LocalDate;
  readonly note?: string;
  readonly ledgerRow: LedgerRowRef;
}
export type ClueHistoryImported = DomainEvent<'ClueHistoryImported', ClueHistoryImportedData>;

export type ClueEvent =
  | ClueRegistered
  | ClueAnalysisStarted
  | ClueDismissed
  | VerificationStarted
  | SupervisionInstrumentIssued
  | FollowUpInstrumentIssued
  | RectificationPlanSubmitted
  | RectificationFeedbackSubmitted
  | ClueEvaluationStarted
  | ClueEvaluated
  | ClueClosed
  | ClueReopened
  | ClueLookBackCompleted
  | ReferralProposed
  | ClueReferralSent
  | AccountabilityCaseLinked
  | ClueHistoryImported
  | EscalationRaised
  | DeadlineChangeEvent
  | DeadlineRecomputed
  | DeadlineAlarmEvent
  | CarbonCopySent
  | ClueTypicalCasePublished;
