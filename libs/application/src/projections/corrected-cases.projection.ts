import { ClueEvent, ClueSource, ClueStatus, clueStatusAfter } from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { DocReader, ProjectedEvent, ReadModelDocument } from '../read-models/projection';
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
  PROPOSED,
} from './clue-links';
import {
  IndexedProjection,
  Patch,
  countyOf,
  dateOf,
  defined,
  domainEvent,
  json,
  key,
  list,
  patch,
  stampFresh,
  text,
} from './projection-support';

export const CORRECTED_CASES = 'corrected-cases-ledger';
export const CASES = 'cases';
const INDEX = 'case-index';

/**
 * 纠错案件台账 — the ledger of enforcement acts found wrong and ordered corrected, which the office
 * hands to the party inspection tours (巡察, seed 004). A case is a clue that came from a
 * reconsideration (复议纠错), a court loss or reversal (败诉 / 纠错), or a case-file review (案卷评查)
 * and reached 问题监督: a supervision instrument was issued, so the act was found illegal or improper
 * and its correction ordered. It carries the correction's progress and what happened to the persons.
 */
export const CORRECTED_CASE_SOURCES: readonly ClueSource[] = [
  'Reconsideration',
  'LitigationLossOrReversal',
  'CaseFileReview',
];

/** One person's outcome on one of the case's referrals. */
export interface CorrectedCaseOutcome {
  readonly referralId: string;
  readonly subjectId: string;
  readonly outcome: string;
  readonly layer: string;
}

export interface CorrectedCaseDocument {
  readonly clueId: string;
  readonly regionId: string;
  readonly countyId: string;
  readonly agencyOrgId: string;
  readonly agencyName: string;
  readonly source: string;
  readonly sourceRef: string;
  readonly summary: string;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly status: string;
  /** True once a supervision instrument was issued: only these are listed. */
  readonly corrected: boolean;
  readonly instrument?: {
    readonly kind: string;
    readonly documentNo: string;
    readonly issuedAt: string;
    readonly issuedOn: string;
    readonly dueOn: string;
  };
  readonly items: readonly ItemEntry[];
  readonly rectification: {
    readonly total: number;
    readonly closed: number;
    readonly longTerm: number;
    readonly open: number;
  };
  readonly lastEvaluationResult?: string;
  readonly closedAt?: string;
  readonly lastLookBackResult?: string;
  readonly referrals: readonly ReferralEntry[];
  readonly outcomes: readonly CorrectedCaseOutcome[];
  readonly updatedAt: string;
}

const links: ClueLinks = {
  main: CASES,
  index: INDEX,
  tracks: async (clueId: string, read: DocReader) => (await read(key(CASES, clueId))) !== undefined,
};

export const correctedCasesProjection: IndexedProjection = {
  name: CORRECTED_CASES,
  // 2: evidence (EvidenceAttached) touches no line; a store where uploads were parked builds again without them.
  version: 2,
  collections: [CASES, INDEX],
  categories: ['clue', 'referral', 'rectification'],
  indexes: {
    [CASES]: [
      { corrected: 1, regionId: 1, 'instrument.issuedOn': -1 },
      { corrected: 1, agencyOrgId: 1 },
      { corrected: 1, source: 1 },
    ],
    [INDEX]: [],
  },
  keys: async (event, read) => {
    if (event.type !== 'ClueRegistered') return clueLinkKeys(links, event, read);
    return CORRECTED_CASE_SOURCES.includes(event.data['source'] as ClueSource) ? [key(CASES, event.aggregateId)] : [];
  },
  apply: (doc, event, target) =>
    Promise.resolve(
      stampFresh(doc, target.collection === INDEX ? indexEntry(event) : applyToCase(doc, event), target, event),
    ),
};

const applyToCase = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  const changes = changesFor(doc, event);
  return changes === undefined ? doc : patch(doc, { ...changes, updatedAt: event.recordedAt });
};

