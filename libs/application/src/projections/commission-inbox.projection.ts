import {
  Deadline,
  DeadlineRecomputedData,
  REFERRAL_CATEGORY,
  ReferralEvent,
  ReferralStatus,
  TransferPackage,
  firstHandler,
  handlerKey,
  referralStatusAfter,
} from '@xj/domain';
import { InboxForwarding, InboxOutcome } from './commission-inbox.document';
import { DueMark, dueChange, dueFlagsAfter, dueMarkOf } from './deadline-marks';
import { JsonObject, JsonValue } from '../event-store/event-store.types';
import { ProjectedEvent, ReadModelDocument } from '../read-models/projection';
import {
  IndexedProjection,
  Patch,
  count,
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
  touchesNoLine,
} from './projection-support';

export const COMMISSION_INBOX = 'commission-inbox';
export const INBOX = 'inbox';

export type { InboxDocument, InboxForwarding, InboxOutcome } from './commission-inbox.document';

/**
 * 纪委监委 inbox — one document per referral addressed or forwarded to a commission or an appointing
 * authority, with its transfer package, deadlines and handling. Drafts are kept (inInbox false) so
 * that the package is at hand when the referral is sent.
 */
export const commissionInboxProjection: IndexedProjection = {
  name: COMMISSION_INBOX,
  // 2: 延期 / 中止 move the due dates and mark them (issue 15 §2); the running deadline's
  // provisional / non-working-day flags, and DeadlineRecomputed (issue 15 §4). One bump for both.
  // 3: 抄送 recipients and the named handlers of a 机密 referral (issue 17 item 8).
  // 4: the 组织处理 date beside the running deadline (问责条例 art. 9), with its mark and when done.
  // 5: evidence (EvidenceAttached) touches no line; a store where uploads were parked builds again without them.
  version: 5,
  collections: [INBOX],
  categories: [REFERRAL_CATEGORY],
  indexes: {
    [INBOX]: [
      // The access filter (visibleTo, or a region prefix) with the default sort, newest first.
      { visibleTo: 1, firstSentAt: -1 },
      { copiedTo: 1, firstSentAt: -1 },
      { regionId: 1, firstSentAt: -1 },
      { dueOn: 1 },
      { status: 1 },
      { firstSentOn: 1 },
      { typicalCasePublishedOn: 1 },
      { 'outcomes.decisionDate': 1 },
    ],
  },
  keys: (event) => Promise.resolve(touchesNoLine(event) ? [] : [key(INBOX, event.aggregateId)]),
  apply: (doc, event, target) => Promise.resolve(stampFresh(doc, applyToInbox(doc, event), target, event)),
};

const applyToInbox = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  const e = domainEvent<ReferralEvent>(event);
  const base =
    e.type === 'ReferralDrafted' || e.type === 'ForwardedReferralOpened' || e.type === 'ReturnedReferralOpened'
      ? created(e)
      : doc;
  if (base === undefined) return undefined;
  // `next` is a fresh copy, so visibleTo is set on it rather than patched into another copy.
  const next = patch(base, { ...changes(base, e), updatedAt: event.recordedAt }) as Record<string, JsonValue>;
  const forwardings = list<InboxForwarding>(next, 'forwardings');
  const visibleTo = [
    text(next, 'targetOrgId'),
    text(next, 'holderOrgId'),
    ...forwardings.flatMap((f) => [f.fromOrgId, f.toOrgId]),
  ];
  next.visibleTo = [...new Set(visibleTo.filter((o): o is string => o !== undefined))];
  return next;
};

const packageSummary = (p: TransferPackage, matchedCodes: readonly string[]): JsonObject =>
  json({
    clueSummary: p.clueSummary,
    source: p.source,
    sourceRef: p.sourceRef,
    situationCodes: p.situationCodes,
    statutoryGroundCodes: p.statutoryGroundCodes ?? [],
    matchedCodes,
    subjects: p.subjects,
    secrecyLevel: p.secrecyLevel,
  }) as JsonObject;

type Creation = Extract<
  ReferralEvent,
  { type: 'ReferralDrafted' | 'ForwardedReferralOpened' | 'ReturnedReferralOpened' }
>;

