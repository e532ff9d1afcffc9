import { ClueEvent, ClueStatus, PartSight, RectificationEvent, clueStatusAfter, hiddenPartsFor } from '@xj/domain';
import { JsonObject, JsonValue } from '../event-store/event-store.types';
import {
  DueMark,
  currentMark,
  deadlineAfter,
  dueMarkAfter,
  dueMarkOf,
  previousDueOn,
  runningDue,
} from './deadline-marks';
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
  PROPOSED,
} from './clue-links';
import {
  IndexedProjection,
  Patch,
  count,
  countyOf,
  dateOf,
  defined,
  domainEvent,
  due,
  earliest,
  json,
  list,
  patch,
  stampFresh,
  text,
} from './projection-support';

export const CLUE_LEDGER = 'clue-ledger';
export const CLUE_LEDGER_CLUES = 'clues';
const INDEX = 'case-index';

export type { ClueLedgerAgencyField, ClueLedgerDocument } from './clue-ledger.document';

const links: ClueLinks = { main: CLUE_LEDGER_CLUES, index: INDEX };

/** 线索台账 — every clue with its step, referrals, rectification progress and next due date. */
export const clueLedgerProjection: IndexedProjection = {
  name: CLUE_LEDGER,
  // 2: the agency's own due date, escalation count, items and update time (#13 item 7 follow-up).
  // 3: 延期 / 中止 move the due dates and mark them (issue 15 §2); the due dates are flagged
  // provisional / on a non-working day and moved by DeadlineRecomputed (issue 15 §4). One bump for both.
  // 4: the organisations the instrument was copied to (抄送, issue 17 item 8).
  // 5: the office's 典型案例 (issue 17).
  // 6: imported clues (历史补录, issue 19 §3) are flagged with their ledger number.
  // 7: evidence (EvidenceAttached) touches no line; a store where uploads were parked builds again without them.
  version: 7,
  collections: [CLUE_LEDGER_CLUES, INDEX],
  categories: ['clue', 'referral', 'rectification'],
  indexes: {
    [CLUE_LEDGER_CLUES]: [
      { regionId: 1, receivedAt: -1 },
      { agencyOrgId: 1, receivedAt: -1 },
      { copiedTo: 1, receivedAt: -1 },
      { status: 1, receivedAt: -1 },
      { source: 1, receivedOn: 1 },
      { situationCodes: 1 },
      { nextDueOn: 1 },
      { receivedOn: 1 },
      { typicalCasePublishedOn: 1 },
      // An agency's queries: always its own clues, by default the latest change it saw first.
      { agencyOrgId: 1, agencyUpdatedAt: -1 },
      { agencyOrgId: 1, agencyNextDueOn: 1 },
    ],
    [INDEX]: [],
  },
  keys: (event, read) => clueLinkKeys(links, event, read),
  apply: (doc, event, target) =>
    Promise.resolve(
      stampFresh(doc, target.collection === INDEX ? indexEntry(event) : applyToClue(doc, event), target, event),
    ),
};

const applyToClue = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  const changes = changesFor(doc, event);
  if (changes === undefined) return doc;
  // `next` is a fresh copy, so the due dates are set on it rather than patched into another copy.
  const next = patch(doc, { ...changes, updatedAt: event.recordedAt }) as Record<string, JsonValue>;
  // A mark left by an extension or pause goes once a later step sets another due date.
  for (const field of DUE_FIELDS) {
    const mark = next[markOf(field)] as unknown as DueMark | undefined;
    if (mark !== undefined && currentMark(text(next, field), mark) === undefined) delete next[markOf(field)];
  }
  const running = (field: (typeof DUE_FIELDS)[number]) =>
    runningDue(text(next, field), next[markOf(field)] as unknown as DueMark | undefined);
  const step = running('stepDueOn');
  const plan = running('planDueOn');
  const dueDates = (field: string) =>
    list<ItemEntry>(next, field).map((i) => (i.paused === true ? undefined : i.dueOn));
  // Before the instrument the step is the office's analysis or verification, which the agency never sees.
  const agencyStep = Object.hasOwn(next, 'instrument') ? step : undefined;
  const nextDue: Patch = {
    nextDueOn: earliest([step, plan, running('transferDueOn'), ...dueDates('items')]),
    agencyNextDueOn: earliest([agencyStep, plan, ...dueDates('agencyItems')]),
  };
  if (Object.entries(nextDue).some(([field, date]) => date === undefined && Object.hasOwn(next, field)))
    return patch(next, nextDue);
  for (const [field, date] of Object.entries(nextDue)) if (date !== undefined) next[field] = date;
  return next;
};

/** What the supervised agency reads of a clue about itself: the domain's AGENCY_CLUE_VIEW. */
const AGENCY_VIEW = hiddenPartsFor({ role: 'EnforcementAgency' }, 'clue');

