import { Deadline } from '../calendar/deadline-policy';
import { isSameCount } from '../calendar/deadline-recompute';
import { changedDeadline, changedRequests, recountedRequests } from '../deadline-change/deadline-change.evolve';
import { evolveLadders } from '../deadlines/deadline-alarm.decide';
import { evolveCopies, evolveHandlers } from '../access/case-access.messages';
import { SECRECY_RESTRICTION } from '../access/case-visibility.rules';
import { ActorRef } from '../shared/actor';
import { ReferralEvent } from './referral.events';
import { referralStatusAfter } from './referral.status';
import { decidedByHolder } from './subject-outcomes';
import { holderOfForwarded, SecrecyLevel } from './referral.model';
import { ExistingReferral, NoReferral, ReferralDeadlines, ReferralState } from './referral-state.types';

export type {
  Disposal,
  ExistingReferral,
  Forwarding,
  NoReferral,
  ReferralDeadlines,
  ReferralState,
} from './referral-state.types';

export const initialReferralState = (): ReferralState => ({ status: 'None' });

/** Sets the running deadline and clears the others (not the OrganisationalHandling one, which runs beside them). */
const running = (
  deadlines: Omit<ReferralDeadlines, 'deadline' | 'organisationalHandlingDeadline'>,
): Omit<ReferralDeadlines, 'organisationalHandlingDeadline'> => ({
  transferDeadline: deadlines.transferDeadline,
  acceptanceDeadline: deadlines.acceptanceDeadline,
  disposalDeadline: deadlines.disposalDeadline,
  resultFeedbackDeadline: deadlines.resultFeedbackDeadline,
  deadline:
    deadlines.transferDeadline ??
    deadlines.acceptanceDeadline ??
    deadlines.disposalDeadline ??
    deadlines.resultFeedbackDeadline,
});

const EMPTY_LISTS = {
  forwardings: [],
  acceptedSubjectIds: [],
  forwardedSubjectIds: [],
  childReferralIds: [],
  outcomes: [],
  typicalCasePublished: false,
  escalationIds: [],
  escalations: [],
} as const;

/** Applies one stored event. Never validates, never throws: events are facts. */
export const evolveReferral = (state: ReferralState, event: ReferralEvent): ReferralState =>
  state.status === 'None' ? create(state, event) : evolveExisting(state, event);

/** Only the creation events open a stream; anything else on an empty stream is ignored. */
const create = (state: NoReferral, event: ReferralEvent): ReferralState => {
  const status = referralStatusAfter(state.status, event);
  if (status === 'None') return state;
  switch (event.type) {
    case 'ReferralDrafted': {
      const { at: _at, by, transferDeadline, ...data } = event.data;
      return {
        status,
        ...data,
        draftedBy: by,
        ...EMPTY_LISTS,
        ...running({ transferDeadline }),
        ...firstHandler(data.package.secrecyLevel, by),
      };
    }
    case 'ForwardedReferralOpened': {
      const { at, by, forwardedBy, forwardTo, reason, ...data } = event.data;
      return {
        status,
        ...data,
        // The commission that split the parent composed this package.
        draftedBy: by,
        ...EMPTY_LISTS,
        holder: holderOfForwarded(forwardTo),
        forwardings: [{ from: forwardedBy, to: forwardTo, reason, at }],
        ...running({}),
        ...firstHandler(data.package.secrecyLevel, by),
      };
    }
    case 'ReturnedReferralOpened': {
      const { at: _at, by, returnedBy: _returnedBy, reason, ...data } = event.data;
      return {
        status,
        ...data,
        draftedBy: by,
        ...EMPTY_LISTS,
        returnReason: reason,
        ...running({}),
        ...firstHandler(data.package.secrecyLevel, by),
      };
    }
    default:
      return state;
  }
};

/** Whoever composes a 机密 package handles it from the start: the circle is never empty (保密法 2010 art. 16). */
export const firstHandler = (level: SecrecyLevel, by: ActorRef): Pick<ExistingReferral, 'handlers'> =>
  SECRECY_RESTRICTION.levels.includes(level) ? { handlers: [{ orgId: by.orgId, userIds: [by.userId] }] } : {};

