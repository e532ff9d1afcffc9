import { Deadline } from '../calendar/deadline-policy';
import { isSameCount } from '../calendar/deadline-recompute';
import { changedDeadline, changedRequests, recountedRequests } from '../deadline-change/deadline-change.evolve';
import { ExtensionRequestRecord } from '../deadline-change/deadline-change.types';
import { DeadlineLadders, evolveLadders } from '../deadlines/deadline-alarm.decide';
import { evolveCopies } from '../access/case-access.messages';
import { EscalationRaisedData } from '../escalation/escalation';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { assertNever } from '../shared/decider';
import { Subject } from '../shared/subject';
import { Instant, LocalDate } from '../shared/time';
import { ClueSource, SupervisionInstrumentKind } from './clue-source';
import { Agency, Attachment, ClueCategory, DismissalReason, ClueEvaluationResult, PlanItemMode } from './clue.commands';
import { ClueEvent } from './clue.events';
import { clueStatusAfter } from './clue.status';
import type { LedgerRowRef } from '../ledger-import/clue-import';

/** Stream category: a clue lives in stream `clue-<clueId>`. */
export const CLUE_CATEGORY = 'clue';
export const clueStreamName = (clueId: string): string => `${CLUE_CATEGORY}-${clueId}`;

/** The clue's life (DOMAIN.md §4.1). */
export const CLUE_STATUSES = [
  'None',
  /** 线索登记 — registered. */
  'Registered',
  /** 线索分析 — under analysis. */
  'Analysis',
  /** 问题核实 — under verification. */
  'Verification',
  /** 问题监督 — instrument issued, waiting for the agency's plan. */
  'Supervision',
  /** 问题整改 — the agency rectifies. */
  'Rectification',
  /** 落实反馈 — the agency has reported. */
  'Feedback',
  /** 评估 — the supervisor checks that the rectification is real. */
  'Evaluation',
  /** 销号 — closed out; a look-back (回头看) is due. */
  'Closed',
  /** 归档 — look-back passed; nothing further happens. */
  'Archived',
  /** 予以了结 — dropped; terminal. */
  'Dismissed',
] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** A referral spawned by the clue, as far as the clue needs to know it. */
export interface ClueReferral {
  readonly referralId: string;
  readonly proposedAt: Instant;
  readonly rulebookVersion: string;
  readonly matchedCodes: readonly string[];
  readonly discretionary: boolean;
  readonly sentAt?: Instant;
}

/** An instrument a later one superseded, as it stood then. */
export interface SupersededInstrument {
  readonly kind: SupervisionInstrumentKind;
  readonly documentNo: string;
  readonly servedOn?: LocalDate;
  readonly deadline: Deadline;
  readonly supersededAt: Instant;
}

export interface ClueState {
  readonly status: ClueStatus;
  readonly clueId?: string;
  readonly regionId?: string;
  readonly ownerOrgId?: string;
  readonly agency?: Agency;
  readonly source?: ClueSource;
  readonly sourceRef?: string;
  readonly receivedAt?: Instant;
  readonly summary?: string;
  readonly subjects: readonly Subject[];
  readonly attachments: readonly Attachment[];
  readonly analystUserId?: string;
  readonly category?: ClueCategory;
  readonly verificationTeam: readonly string[];
  /** The facts last given to the rulebook for this clue (verification, updated at the instrument). */
  readonly situationCodes: readonly string[];
  readonly evidenceCodes: readonly string[];
  readonly statutoryGroundCodes: readonly string[];
  readonly justification?: string;
  readonly legalBasis: readonly string[];
  /** The latest rulebook evaluation of the clue's own facts. */
  readonly evaluation?: SituationEvaluation;
  /** The current supervision instrument: the latest of the sequence, whose period runs now. */
  readonly instrument?: {
    readonly kind: SupervisionInstrumentKind;
    readonly documentNo: string;
    readonly servedOn?: LocalDate;
    readonly deadline: Deadline;
  };
  /**
   * The instruments it superseded, oldest first (issue 17 §6: 意见书 → 决定书), each with the
   * period it had when superseded; absent until a follow-up instrument is issued.
   */
  readonly supersededInstruments?: readonly SupersededInstrument[];
  /** The current step's due date: verification, instrument, plan, reopened rectification or look-back. */
  readonly deadline?: Deadline;
  /** While in Supervision: the agency's plan is due (RectificationPlan). */
  readonly planDeadline?: Deadline;
  /** Decision 3: a mandatory transfer is due; cleared once a referral is sent. */
  readonly transferDeadline?: Deadline;
  /** When the first referral of the clue was sent. */
  readonly transferredAt?: Instant;
  readonly referralIds: readonly string[];
  readonly sentReferralIds: readonly string[];
  readonly referrals: readonly ClueReferral[];
  /** The plan's items (their life is in the RectificationItem streams). */
  readonly rectificationItems: readonly { readonly itemId: string; readonly mode: PlanItemMode }[];
  readonly feedbackCount: number;
  readonly evaluationCount: number;
  readonly lastEvaluationResult?: ClueEvaluationResult;
  readonly lookBackCount: number;
  readonly lastLookBackResult?: ClueEvaluationResult;
  readonly reopenCount: number;
  readonly closedAt?: Instant;
  readonly dismissal?: { readonly reason: DismissalReason; readonly explanation: string; readonly at: Instant };
  readonly escalationIds: readonly string[];
  readonly escalations: readonly EscalationRaisedData[];
  /** 延期申请 made on the clue's deadlines, decided or not (absent until the first one). */
  readonly deadlineRequests?: readonly ExtensionRequestRecord[];
  /** The 督办 ladder of each deadline, once a step of it has fired. */
  readonly ladders?: DeadlineLadders;
  /** 抄送: the organisations the supervision instrument was copied to (absent until the first copy). */
  readonly copiedTo?: readonly string[];
  /** The day the office published the clue as a 典型案例 (issue 17), once. */
  readonly typicalCasePublishedOn?: LocalDate;
  /** 历史补录: the legacy ledger line the clue was imported from (absent for a clue registered here). */
  readonly importedFrom?: LedgerRowRef;
  /** 追责问责 cases opened on the clue (issue 17; absent until the first is linked). */
  readonly accountabilityIds?: readonly string[];
}