/** Whether the agency's view of the clue shows this event of the clue's own stream (as its clue history does). */
const agencySees = (doc: ReadModelDocument, e: ClueEvent): boolean => {
  const sight: PartSight = AGENCY_VIEW === undefined ? 'shown' : AGENCY_VIEW.events[e.type];
  return (
    sight === 'shown' ||
    (sight === 'addressed-to-viewer' &&
      e.type === 'EscalationRaised' &&
      e.data.targetOrgId === text(doc, 'agencyOrgId'))
  );
};

/** Whether an event of an item stream concerns one of the agency's own items of the clue. */
const agencysItem = (doc: ReadModelDocument, itemId: string, e: RectificationEvent): boolean =>
  e.type === 'RectificationItemAssigned'
    ? e.data.agencyOrgId === text(doc, 'agencyOrgId')
    : list<ItemEntry>(doc, 'agencyItems').some((i) => i.itemId === itemId);

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
    const changes = {
      items: json(items),
      rectification: progressOf(items),
      escalations: count(doc, 'escalations') + (e.type === 'EscalationRaised' ? 1 : 0),
    };
    if (!agencysItem(doc, event.aggregateId, e)) return changes;
    const own = itemsAfter(list<ItemEntry>(doc, 'agencyItems'), event.aggregateId, e);
    return {
      ...changes,
      agencyItems: json(own),
      agencyRectification: progressOf(own),
      agencyUpdatedAt: event.recordedAt,
    };
  }
  const e = domainEvent<ClueEvent>(event);
  if (e.type === 'ClueRegistered') return registered(e);
  if (doc === undefined) return undefined;
  const changes = clueChanges(doc, e);
  return agencySees(doc, e) ? { ...changes, agencyUpdatedAt: event.recordedAt } : changes;
};

const registered = (e: Extract<ClueEvent, { type: 'ClueRegistered' }>): Patch => ({
  clueId: e.data.clueId,
  regionId: e.data.regionId,
  countyId: countyOf(e.data.regionId),
  ownerOrgId: e.data.ownerOrgId,
  agencyOrgId: e.data.agency.orgId,
  agencyName: e.data.agency.name,
  source: e.data.source,
  sourceRef: e.data.sourceRef,
  summary: e.data.summary,
  receivedAt: e.data.receivedAt,
  receivedOn: dateOf(e.data.receivedAt),
  registeredAt: e.data.at,
  status: clueStatusAfter('None', e),
  situationCodes: [],
  matchedCodes: [],
  referrals: [],
  items: [],
  rectification: progressOf([]),
  escalations: 0,
  reopenCount: 0,
  agencyItems: [],
  agencyRectification: progressOf([]),
  agencyEscalations: 0,
});