const changesFor = (doc: ReadModelDocument | undefined, event: ProjectedEvent): Patch | undefined => {
  if (event.category === 'referral') {
    if (doc === undefined) return undefined;
    const e = referralEvent(event);
    const recorded =
      e.type === 'OutcomesRecorded' || e.type === 'OutcomesAdded' || e.type === 'TalkOrInquiryCompleted'
        ? e.data.outcomes
        : [];
    return {
      referrals: json(referralsAfter(list<ReferralEntry>(doc, 'referrals'), event.aggregateId, e)),
      ...(recorded.length > 0
        ? {
            outcomes: json([
              ...list<CorrectedCaseOutcome>(doc, 'outcomes'),
              ...recorded.map((o) => ({
                referralId: event.aggregateId,
                subjectId: o.subjectId,
                outcome: o.outcome,
                layer: o.layer,
              })),
            ]),
          }
        : {}),
    };
  }
  if (event.category === 'rectification') {
    if (doc === undefined) return undefined;
    const items = itemsAfter(list<ItemEntry>(doc, 'items'), event.aggregateId, rectificationEvent(event));
    return { items: json(items), rectification: progressOf(items) };
  }
  const e = domainEvent<ClueEvent>(event);
  if (e.type !== 'ClueRegistered' && doc === undefined) return undefined;
  return clueChanges(doc ?? {}, e);
};

/** What a clue's own event changes on its line; the step is the domain's (clueStatusAfter). */
const clueChanges = (doc: JsonObject, e: ClueEvent): Patch => {
  const status = clueStatusAfter((text(doc, 'status') ?? 'None') as ClueStatus, e);
  switch (e.type) {
    case 'ClueRegistered': {
      const d = e.data;
      return {
        clueId: d.clueId,
        regionId: d.regionId,
        countyId: countyOf(d.regionId),
        agencyOrgId: d.agency.orgId,
        agencyName: d.agency.name,
        source: d.source,
        sourceRef: d.sourceRef,
        summary: d.summary,
        receivedAt: d.receivedAt,
        receivedOn: dateOf(d.receivedAt),
        status,
        corrected: false,
        items: [],
        rectification: progressOf([]),
        referrals: [],
        outcomes: [],
      };
    }
    case 'ClueAnalysisStarted':
    case 'ClueDismissed':
    case 'VerificationStarted':
    case 'ClueHistoryImported':
      return { status };
    case 'SupervisionInstrumentIssued': {
      const { instrument, at, deadline } = e.data;
      return {
        status,
        corrected: true,
        instrument: defined({
          kind: instrument.kind,
          documentNo: instrument.documentNo,
          issuedAt: at,
          issuedOn: dateOf(at),
          dueOn: deadline.dueOn,
        }),
      };
    }
    case 'FollowUpInstrumentIssued': {
      const { instrument, at, deadline } = e.data;
      return {
        instrument: defined({
          kind: instrument.kind,
          documentNo: instrument.documentNo,
          issuedAt: at,
          issuedOn: dateOf(at),
          dueOn: deadline.dueOn,
        }),
      };
    }
    case 'RectificationPlanSubmitted':
    case 'ClueReopened':
    case 'RectificationFeedbackSubmitted':
    case 'ClueEvaluationStarted':
      return { status };
    case 'ClueEvaluated':
      return { lastEvaluationResult: e.data.result };
    case 'ClueClosed':
      return { status, closedAt: e.data.at };
    case 'ClueLookBackCompleted':
      return { lastLookBackResult: e.data.result, status };
    case 'ReferralProposed': {
      const referrals = list<ReferralEntry>(doc, 'referrals');
      return referrals.some((r) => r.referralId === e.data.referralId)
        ? {}
        : { referrals: json([...referrals, { referralId: e.data.referralId, status: PROPOSED }]) };
    }
    case 'ClueReferralSent':
    case 'AccountabilityCaseLinked':
    case 'CarbonCopySent':
    case 'ClueTypicalCasePublished':
    case 'EscalationRaised':
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed':
    case 'DeadlineRecomputed':
      return {};
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued':
      // The light of a line comes from its due date and today (deadline-light.ts); the ladder's
      // own events change nothing the line shows (a confirmed rung also records EscalationRaised).
      return {};
    default: {
      const _exhaustive: never = e;
      return {};
    }
  }
};
