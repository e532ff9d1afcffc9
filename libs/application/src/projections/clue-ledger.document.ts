import { ItemEntry, ReferralEntry } from './clue-links';
import { DueMark } from './deadline-marks';

/*
 * The clue ledger's documents as stored (clue-ledger.projection.ts writes them; the queries, exports,
 * statistics and the API read them). Kept apart from the projection's fold.
 */

/** One line of the 线索台账 as stored (the query adds `overdue`). */
export interface ClueLedgerDocument {
  readonly clueId: string;
  readonly regionId: string;
  readonly countyId: string;
  readonly ownerOrgId: string;
  readonly agencyOrgId: string;
  readonly agencyName: string;
  readonly source: string;
  readonly sourceRef: string;
  readonly summary: string;
  readonly receivedAt: string;
  /** China date of receipt: the date statistics count the clue on. */
  readonly receivedOn: string;
  readonly registeredAt: string;
  /** The current step (ClueStatus). */
  readonly status: string;
  readonly category?: string;
  readonly situationCodes: readonly string[];
  readonly matchedCodes: readonly string[];
  readonly instrument?: {
    readonly kind: string;
    readonly documentNo: string;
    readonly issuedAt: string;
    readonly dueOn: string;
  };
  /** Due date of the current step: verification, instrument, plan, reopened rectification or look-back. */
  readonly stepDueOn?: string;
  /** Counted without its year's holiday table: the date may move when the table arrives (issue 15 §4). */
  readonly stepDueProvisional?: true;
  /** An explicit date kept on a rest day. */
  readonly stepDueNonWorkingDay?: true;
  readonly planDueOn?: string;
  readonly planDueProvisional?: true;
  readonly planDueNonWorkingDay?: true;
  /** "第一时间" transfer deadline, until a referral is sent (Decision 3). */
  readonly transferDueOn?: string;
  readonly transferDueProvisional?: true;
  readonly transferDueNonWorkingDay?: true;
  /** 延期 / 中止 marks of the three due dates above, while they belong to the date shown. */
  readonly stepDueMark?: DueMark;
  readonly planDueMark?: DueMark;
  readonly transferDueMark?: DueMark;
  readonly transferredAt?: string;
  readonly referrals: readonly ReferralEntry[];
  readonly items: readonly ItemEntry[];
  readonly rectification: {
    readonly total: number;
    readonly closed: number;
    readonly longTerm: number;
    readonly open: number;
  };
  /** The earliest of the step, plan and transfer deadlines and the open items' due dates. */
  readonly nextDueOn?: string;
  /** Every escalation of the clue, its referrals and its items. */
  readonly escalations: number;
  readonly reopenCount: number;
  readonly lastEvaluationResult?: string;
  readonly lastLookBackResult?: string;
  readonly closedAt?: string;
  readonly dismissalReason?: string;
  /** 抄送: organisations the supervision instrument was copied to; they read the clue (only read). */
  readonly copiedTo?: readonly string[];
  /** 典型案例 published by the office (issue 17), on its business date. */
  readonly typicalCasePublishedOn?: string;
  readonly updatedAt: string;
  /** 历史补录: the clue came from a legacy ledger line (ClueHistoryImported); absent otherwise. */
  readonly imported?: true;
  /** The line's number in the office's legacy ledger. */
  readonly ledgerNo?: string;
  /** The day the legacy ledger says the clue reached its step. */
  readonly importedStatusOn?: string;
  // The supervised agency reads these instead of the fields named without `agency` (CLUE_LEDGER_FIELDS.standIns):
  // they hold only what its view of the clue shows (the domain's AGENCY_CLUE_VIEW). No one else reads them.
  /** Its own items (an item of another agency is not its to see: the rectification visibility). */
  readonly agencyItems: readonly ItemEntry[];
  readonly agencyRectification: ClueLedgerDocument['rectification'];
  /** The earliest of the deadlines it sees: the step from the instrument on, the plan, its own items; never the transfer deadline. */
  readonly agencyNextDueOn?: string;
  /** The escalations of the clue addressed to it (its clue view lists those). */
  readonly agencyEscalations: number;
  /** When an event it sees last changed the line; never a referral's, nor an escalation aimed at others. */
  readonly agencyUpdatedAt?: string;
}

/** The fields the agency reads in place of others; every reader but the agency is spared them. */
export type ClueLedgerAgencyField =
  'agencyItems' | 'agencyRectification' | 'agencyNextDueOn' | 'agencyEscalations' | 'agencyUpdatedAt';