/** What a clue's own event changes on its line; the step is the domain's (clueStatusAfter). */
const clueChanges = (doc: ReadModelDocument, e: ClueEvent): Patch => {
  const status = clueStatusAfter(text(doc, 'status') as ClueStatus, e);
  switch (e.type) {
    case 'ClueRegistered':
      return registered(e);
    case 'ClueAnalysisStarted':
      return { status };
    case 'ClueDismissed':
      // A dismissed clue owes nothing more, not even a transfer the verification had started.
      return {
        status,
        dismissalReason: e.data.reason,
        ...due('stepDue', undefined),
        ...due('planDue', undefined),
        ...due('transferDue', undefined),
      };
    case 'VerificationStarted':
      return {
        status,
        category: e.data.category,
        situationCodes: json(e.data.situationCodes),
        matchedCodes: json(e.data.evaluation.matchedCodes),
        ...due('stepDue', e.data.deadline),
        ...(e.data.transferDeadline ? due('transferDue', e.data.transferDeadline) : {}),
      };
    case 'SupervisionInstrumentIssued':
      return {
        status,
        instrument: defined({
          kind: e.data.instrument.kind,
          documentNo: e.data.instrument.documentNo,
          issuedAt: e.data.at,
          dueOn: e.data.deadline.dueOn,
        }),
        ...due('stepDue', e.data.deadline),
        ...due('planDue', e.data.planDeadline),
        ...(e.data.situationCodes ? { situationCodes: json(e.data.situationCodes) } : {}),
        ...(e.data.evaluation ? { matchedCodes: json(e.data.evaluation.matchedCodes) } : {}),
        ...(e.data.transferDeadline ? due('transferDue', e.data.transferDeadline) : {}),
      };
    case 'FollowUpInstrumentIssued': // issue 17 §6: the latest instrument's period is the agency's step
      return {
        instrument: defined({
          kind: e.data.instrument.kind,
          documentNo: e.data.instrument.documentNo,
          issuedAt: e.data.at,
          dueOn: e.data.deadline.dueOn,
          supersedes: e.data.supersedes.documentNo,
        }),
        ...due('stepDue', e.data.deadline),
      };
    case 'RectificationPlanSubmitted':
      return { status, ...due('stepDue', e.data.deadline), ...due('planDue', undefined) };
    case 'RectificationFeedbackSubmitted':
      return { status, ...due('stepDue', undefined) };
    case 'ClueEvaluationStarted':
      return { status };
    case 'ClueEvaluated':
      return { lastEvaluationResult: e.data.result };
    case 'ClueClosed':
      return { status, closedAt: e.data.at, ...due('stepDue', e.data.lookBackDeadline) };
    case 'ClueReopened':
      return { status, reopenCount: count(doc, 'reopenCount') + 1, ...due('stepDue', e.data.deadline) };
    case 'ClueLookBackCompleted':
      return e.data.result === 'Pass'
        ? { status, lastLookBackResult: 'Pass', ...due('stepDue', undefined) }
        : { lastLookBackResult: e.data.result };
    case 'ReferralProposed': {
      const referrals = list<ReferralEntry>(doc, 'referrals');
      const known = referrals.some((r) => r.referralId === e.data.referralId);
      return {
        referrals: known ? json(referrals) : json([...referrals, { referralId: e.data.referralId, status: PROPOSED }]),
        ...(e.data.transferDeadline ? due('transferDue', e.data.transferDeadline) : {}),
      };
    }
    case 'ClueReferralSent':
      return { ...due('transferDue', undefined), transferredAt: text(doc, 'transferredAt') ?? e.data.sentAt };
    case 'ClueHistoryImported':
      // 历史补录: the step the legacy ledger showed, and the flag the ledger and the statistics count by.
      return {
        status,
        imported: true,
        ledgerNo: e.data.ledgerRow.ledgerNo,
        ...(e.data.statusOn === undefined ? {} : { importedStatusOn: e.data.statusOn }),
      };
    case 'CarbonCopySent': {
      const copied = list<string>(doc, 'copiedTo');
      return { copiedTo: [...copied, ...e.data.copyTo.map((r) => r.orgId).filter((o) => !copied.includes(o))] };
    }
    case 'ClueTypicalCasePublished':
      return { typicalCasePublishedOn: e.data.occurredOn };
    case 'EscalationRaised':
      return {
        escalations: count(doc, 'escalations') + 1,
        ...(e.data.targetOrgId === text(doc, 'agencyOrgId')
          ? { agencyEscalations: count(doc, 'agencyEscalations') + 1 }
          : {}),
      };
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed': {
      const field =
        e.data.rule === 'TransferAfterConditionsMet'
          ? 'transferDueOn'
          : e.data.rule === 'RectificationPlan'
            ? 'planDueOn'
            : 'stepDueOn';
      const mark = dueMarkAfter(e);
      const deadline = deadlineAfter(e);
      if (mark === undefined || deadline === undefined || text(doc, field) !== previousDueOn(e)) return {};
      // The date moves with its provisional / non-working-day flags (issue 15 §4) and its mark.
      return { ...due(field.slice(0, -'On'.length), deadline), [markOf(field)]: json(mark) };
    }
    case 'DeadlineRecomputed': {
      const name = CLUE_DUE_FIELDS[e.data.slot];
      const instrument = e.data.slot === 'deadline' ? recountedInstrument(doc, e.data.fromDueOn, e.data.toDueOn) : {};
      if (!name) return {};
      // A recounted deadline that was extended or paused keeps its mark, now at the recounted date.
      const mark = dueMarkOf(e.data.deadline);
      return { ...due(name, e.data.deadline), [`${name}Mark`]: mark && json(mark), ...instrument };
    }
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
    case 'AccountabilityCaseLinked':
      // The accountability ledger keeps the case, with its clue (追责问责台账).
      return {};
    default: {
      const _exhaustive: never = e;
      return {};
    }
  }
};

/** The due dates of a line that 延期 / 中止 move, each with its mark beside it. */
const DUE_FIELDS = ['stepDueOn', 'planDueOn', 'transferDueOn'] as const;
const markOf = (field: string): string => field.replace('DueOn', 'DueMark');

/** The ledger field of each deadline slot of the clue (clue.state's CLUE_DEADLINE_SLOTS). */
const CLUE_DUE_FIELDS: Readonly<Record<string, string>> = {
  deadline: 'stepDue',
  planDeadline: 'planDue',
  transferDeadline: 'transferDue',
};

/** The instrument's own due date moves with the step's when the step is the instrument's period. */
const recountedInstrument = (doc: ReadModelDocument, from: string, to: string): Patch => {
  const instrument = doc['instrument'];
  if (typeof instrument !== 'object' || instrument === null || Array.isArray(instrument)) return {};
  const entry = instrument as JsonObject;
  return text(entry, 'dueOn') === from && text(doc, 'stepDueOn') === from
    ? { instrument: { ...entry, dueOn: to } }
    : {};
};
