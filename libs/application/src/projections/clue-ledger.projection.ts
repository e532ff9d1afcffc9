import { ClueEvent } from '@xj/domain';
import { JsonObject, JsonValue } from '../event-store/event-store.types';
import { ProjectedEvent, ReadModelDocument } from '../read-models/projection';
import {
  ClueLinks,
  ItemEntry,
  ReferralEntry,
  clueLinkKeys,
  indexEntry,
  itemsAfter,
  progressOf,
  rectificationEvent,
  referralEvent,
  referralsAfter,
} from './clue-links';
import { IndexedProjection, Patch, count, countyOf, dateOf, defined, domainEvent, earliest, json, list, patch, stampFresh, text } from './projection-support';

export const CLUE_LEDGER = 'clue-ledger';
export const CLUE_LEDGER_CLUES = 'clues';
const INDEX = 'case-index';

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
  readonly instrument?: { readonly kind: string; readonly documentNo: string; readonly issuedAt: string; readonly dueOn: string };
  /** Due date of the current step: verification, instrument, plan, reopened rectification or look-back. */
  readonly stepDueOn?: string;
  readonly planDueOn?: string;
  /** "第一时间" transfer deadline, until a referral is sent (Decision 3). */
  readonly transferDueOn?: string;
  readonly transferredAt?: string;
  readonly referrals: readonly ReferralEntry[];
  readonly items: readonly ItemEntry[];
  readonly rectification: { readonly total: number; readonly closed: number; readonly longTerm: number; readonly open: number };
  /** The earliest of the step, plan and transfer deadlines and the open items' due dates. */
  readonly nextDueOn?: string;
  readonly escalations: number;
  readonly reopenCount: number;
  readonly lastEvaluationResult?: string;
  readonly lastLookBackResult?: string;
  readonly closedAt?: string;
  readonly dismissalReason?: string;
  readonly updatedAt: string;
}

const links: ClueLinks = { main: CLUE_LEDGER_CLUES, index: INDEX };

/** 线索台账 — every clue with its step, referrals, rectification progress and next due date. */
export const clueLedgerProjection: IndexedProjection = {
  name: CLUE_LEDGER,
  version: 1,
  collections: [CLUE_LEDGER_CLUES, INDEX],
  categories: ['clue', 'referral', 'rectification'],
  indexes: {
    [CLUE_LEDGER_CLUES]: [
      { regionId: 1, receivedAt: -1 },
      { agencyOrgId: 1, receivedAt: -1 },
      { status: 1, receivedAt: -1 },
      { source: 1, receivedOn: 1 },
      { situationCodes: 1 },
      { nextDueOn: 1 },
      { receivedOn: 1 },
    ],
    [INDEX]: [],
  },
  keys: (event, read) => clueLinkKeys(links, event, read),
  apply: (doc, event, target) => Promise.resolve(stampFresh(doc, target.collection === INDEX ? indexEntry(event) : applyToClue(doc, event), target, event)),
};

const applyToClue = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  const changes = changesFor(doc, event);
  if (changes === undefined) return doc;
  // `next` is a fresh copy, so the due date is set on it rather than patched into another copy.
  const next = patch(doc, { ...changes, updatedAt: event.recordedAt }) as Record<string, JsonValue>;
  const items = list<ItemEntry>(next, 'items');
  const nextDueOn = earliest([text(next, 'stepDueOn'), text(next, 'planDueOn'), text(next, 'transferDueOn'), ...items.map((i) => i.dueOn)]);
  if (nextDueOn === undefined) return Object.hasOwn(next, 'nextDueOn') ? patch(next, { nextDueOn: undefined }) : next;
  next.nextDueOn = nextDueOn;
  return next;
};

/** What an event changes on the clue's line; `undefined` = nothing (or no line to change). */
const changesFor = (doc: ReadModelDocument | undefined, event: ProjectedEvent): Patch | undefined => {
  if (event.category === 'referral') {
    if (doc === undefined) return undefined;
    const e = referralEvent(event);
    return {
      referrals: json(referralsAfter(list<ReferralEntry>(doc, 'referrals'), event.aggregateId, e)),
      escalations: count(doc, 'escalations') + (e.type === 'EscalationRaised' ? 1 : 0),
    };
  }
  if (event.category === 'rectification') {
    if (doc === undefined) return undefined;
    const e = rectificationEvent(event);
    const items = itemsAfter(list<ItemEntry>(doc, 'items'), event.aggregateId, e);
    return { items: json(items), rectification: progressOf(items), escalations: count(doc, 'escalations') + (e.type === 'EscalationRaised' ? 1 : 0) };
  }
  const e = domainEvent<ClueEvent>(event);
  if (e.type === 'ClueRegistered') return registered(e.data);
  return doc === undefined ? undefined : clueChanges(doc, e);
};