const created = (e: Creation): JsonObject =>
  defined({
    referralId: e.data.referralId,
    clueId: e.data.clueId,
    regionId: e.data.regionId,
    countyId: countyOf(e.data.regionId),
    ownerOrgId: e.data.ownerOrgId,
    package: packageSummary(e.data.package, e.data.evaluation.matchedCodes),
    discretionary: e.data.discretionary,
    rulebookVersion: e.data.rulebookVersion,
    draftedAt: e.data.at,
    forwardings: [],
    acceptedSubjectIds: [],
    outcomes: [],
    fedBack: false,
    typicalCase: false,
    closed: false,
    escalations: 0,
    copiedTo: [],
    handlers: (firstHandler(e.data.package.secrecyLevel, e.data.by).handlers ?? []).flatMap((h) =>
      h.userIds.map((userId) => handlerKey(h.orgId, userId)),
    ),
  });

/**
 * The running deadline (only one runs at a time, as in the referral's own state), flagged when it
 * was counted without its year's holiday table or is an explicit date on a rest day (issue 15 §4),
 * with the 延期 / 中止 mark it carries (none for a newly started one: a new step drops the old mark).
 */
const running = (deadline: Deadline | undefined): Patch => {
  const mark = deadline && dueMarkOf(deadline);
  return {
    dueOn: deadline?.dueOn,
    dueRule: deadline?.rule,
    dueProvisional: deadline?.provisional,
    dueNonWorkingDay: deadline?.nonWorkingDay,
    dueMark: mark && json(mark),
  };
};

/** The field beside `dueOn` that keeps each running deadline's date. */
const OWN_DUE_FIELD: Partial<Record<string, string>> = {
  CommissionAcceptance: 'acceptanceDueOn',
  DisposalProposal: 'disposalDueOn',
  TalkOrInquiryStart: 'disposalDueOn',
  PreliminaryVerification: 'disposalDueOn',
  ResultFeedback: 'resultFeedbackDueOn',
};

/** The line's date field of each deadline slot of the referral (referral.state's REFERRAL_DEADLINE_SLOTS). */
const INBOX_DUE_FIELDS: Readonly<Record<string, string>> = {
  acceptanceDeadline: 'acceptanceDueOn',
  disposalDeadline: 'disposalDueOn',
  resultFeedbackDeadline: 'resultFeedbackDueOn',
  organisationalHandlingDeadline: 'organisationalHandlingDueOn',
};

/** The 组织处理 deadline of an outcomes event, when it starts one (absent on events from before it was wired). */
const organisationalHandling = (deadline: Deadline | undefined): Patch =>
  deadline ? { organisationalHandlingDueOn: deadline.dueOn, organisationalHandlingDoneOn: undefined } : {};

/** A recount moves its own date and, when it is the running deadline, the running one with its flags and mark. */
const recounted = (doc: JsonObject, d: DeadlineRecomputedData): Patch => {
  const field = INBOX_DUE_FIELDS[d.slot];
  const runs = text(doc, 'dueRule') === d.rule && text(doc, 'dueOn') === d.fromDueOn;
  return { ...(field ? { [field]: d.toDueOn } : {}), ...(runs ? running(d.deadline) : {}) };
};

const recordedOutcomes = (doc: JsonObject, outcomes: readonly InboxOutcome[]): Patch => ({
  outcomes: json([
    ...list<InboxOutcome>(doc, 'outcomes'),
    ...outcomes.map(({ subjectId, outcome, layer, decisionDate, documentNo, decidedBy }) => ({
      subjectId,
      outcome,
      layer,
      decisionDate,
      documentNo,
      ...(decidedBy !== undefined ? { decidedBy } : {}),
    })),
  ]),
});

