import { Subject } from '@xj/domain';
import { DueMark } from './deadline-marks';

/*
 * The commission inbox's documents as stored (commission-inbox.projection.ts writes them; the
 * queries, exports and the API read them). Kept apart from the projection's fold.
 */

/** One step of the 转送 trail. */
export interface InboxForwarding {
  readonly fromOrgId: string;
  readonly toOrgId: string;
  readonly at: string;
  readonly reason: string;
}

/** One outcome for one person (DOMAIN.md §7), as recorded. */
export interface InboxOutcome {
  readonly subjectId: string;
  readonly outcome: string;
  readonly layer: string;
  readonly decisionDate: string;
  readonly documentNo: string;
  /** Who decided it (a DECIDING_BODY_KINDS code); absent on outcomes recorded before issue 17 §5: the holder. */
  readonly decidedBy?: string;
}

/** One referral in the 纪委监委 inbox, as stored (the query adds the overdue flags). */
export interface InboxDocument {
  readonly referralId: string;
  readonly clueId: string;
  readonly regionId: string;
  readonly countyId: string;
  readonly ownerOrgId: string;
  readonly parentReferralId?: string;
  /** False while the office drafts: the inbox shows only what was sent or forwarded. */
  readonly inInbox: boolean;
  readonly status: string;
  readonly targetKind?: string;
  readonly targetOrgId?: string;
  readonly holderOrgId?: string;
  readonly forwardings: readonly InboxForwarding[];
  /** Every organisation that may see it: target, holder, and each one it was forwarded from or to. */
  readonly visibleTo: readonly string[];
  readonly package: {
    readonly clueSummary: string;
    readonly source: string;
    readonly sourceRef: string;
    readonly situationCodes: readonly string[];
    readonly statutoryGroundCodes: readonly string[];
    readonly matchedCodes: readonly string[];
    readonly subjects: readonly Subject[];
    readonly secrecyLevel: string;
  };
  readonly discretionary: boolean;
  readonly rulebookVersion: string;
  readonly draftedAt: string;
  /** First sending (or the opening of a forwarded part), as recorded. */
  readonly firstSentAt?: string;
  /** Business date (业务日期) of the first sending: the date statistics count a referral on. */
  readonly firstSentOn?: string;
  readonly sentAt?: string;
  readonly sentLate?: boolean;
  readonly receivedAt?: string;
  readonly registrationNo?: string;
  /** 5 working days from receipt (实施条例 arts. 169, 171), as recorded on ReferralReceived. */
  readonly acceptanceDueOn?: string;
  /** When the holder accepted, forwarded or returned it: the acceptance deadline is met. */
  readonly acceptanceDoneAt?: string;
  readonly disposalDueOn?: string;
  /** 10 working days after handling (重庆 art. 20), as recorded on the handling event. */
  readonly resultFeedbackDueOn?: string;
  /**
   * 组织处理 within one month of the decision (问责条例 art. 9): it runs beside the line's steps, so
   * it is not the running `dueOn`; cleared when carried out (`organisationalHandlingDoneOn`).
   */
  readonly organisationalHandlingDueOn?: string;
  /** Its 延期 / 中止 mark; while paused the date is kept here and `organisationalHandlingDueOn` is absent. */
  readonly organisationalHandlingDueMark?: DueMark;
  readonly organisationalHandlingDoneOn?: string;
  /** The deadline running now (the referral's `deadline`) and its rule. */
  readonly dueOn?: string;
  readonly dueRule?: string;
  /** 延期 / 中止 mark of the running deadline; while paused `dueOn` (and its own field) is absent and the date kept here. */
  readonly dueMark?: DueMark;
  /** The running deadline was counted without its year's holiday table: it may move (issue 15 §4). */
  readonly dueProvisional?: true;
  /** The running deadline is an explicit date kept on a rest day. */
  readonly dueNonWorkingDay?: true;
  readonly disposalMethod?: string;
  readonly caseNo?: string;
  readonly acceptedSubjectIds: readonly string[];
  readonly outcomes: readonly InboxOutcome[];
  /** True while outcomes accumulate, not yet declared complete (issue 17 §5); absent when never open. */
  readonly outcomesOpen?: boolean;
  readonly fedBack: boolean;
  readonly fedBackAt?: string;
  readonly fedBackLate?: boolean;
  readonly typicalCase: boolean;
  readonly typicalCasePublishedOn?: string;
  readonly closed: boolean;
  readonly closedAt?: string;
  readonly returnReason?: string;
  readonly escalations: number;
  /** 抄送: organisations the referral was copied to; they read it (only read). */
  readonly copiedTo: readonly string[];
  /** 知悉范围 of a 机密 referral: its named handlers as `orgId#userId` (the domain's handlerKey). */
  readonly handlers: readonly string[];
  readonly updatedAt: string;
}