const registered = (d: Extract<ClueEvent, { type: 'ClueRegistered' }>['data']): Patch => ({
  clueId: d.clueId,
  regionId: d.regionId,
  countyId: countyOf(d.regionId),
  ownerOrgId: d.ownerOrgId,
  agencyOrgId: d.agency.orgId,
  agencyName: d.agency.name,
  source: d.source,
  sourceRef: d.sourceRef,
  summary: d.summary,
  receivedAt: d.receivedAt,
  receivedOn: dateOf(d.receivedAt),
  registeredAt: d.at,
  status: 'Registered',
  situationCodes: [],
  matchedCodes: [],
  referrals: [],
  items: [],
  rectification: progressOf([]),
  escalations: 0,
  reopenCount: 0,
});

/** Mirrors evolveClue for the ledger's fields. */
const clueChanges = (doc: ReadModelDocument, e: ClueEvent): Patch => {
  switch (e.type) {
    case 'ClueRegistered':
      return registered(e.data);
    case 'ClueAnalysisStarted':
      return { status: 'Analysis' };
    case 'ClueDismissed':
      // A dismissed clue owes nothing more, not even a transfer the verification had started.
      return { status: 'Dismissed', dismissalReason: e.data.reason, stepDueOn: undefined, planDueOn: undefined, transferDueOn: undefined };
    case 'VerificationStarted':
      return {
        status: 'Verification',
        category: e.data.category,
        situationCodes: json(e.data.situationCodes),
        matchedCodes: json(e.data.evaluation.matchedCodes),
        stepDueOn: e.data.deadline.dueOn,
        transferDueOn: e.data.transferDeadline?.dueOn ?? text(doc, 'transferDueOn'),
      };
    case 'SupervisionInstrumentIssued':
      return {
        status: 'Supervision',
        instrument: defined({ kind: e.data.instrument.kind, documentNo: e.data.instrument.documentNo, issuedAt: e.data.at, dueOn: e.data.deadline.dueOn }),
        stepDueOn: e.data.deadline.dueOn,
        planDueOn: e.data.planDeadline.dueOn,
        ...(e.data.situationCodes ? { situationCodes: json(e.data.situationCodes) } : {}),
        ...(e.data.evaluation ? { matchedCodes: json(e.data.evaluation.matchedCodes) } : {}),
        transferDueOn: e.data.transferDeadline?.dueOn ?? text(doc, 'transferDueOn'),
      };
    case 'RectificationPlanSubmitted':
      return { status: 'Rectification', stepDueOn: e.data.deadline.dueOn, planDueOn: undefined };
    case 'RectificationFeedbackSubmitted':
      return { status: 'Feedback', stepDueOn: undefined };
    case 'ClueEvaluationStarted':
      return { status: 'Evaluation' };
    case 'ClueEvaluated':
      return { lastEvaluationResult: e.data.result };
    case 'ClueClosed':
      return { status: 'Closed', closedAt: e.data.at, stepDueOn: e.data.lookBackDeadline.dueOn };
    case 'ClueReopened':
      return { status: 'Rectification', reopenCount: count(doc, 'reopenCount') + 1, stepDueOn: e.data.deadline.dueOn };
    case 'ClueLookBackCompleted':
      return e.data.result === 'Pass'
        ? { status: 'Archived', lastLookBackResult: 'Pass', stepDueOn: undefined }
        : { lastLookBackResult: e.data.result };
    case 'ReferralProposed': {
      const referrals = list<ReferralEntry>(doc, 'referrals');
      const known = referrals.some((r) => r.referralId === e.data.referralId);
      return {
        referrals: known ? json(referrals) : json([...referrals, { referralId: e.data.referralId, status: 'Proposed' }]),
        transferDueOn: e.data.transferDeadline?.dueOn ?? text(doc, 'transferDueOn'),
      };
    }
    case 'ClueReferralSent':
      return { transferDueOn: undefined, transferredAt: text(doc, 'transferredAt') ?? e.data.sentAt };
    case 'EscalationRaised':
      return { escalations: count(doc, 'escalations') + 1 };
    default: {
      const _exhaustive: never = e;
      return {};
    }
  }
};