export const initialClueState = (): ClueState => ({
  status: 'None',
  subjects: [],
  attachments: [],
  verificationTeam: [],
  situationCodes: [],
  evidenceCodes: [],
  statutoryGroundCodes: [],
  legalBasis: [],
  referralIds: [],
  sentReferralIds: [],
  referrals: [],
  rectificationItems: [],
  feedbackCount: 0,
  evaluationCount: 0,
  lookBackCount: 0,
  reopenCount: 0,
  escalationIds: [],
  escalations: [],
});

/** Applies a stored event. Trusts the event (decide validated it) and never throws on a known type. */
export const evolveClue = (state: ClueState, event: ClueEvent): ClueState => {
  const status = clueStatusAfter(state.status, event);
  switch (event.type) {
    case 'ClueRegistered': {
      const d = event.data;
      return {
        ...state,
        status,
        clueId: d.clueId,
        regionId: d.regionId,
        ownerOrgId: d.ownerOrgId,
        agency: d.agency,
        source: d.source,
        sourceRef: d.sourceRef,
        receivedAt: d.receivedAt,
        summary: d.summary,
        subjects: d.subjects,
        attachments: d.attachments,
      };
    }
    case 'ClueAnalysisStarted':
      return { ...state, status, analystUserId: event.data.analystUserId };
    case 'ClueDismissed': {
      const { reason, explanation, at } = event.data;
      return { ...state, status, dismissal: { reason, explanation, at }, deadline: undefined };
    }
    case 'VerificationStarted': {
      const d = event.data;
      return {
        ...state,
        status,
        situationCodes: d.situationCodes,
        evidenceCodes: d.evidenceCodes,
        statutoryGroundCodes: d.statutoryGroundCodes,
        justification: d.justification,
        legalBasis: d.legalBasis,
        category: d.category,
        verificationTeam: d.team,
        evaluation: d.evaluation,
        deadline: d.deadline,
        transferDeadline: d.transferDeadline ?? state.transferDeadline,
      };
    }
    case 'SupervisionInstrumentIssued': {
      const d = event.data;
      return {
        ...state,
        status,
        instrument: { ...d.instrument, deadline: d.deadline },
        deadline: d.deadline,
        planDeadline: d.planDeadline,
        situationCodes: d.situationCodes ?? state.situationCodes,
        evidenceCodes: d.evidenceCodes ?? state.evidenceCodes,
        evaluation: d.evaluation ?? state.evaluation,
        transferDeadline: d.transferDeadline ?? state.transferDeadline,
      };
    }
    case 'FollowUpInstrumentIssued': {
      const d = event.data;
      const superseded = state.instrument ? [{ ...state.instrument, supersededAt: d.at }] : [];
      return {
        ...state,
        status,
        supersededInstruments: [...(state.supersededInstruments ?? []), ...superseded],
        instrument: { ...d.instrument, deadline: d.deadline },
        deadline: d.deadline,
      };
    }
    case 'RectificationPlanSubmitted':
      return {
        ...state,
        status,
        rectificationItems: [
          ...state.rectificationItems,
          ...event.data.items.map(({ itemId, mode }) => ({ itemId, mode })),
        ],
        deadline: event.data.deadline,
        planDeadline: undefined,
      };
    case 'RectificationFeedbackSubmitted':
      return { ...state, status, feedbackCount: state.feedbackCount + 1, deadline: undefined };
    case 'ClueEvaluationStarted':
      return { ...state, status };
    case 'ClueEvaluated':
      return { ...state, evaluationCount: state.evaluationCount + 1, lastEvaluationResult: event.data.result };
    case 'ClueClosed':
      return { ...state, status, closedAt: event.data.at, deadline: event.data.lookBackDeadline };
    case 'ClueReopened':
      return { ...state, status, reopenCount: state.reopenCount + 1, deadline: event.data.deadline };
    case 'ClueLookBackCompleted':
      return {
        ...state,
        status,
        deadline: event.data.result === 'Pass' ? undefined : state.deadline,
        lookBackCount: state.lookBackCount + 1,
        lastLookBackResult: event.data.result,
      };
    case 'ReferralProposed': {
      const d = event.data;
      const referral: ClueReferral = {
        referralId: d.referralId,
        proposedAt: d.at,
        rulebookVersion: d.rulebookVersion,
        matchedCodes: d.evaluation.matchedCodes,
        discretionary: d.discretionary,
      };
      return {
        ...state,
        referralIds: [...state.referralIds, d.referralId],
        referrals: [...state.referrals, referral],
        transferDeadline: d.transferDeadline ?? state.transferDeadline,
      };
    }
    case 'ClueReferralSent': {
      const { referralId, sentAt } = event.data;
      return {
        ...state,
        sentReferralIds: [...state.sentReferralIds, referralId],
        referrals: state.referrals.map((r) => (r.referralId === referralId ? { ...r, sentAt } : r)),
        transferDeadline: undefined,
        transferredAt: state.transferredAt ?? sentAt,
      };
    }
    case 'AccountabilityCaseLinked':
      return { ...state, accountabilityIds: [...(state.accountabilityIds ?? []), event.data.accountabilityId] };
    case 'ClueHistoryImported':
      return { ...state, status, importedFrom: event.data.ledgerRow };
    case 'CarbonCopySent':
      return { ...state, copiedTo: evolveCopies(state.copiedTo, event.data) };
    case 'ClueTypicalCasePublished':
      return { ...state, typicalCasePublishedOn: event.data.occurredOn };
    case 'EscalationRaised':
      return {
        ...state,
        escalationIds: [...state.escalationIds, event.data.escalationId],
        escalations: [...state.escalations, event.data],
      };
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed': {
      // The instrument keeps its own copy of its period; it moves with the clue's deadline.
      const instrument = state.instrument && {
        ...state.instrument,
        deadline: changedDeadline(state.instrument.deadline, event),
      };
      return {
        ...state,
        ...(instrument ? { instrument } : {}),
        deadline: changedDeadline(state.deadline, event),
        planDeadline: changedDeadline(state.planDeadline, event),
        transferDeadline: changedDeadline(state.transferDeadline, event),
        deadlineRequests: changedRequests(state.deadlineRequests, event),
      };
    }
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued':
      return { ...state, ladders: evolveLadders(state.ladders, event) };
    case 'DeadlineRecomputed': {
      const recounted = recountedClue(state, event.data.slot, event.data.deadline);
      const deadlineRequests = recountedRequests(state.deadlineRequests, event.data);
      return recounted !== state && deadlineRequests ? { ...recounted, deadlineRequests } : recounted;
    }
    default:
      return assertNever(event);
  }
};

