import { Actor } from '../shared/actor';
import { requireRegion, requireRole } from '../shared/authorize';
import { DomainError, conflict, invalidTransition } from '../shared/domain-error';
import { Precondition, availableFrom } from '../shared/precondition';
import { escalationRungPrecondition } from '../deadlines/deadline-alarm.decide';
import { openDeadlinesOfReferral } from '../deadlines/open-deadlines';
import { escalationPrecondition } from '../escalation/escalation';
import { firstError } from '../shared/validate';
import { OFFICE_ROLES, authorizeHolder, authorizeOffice, requireStatus } from './referral.authorize';
import { ReferralCommand } from './referral.commands';
import { ClueContext, DisposalMethod, NON_REFERABLE_CLUE_STATUSES } from './referral.model';
import { ExistingReferral, ReferralState } from './referral.state';
import { referralDeadlinePrecondition } from './referral-deadlines.decide';
import { subjectsWithoutOutcome } from './subject-outcomes';

/**
 * The commands a user sends on an existing referral. DraftReferral opens a referral from a clue
 * (see {@link draftReferralPrecondition}); OpenForwardedReferral is the partial acceptance's own
 * follow-up, never a user's action; FireDeadlineAlarm is the deadline timer's.
 */
export type ReferralActionType = Exclude<
  ReferralCommand['type'],
  'DraftReferral' | 'OpenForwardedReferral' | 'RecomputeDeadline' | 'FireDeadlineAlarm'
>;

/** Disposing, with this method running. */
export const requireMethod = (
  state: ExistingReferral,
  method: DisposalMethod,
  action: string,
): DomainError | undefined =>
  requireStatus(state, ['Disposing'], action) ??
  (state.disposal?.method === method
    ? undefined
    : invalidTransition(
        'REFERRAL.WRONG_STATE',
        `cannot ${action} while the disposal method is ${String(state.disposal?.method)}`,
        { status: state.status, method: state.disposal?.method, required: method, allowed: ['Disposing'] },
      ));

type ReferralCheck = (state: ExistingReferral, actor: Actor) => DomainError | undefined;

const office =
  (action: string, statuses: ExistingReferral['status'][], head = false): ReferralCheck =>
  (state, actor) =>
    firstError(authorizeOffice(actor, state.regionId, action, head), requireStatus(state, statuses, action));

const holder =
  (
    action: string,
    statuses: ExistingReferral['status'][],
    options: { readonly commissionOnly?: boolean; readonly head?: boolean } = {},
  ): ReferralCheck =>
  (state, actor) =>
    firstError(authorizeHolder(actor, state, action, options), requireStatus(state, statuses, action));

const holderWithMethod =
  (action: string, method: DisposalMethod, head = false): ReferralCheck =>
  (state, actor) =>
    firstError(
      authorizeHolder(actor, state, action, { commissionOnly: true, head }),
      requireMethod(state, method, action),
    );

/**
 * Per command, everything its decision needs of the referral and the actor (DOMAIN.md §4.2):
 * the decide functions run these first, the action list is computed from them.
 */