/** What an event changes on the referral's line; the status is the domain's (referralStatusAfter). */
const changes = (doc: JsonObject, e: ReferralEvent): Patch => {
  const { at } = e.data;
  const status = referralStatusAfter((text(doc, 'status') ?? 'None') as ReferralStatus, e);
  switch (e.type) {
    case 'ReferralDrafted':
      return { inInbox: false, status, ...running(undefined) };
    case 'ForwardedReferralOpened':
      return {
        inInbox: true,
        status,
        parentReferralId: e.data.parentReferralId,
        // The rest of a partial acceptance may go to the 任免机关 (实施条例 art. 171(3)).
        targetKind: e.data.forwardTo.kind ?? 'DisciplineCommission',
        holderOrgId: e.data.forwardTo.orgId,
        forwardings: json([
          { fromOrgId: e.data.forwardedBy, toOrgId: e.data.forwardTo.orgId, at, reason: e.data.reason },
        ]),
        firstSentAt: at,
        firstSentOn: dateOf(at),
        ...running(undefined),
      };
    case 'ReturnedReferralOpened':
      // 部分退回 (实施条例 art. 171(4)): back with the office, which may re-route it; no commission holds it.
      return {
        inInbox: false,
        status,
        parentReferralId: e.data.parentReferralId,
        returnReason: e.data.reason,
        ...running(undefined),
      };
    case 'ReferralApproved':
      return { status };
    case 'ReferralSent':
    case 'ReferralRerouted': {
      const firstSentAt = text(doc, 'firstSentAt') ?? e.data.sentAt;
      // The business date of the first sending (issue 17), else the day it was entered (older events).
      const sentOn = e.type === 'ReferralSent' ? e.data.occurredOn : undefined;
      const firstSentOn = text(doc, 'firstSentOn') ?? sentOn ?? dateOf(e.data.sentAt);
      return {
        inInbox: true,
        status,
        targetKind: e.data.target.kind,
        targetOrgId: e.data.target.orgId,
        holderOrgId: e.data.target.orgId,
        sentAt: e.data.sentAt,
        firstSentAt,
        firstSentOn,
        ...(e.type === 'ReferralSent' ? { sentLate: e.data.sentLate } : {}),
        ...running(undefined),
      };
    }
    case 'ReferralReceived':
      return {
        status,
        receivedAt: at,
        registrationNo: e.data.registrationNo,
        acceptanceDueOn: e.data.acceptanceDeadline.dueOn,
        acceptanceDoneAt: undefined,
        ...running(e.data.acceptanceDeadline),
      };
    case 'ReferralForwarded':
      return {
        status,
        holderOrgId: e.data.forwardTo.orgId,
        forwardings: json([
          ...list<InboxForwarding>(doc, 'forwardings'),
          { fromOrgId: e.data.by.orgId, toOrgId: e.data.forwardTo.orgId, at, reason: e.data.reason },
        ]),
        acceptanceDoneAt: at,
        ...running(undefined),
      };
    case 'ReferralReturned':
      return {
        status,
        holderOrgId: undefined,
        returnReason: e.data.reason,
        acceptanceDoneAt: at,
        ...running(undefined),
      };
    case 'ReferralAccepted':
    case 'ReferralPartiallyAccepted':
    case 'ReferralPartiallyReturned':
      return {
        status,
        acceptedSubjectIds: json(e.data.acceptedSubjectIds),
        acceptanceDoneAt: at,
        disposalDueOn: e.data.disposalDeadline?.dueOn,
        ...running(e.data.disposalDeadline),
      };
    case 'DisposalDecided':
      return {
        status,
        disposalMethod: e.data.method,
        disposalDueOn: e.data.disposalDeadline?.dueOn,
        resultFeedbackDueOn: e.data.resultFeedbackDeadline?.dueOn,
        ...running(e.data.disposalDeadline ?? e.data.resultFeedbackDeadline),
      };
    case 'ShelvedReferralResumed':
      return {
        disposalMethod: 'PreliminaryVerification',
        disposalDueOn: e.data.disposalDeadline.dueOn,
        ...running(e.data.disposalDeadline),
      };
    case 'TalkOrInquiryHeld':
      return { disposalDueOn: e.data.disposalDeadline.dueOn, ...running(e.data.disposalDeadline) };
    case 'TalkOrInquiryCompleted':
      return e.data.problemsSurfaced
        ? {
            disposalMethod: 'PreliminaryVerification',
            disposalDueOn: e.data.disposalDeadline?.dueOn,
            ...running(e.data.disposalDeadline),
          }
        : {
            status,
            ...recordedOutcomes(doc, e.data.outcomes),
            disposalDueOn: undefined,
            resultFeedbackDueOn: e.data.resultFeedbackDeadline?.dueOn,
            ...running(e.data.resultFeedbackDeadline),
          };
    case 'CaseFiled':
      return { status, caseNo: e.data.caseNo, disposalDueOn: undefined, ...running(undefined) };
    case 'VerificationConcluded':
      return {
        status,
        disposalDueOn: undefined,
        resultFeedbackDueOn: e.data.resultFeedbackDeadline.dueOn,
        ...running(e.data.resultFeedbackDeadline),
      };
    case 'OutcomesRecorded':
      return {
        status,
        ...recordedOutcomes(doc, e.data.outcomes),
        disposalDueOn: undefined,
        resultFeedbackDueOn: e.data.resultFeedbackDeadline.dueOn,
        ...organisationalHandling(e.data.organisationalHandlingDeadline),
        ...running(e.data.resultFeedbackDeadline),
      };
    case 'OutcomesAdded': // issue 17 §5: outcomes accumulate; the feedback deadline runs once complete
      return {
        status,
        ...recordedOutcomes(
          doc,
          e.data.outcomes.map((o) => ({ ...o, decidedBy: o.decidedBy.kind })),
        ),
        outcomesOpen: !e.data.complete,
        disposalDueOn: undefined,
        resultFeedbackDueOn: e.data.resultFeedbackDeadline?.dueOn,
        ...organisationalHandling(e.data.organisationalHandlingDeadline),
        ...running(e.data.resultFeedbackDeadline),
      };
    case 'OutcomesCompleted':
      return {
        outcomesOpen: false,
        resultFeedbackDueOn: e.data.resultFeedbackDeadline.dueOn,
        ...running(e.data.resultFeedbackDeadline),
      };
    case 'ResultFedBack':
      return { status, fedBack: true, fedBackAt: at, fedBackLate: e.data.late, ...running(undefined) };
    case 'OrganisationalHandlingCarriedOut': // its deadline runs beside the line's steps (问责条例 art. 9)
      return {
        organisationalHandlingDueOn: undefined,
        organisationalHandlingDueMark: undefined,
        organisationalHandlingDoneOn: e.data.doneOn,
      };
    case 'TypicalCasePublished':
      return { typicalCase: true, typicalCasePublishedOn: e.data.occurredOn ?? dateOf(at) };
    case 'ReferralClosed':
      return { status, closed: true, closedAt: at, ...running(undefined) };
    case 'EscalationRaised':
      return { escalations: count(doc, 'escalations') + 1 };
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed': {
      if (e.data.rule === 'OrganisationalHandling') {
        const shownOwn = {
          dueOn: text(doc, 'organisationalHandlingDueOn'),
          mark: doc['organisationalHandlingDueMark'] as unknown as DueMark | undefined,
        };
        return dueChange(e, shownOwn, ['organisationalHandlingDueOn'], 'organisationalHandlingDueMark') as Patch;
      }
      if (text(doc, 'dueRule') !== e.data.rule) return {};
      const own = OWN_DUE_FIELD[e.data.rule];
      const shown = { dueOn: text(doc, 'dueOn'), mark: doc['dueMark'] as unknown as DueMark | undefined };
      const moved = dueChange(e, shown, own ? ['dueOn', own] : ['dueOn'], 'dueMark') as Patch;
      // The flags follow the date (kept while paused, like the date in the mark).
      return Object.keys(moved).length === 0 ? moved : { ...moved, ...dueFlagsAfter(e, 'due') };
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
    case 'DeadlineRecomputed':
      return recounted(doc, e.data);
    case 'CarbonCopySent': {
      const copied = list<string>(doc, 'copiedTo');
      return { copiedTo: [...copied, ...e.data.copyTo.map((r) => r.orgId).filter((o) => !copied.includes(o))] };
    }
    case 'CaseHandlersNamed': {
      const others = list<string>(doc, 'handlers').filter((h) => !h.startsWith(handlerKey(e.data.orgId, '')));
      return { handlers: [...others, ...e.data.userIds.map((userId) => handlerKey(e.data.orgId, userId))] };
    }
    default: {
      const _exhaustive: never = e;
      return {};
    }
  }
};