const evolveExisting = (state: ExistingReferral, event: ReferralEvent): ExistingReferral => {
  const { at, by } = event.data;
  const status = referralStatusAfter(state.status, event);
  switch (event.type) {
    case 'ReferralDrafted':
    case 'ForwardedReferralOpened':
    case 'ReturnedReferralOpened':
      return state; // creation events open a stream; they never follow one
    case 'ReferralApproved':
      return { ...state, status, approvedBy: by, approvalOpinion: event.data.opinion };
    case 'ReferralSent':
    case 'ReferralRerouted':
      return {
        ...state,
        status,
        target: event.data.target,
        holder: event.data.target,
        sentAt: event.data.sentAt,
        ...(event.type === 'ReferralSent' ? { sentLate: event.data.sentLate } : {}),
        ...running({}),
      };
    case 'ReferralReceived':
      return {
        ...state,
        status,
        registrationNo: event.data.registrationNo,
        ...running({ acceptanceDeadline: event.data.acceptanceDeadline }),
      };
    case 'ReferralForwarded':
      return {
        ...state,
        status,
        holder: { kind: 'DisciplineCommission', ...event.data.forwardTo },
        forwardings: [
          ...state.forwardings,
          { from: by.orgId, to: event.data.forwardTo, reason: event.data.reason, at },
        ],
        ...running({}),
      };
    case 'ReferralReturned':
      return { ...state, status, holder: undefined, returnReason: event.data.reason, ...running({}) };
    case 'ReferralAccepted':
      return {
        ...state,
        status,
        acceptedSubjectIds: event.data.acceptedSubjectIds,
        forwardedSubjectIds: [],
        ...running({ disposalDeadline: event.data.disposalDeadline }),
      };
    case 'ReferralPartiallyAccepted':
      return {
        ...state,
        status,
        acceptedSubjectIds: event.data.acceptedSubjectIds,
        forwardedSubjectIds: event.data.forwardedSubjectIds,
        childReferralIds: [...state.childReferralIds, event.data.childReferralId],
        ...running({ disposalDeadline: event.data.disposalDeadline }),
      };
    case 'ReferralPartiallyReturned':
      return {
        ...state,
        status,
        acceptedSubjectIds: event.data.acceptedSubjectIds,
        forwardedSubjectIds: [],
        returnedSubjectIds: event.data.returnedSubjectIds,
        childReferralIds: [...state.childReferralIds, event.data.childReferralId],
        ...running({ disposalDeadline: event.data.disposalDeadline }),
      };
    case 'DisposalDecided':
      return {
        ...state,
        status,
        disposal: { method: event.data.method, decidedAt: at, reason: event.data.reason },
        ...running({
          disposalDeadline: event.data.disposalDeadline,
          resultFeedbackDeadline: event.data.resultFeedbackDeadline,
        }),
      };
    case 'ShelvedReferralResumed':
      return {
        ...state,
        disposal: { method: 'PreliminaryVerification', decidedAt: at, reason: event.data.newEvidence },
        ...running({ disposalDeadline: event.data.disposalDeadline }),
      };
    case 'TalkOrInquiryHeld':
      return state.disposal
        ? {
            ...state,
            disposal: { ...state.disposal, held: { form: event.data.form, on: event.data.heldOn } },
            ...running({ disposalDeadline: event.data.disposalDeadline }),
          }
        : state;
    case 'TalkOrInquiryCompleted':
      return event.data.problemsSurfaced
        ? {
            ...state,
            disposal: { method: 'PreliminaryVerification', decidedAt: at, reason: event.data.record },
            ...running({ disposalDeadline: event.data.disposalDeadline }),
          }
        : {
            ...state,
            status,
            conclusion: { text: event.data.record, at },
            outcomes: [
              ...state.outcomes,
              ...event.data.outcomes.map((o) => decidedByHolder(o, state.holder, by.orgId)),
            ],
            ...running({ resultFeedbackDeadline: event.data.resultFeedbackDeadline }),
          };
    case 'CaseFiled':
      return { ...state, status, caseNo: event.data.caseNo, ...running({}) };
    case 'VerificationConcluded':
      return {
        ...state,
        status,
        conclusion: { text: event.data.report, at },
        ...running({ resultFeedbackDeadline: event.data.resultFeedbackDeadline }),
      };
    case 'OutcomesRecorded': // upcast: the one-shot recording was complete, decided by the holder
    case 'OutcomesAdded': {
      const complete = event.type === 'OutcomesRecorded' || event.data.complete;
      return {
        ...state,
        status,
        outcomes: [
          ...state.outcomes,
          ...(event.type === 'OutcomesAdded'
            ? event.data.outcomes
            : event.data.outcomes.map((o) => decidedByHolder(o, state.holder, by.orgId))),
        ],
        outcomesOpen: !complete,
        ...running({ resultFeedbackDeadline: complete ? event.data.resultFeedbackDeadline : undefined }),
        ...(event.data.organisationalHandlingDeadline
          ? { organisationalHandlingDeadline: event.data.organisationalHandlingDeadline }
          : {}),
      };
    }
    case 'OutcomesCompleted':
      return {
        ...state,
        outcomesOpen: false,
        ...running({ resultFeedbackDeadline: event.data.resultFeedbackDeadline }),
      };
    case 'OrganisationalHandlingCarriedOut':
      return {
        ...state,
        organisationalHandling: { documentNo: event.data.documentNo, doneOn: event.data.doneOn },
        organisationalHandlingDeadline: undefined,
      };
    case 'ResultFedBack':
      return {
        ...state,
        status,
        feedback: {
          summary: event.data.summary,
          perSubject: event.data.perSubject,
          fedBackAt: at,
          late: event.data.late,
        },
        ...running({}),
      };
    case 'TypicalCasePublished':
      return {
        ...state,
        typicalCase: { text: event.data.text, anonymised: event.data.anonymised, publishedAt: at },
        typicalCasePublished: true,
      };
    case 'ReferralClosed':
      return {
        ...state,
        status,
        closure: { linkedRectification: event.data.linkedRectification, closedAt: at },
        ...running({}),
      };
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
    case 'DeadlineResumed':
      return {
        ...state,
        ...running({
          transferDeadline: changedDeadline(state.transferDeadline, event),
          acceptanceDeadline: changedDeadline(state.acceptanceDeadline, event),
          disposalDeadline: changedDeadline(state.disposalDeadline, event),
          resultFeedbackDeadline: changedDeadline(state.resultFeedbackDeadline, event),
        }),
        organisationalHandlingDeadline: changedDeadline(state.organisationalHandlingDeadline, event),
        deadlineRequests: changedRequests(state.deadlineRequests, event),
      };
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued':
      return { ...state, ladders: evolveLadders(state.ladders, event) };
    case 'CarbonCopySent':
      return { ...state, copiedTo: evolveCopies(state.copiedTo, event.data) };
    case 'CaseHandlersNamed':
      return { ...state, handlers: evolveHandlers(state.handlers, event.data) };
    case 'DeadlineRecomputed': {
      const recounted = recountedReferral(state, event.data.slot, event.data.deadline);
      const deadlineRequests = recountedRequests(state.deadlineRequests, event.data);
      return recounted !== state && deadlineRequests ? { ...recounted, deadlineRequests } : recounted;
    }
    default: {
      // Compile-time exhaustiveness only: evolve must not throw on a stored event.
      const _exhaustive: never = event;
      return state;
    }
  }
};