export const REFERRAL_PRECONDITIONS: Readonly<Record<ReferralActionType, ReferralCheck>> = {
  ApproveReferral: office('approve a referral', ['Draft'], true),
  SendReferral: office('send a referral', ['Approved']),
  RerouteReferral: office('re-route a referral', ['Returned'], true),
  ReceiveReferral: holder('receive a referral', ['Sent', 'Forwarded']),
  ForwardReferral: holder('forward a referral', ['Received'], { commissionOnly: true }),
  ReturnReferral: holder('return a referral', ['Received']),
  AcceptReferral: holder('accept a referral', ['Received']),
  PartiallyAcceptReferral: holder('partially accept a referral', ['Received'], { commissionOnly: true }),
  DecideDisposal: holder('decide the disposal', ['Accepted', 'PartiallyAccepted'], {
    commissionOnly: true,
    head: true,
  }),
  ResumeShelved: holderWithMethod('resume a shelved referral', 'ShelvedPending'),
  RecordTalkOrInquiryHeld: (state, actor) =>
    holderWithMethod('record the talk or reply', 'TalkOrInquiryLetter')(state, actor) ??
    (state.disposal?.held
      ? conflict('REFERRAL.TALK_ALREADY_HELD', 'the talk or reply is already recorded', {
          heldOn: state.disposal.held.on,
        })
      : undefined),
  CompleteTalkOrInquiry: holderWithMethod('complete the talk or inquiry', 'TalkOrInquiryLetter'),
  FileCase: holderWithMethod('file a case', 'PreliminaryVerification', true),
  ConcludeVerification: holderWithMethod('conclude the preliminary verification', 'PreliminaryVerification'),
  // R11: a commission records outcomes on a filed case, an appointing authority straight after
  // accepting; further outcomes accumulate (Decided) until the result is fed back (issue 17 §5).
  RecordOutcomes: (state, actor) =>
    holder(
      'record outcomes',
      state.holder?.kind === 'AppointingAuthority' ? ['Accepted', 'Decided'] : ['CaseFiled', 'Decided'],
    )(state, actor),
  CompleteOutcomes: (state, actor) =>
    holder('declare the outcomes complete', ['Decided'])(state, actor) ??
    (state.outcomesOpen
      ? undefined
      : conflict('REFERRAL.OUTCOMES_ALREADY_COMPLETE', 'the outcomes are already declared complete')),
  // R12: the result is fed back once the outcomes are complete (referral-outcomes.decide.ts).
  FeedBackResult: (state, actor) =>
    holder('feed back the result', ['Decided', 'Concluded'])(state, actor) ??
    (state.status === 'Decided' && state.outcomesOpen
      ? conflict('REFERRAL.OUTCOMES_NOT_COMPLETE', 'the outcomes are not declared complete yet', {
          subjectIdsWithoutOutcome: subjectsWithoutOutcome(state.acceptedSubjectIds, state.outcomes),
        })
      : undefined),
  // 问责条例 art. 9: while the 1-month 组织处理 deadline runs, through feedback and closure.
  RecordOrganisationalHandlingDone: (state, actor) =>
    holder('record the organisational handling', ['Decided', 'ResultFedBack', 'Closed'])(state, actor) ??
    (state.organisationalHandlingDeadline
      ? undefined
      : conflict(
          'REFERRAL.NO_ORGANISATIONAL_HANDLING_DUE',
          'no organisational handling is waiting to be carried out',
          state.organisationalHandling ? { doneOn: state.organisationalHandling.doneOn } : {},
        )),
  PublishTypicalCase: (state, actor) =>
    holder('publish a typical case', ['ResultFedBack', 'Closed'])(state, actor) ??
    (state.typicalCasePublished
      ? conflict('REFERRAL.TYPICAL_CASE_ALREADY_PUBLISHED', 'the typical case is already published')
      : undefined),
  CloseReferral: office('close a referral', ['ResultFedBack']),
  // 督办 on any open referral (not yet closed), by the supervisors of its region (DOMAIN.md §4.4).
  RaiseEscalation: (state, actor) =>
    escalationPrecondition(actor, { regionId: state.regionId, open: state.status !== 'Closed' }, 'REFERRAL'),
  // 延期申请 / 中止·恢复 (issue 15 §2): for some deadline or pending request of the case.
  RequestDeadlineExtension: referralDeadlinePrecondition('RequestDeadlineExtension'),
  ApproveDeadlineExtension: referralDeadlinePrecondition('ApproveDeadlineExtension'),
  RefuseDeadlineExtension: referralDeadlinePrecondition('RefuseDeadlineExtension'),
  PauseDeadline: referralDeadlinePrecondition('PauseDeadline'),
  ResumeDeadline: referralDeadlinePrecondition('ResumeDeadline'),
  // The 督办 ladder's proposed rung (issue 15 §2): a supervising head of the region, while one waits.
  ConfirmEscalationRung: (state, actor) => escalationRungPrecondition(actor, referralAlarmTarget(state)),
  WaiveEscalationRung: (state, actor) => escalationRungPrecondition(actor, referralAlarmTarget(state)),
};

/** What the 督办 ladder reads of an existing referral. */
export const referralAlarmTarget = (state: ExistingReferral) => ({
  regionId: state.regionId,
  deadlines: openDeadlinesOfReferral(state),
  ladders: state.ladders,
});

/** The commands `actor` may send on the referral now; none before it exists. */
export const availableReferralCommands = (state: ReferralState, actor: Actor): ReferralActionType[] =>
  state.status === 'None' ? [] : availableFrom(REFERRAL_PRECONDITIONS, state, actor);

const DRAFT_ACTION = 'draft a referral';

/** A clue in one of these statuses cannot be referred (any more, or yet). */
export const requireReferableClue = (clueStatus: string): DomainError | undefined =>
  (NON_REFERABLE_CLUE_STATUSES as readonly string[]).includes(clueStatus)
    ? conflict('REFERRAL.CLUE_NOT_REFERABLE', `a clue in status ${clueStatus} cannot be referred`, { clueStatus })
    : undefined;

/**
 * R0 — whether `actor` may draft a referral from this clue now: the office side of the clue's
 * region, on a clue that can be referred. The clue's facts are read by the application.
 */
export const draftReferralPrecondition: Precondition<ClueContext> = (clue, actor) =>
  firstError(requireRole(actor, OFFICE_ROLES, DRAFT_ACTION), requireRegion(actor, clue.regionId, DRAFT_ACTION)) ??
  requireReferableClue(clue.status);