/** The deadlines of a clue that a recount may move, by the state field that holds them. */
export const CLUE_DEADLINE_SLOTS = ['deadline', 'planDeadline', 'transferDeadline'] as const;
export type ClueDeadlineSlot = (typeof CLUE_DEADLINE_SLOTS)[number];

/**
 * The open deadlines of the clue by slot: a met deadline is cleared from its field, and a
 * dismissed or archived clue has none left to meet.
 */
export const openClueDeadlines = (state: ClueState): Readonly<Record<ClueDeadlineSlot, Deadline | undefined>> =>
  state.status === 'Dismissed' || state.status === 'Archived'
    ? { deadline: undefined, planDeadline: undefined, transferDeadline: undefined }
    : { deadline: state.deadline, planDeadline: state.planDeadline, transferDeadline: state.transferDeadline };

/** The instrument keeps a copy of the deadline it set; a recount of that deadline moves both. */
const recountedClue = (state: ClueState, slot: string, deadline: Deadline): ClueState => {
  if (!(CLUE_DEADLINE_SLOTS as readonly string[]).includes(slot)) return state;
  const key = slot as ClueDeadlineSlot;
  const instrument =
    key === 'deadline' && state.instrument && isSameCount(state.instrument.deadline, state.deadline)
      ? { ...state.instrument, deadline }
      : state.instrument;
  return { ...state, [key]: deadline, ...(instrument ? { instrument } : {}) };
};