/** The deadlines of a referral that a recount may move, by the state field that holds them. */
export const REFERRAL_DEADLINE_SLOTS = [
  'transferDeadline',
  'acceptanceDeadline',
  'disposalDeadline',
  'resultFeedbackDeadline',
  'organisationalHandlingDeadline',
] as const;
export type ReferralDeadlineSlot = (typeof REFERRAL_DEADLINE_SLOTS)[number];

/** The open deadlines of the referral by slot (`running` clears the ones no longer running). */
export const openReferralDeadlines = (
  state: ExistingReferral,
): Readonly<Record<ReferralDeadlineSlot, Deadline | undefined>> => ({
  transferDeadline: state.transferDeadline,
  acceptanceDeadline: state.acceptanceDeadline,
  disposalDeadline: state.disposalDeadline,
  resultFeedbackDeadline: state.resultFeedbackDeadline,
  organisationalHandlingDeadline: state.organisationalHandlingDeadline,
});

/** `deadline` is a copy of the running one: a recount of that one moves both. */
const recountedReferral = (state: ExistingReferral, slot: string, deadline: Deadline): ExistingReferral => {
  if (!(REFERRAL_DEADLINE_SLOTS as readonly string[]).includes(slot)) return state;
  const key = slot as ReferralDeadlineSlot;
  const runningOne = isSameCount(state.deadline, state[key]) ? { deadline } : {};
  return { ...state, [key]: deadline, ...runningOne };
};
