import { escalationRungPrecondition } from '../deadlines/deadline-alarm.decide';
import { openDeadlinesOfClue } from '../deadlines/open-deadlines';
import { escalationPrecondition } from '../escalation/escalation';
import { requireRole } from '../shared/authorize';
import { conflict, notFound } from '../shared/domain-error';
import { Precondition, availableFrom } from '../shared/precondition';
import { firstError } from '../shared/validate';
import { Actor } from '../shared/actor';
import { ClueCommand } from './clue.commands';
import { authorizeAgencyHead, authorizeSupervisor, requireStatus } from './clue.guards';
import { ClueState, ClueStatus } from './clue.state';
import { clueDeadlinePrecondition } from './clue-deadlines.decide';

/**
 * The commands a user sends on an existing clue. RegisterClue opens a clue; RecordReferralSent and
 * LinkAccountabilityCase are the referral's and the accountability case's follow-ups on its clue and
 * RecomputeDeadline the calendar's, never a user's action; FireDeadlineAlarm is the deadline timer's.
 */
export type ClueActionType = Exclude<
  ClueCommand['type'],
  'RegisterClue' | 'RecordReferralSent' | 'LinkAccountabilityCase' | 'RecomputeDeadline' | 'FireDeadlineAlarm'
>;

/** The authorisation helpers read only the actor of a command. */
const as = (actor: Actor) => ({ actor });

const supervisor =
  (action: string, statuses: readonly ClueStatus[], head = false, statusAction = action): Precondition<ClueState> =>
  (state, actor) =>
    firstError(authorizeSupervisor(as(actor), state, action, head), requireStatus(state, statuses, statusAction));

const agencyHead =
  (action: string, statuses: readonly ClueStatus[], statusAction: string): Precondition<ClueState> =>
  (state, actor) =>
    firstError(authorizeAgencyHead(as(actor), state, action), requireStatus(state, statuses, statusAction));

const clueNotFound = () => notFound('CLUE.NOT_FOUND', 'no clue with this id');

/** What the 督办 ladder reads of the clue; undefined while it does not exist. */
export const clueAlarmTarget = (state: ClueState) =>
  state.status === 'None'
    ? undefined
    : { regionId: state.regionId ?? '', deadlines: openDeadlinesOfClue(state), ladders: state.ladders };

/** Statuses in which the clue can still be escalated (督办, C13): it exists and is not finished. */
const NOT_ESCALATABLE: readonly ClueStatus[] = ['None', 'Dismissed', 'Archived', 'Closed'];

/**
 * Per command, everything its decision needs of the clue and the actor (DOMAIN.md §4.1): the
 * decide functions run these first, the action list is computed from them.
 */
export const CLUE_PRECONDITIONS: Readonly<Record<ClueActionType, Precondition<ClueState>>> = {
  StartAnalysis: supervisor('start the analysis', ['Registered'], false, 'start the analysis of'),
  // C3 / C5: "no problem found" additionally needs the verification (judged with the reason).
  DismissClue: supervisor('dismiss a clue', ['Analysis', 'Verification'], true, 'dismiss'),
  StartVerification: supervisor('start the verification', ['Analysis'], true, 'start the verification of'),
  IssueSupervisionInstrument: supervisor(
    'issue a supervision instrument',
    ['Verification'],
    true,
    'issue an instrument on',
  ),
  // Issue 17 §6: while the agency is at its step, the head may follow up with a further instrument.
  IssueFollowUpInstrument: supervisor(
    'issue a follow-up instrument',
    ['Supervision', 'Rectification'],
    true,
    'issue a follow-up instrument on',
  ),
  SubmitRectificationPlan: agencyHead('submit the rectification plan', ['Supervision'], 'submit a plan for'),
  SubmitRectificationFeedback: agencyHead(
    'submit the rectification feedback',
    ['Rectification'],
    'submit feedback for',
  ),
  StartEvaluation: supervisor('start the evaluation', ['Feedback'], false, 'evaluate'),
  // C10 / C11: passing closes the clue and is the head's; that is judged with the result.
  EvaluateClue: supervisor('evaluate a clue', ['Evaluation'], false, 'record an evaluation for'),
  CompleteClueLookBack: supervisor('complete the look-back', ['Closed'], false, 'look back at'),
  // C14: once analysis has started a referral can be proposed at any step up to closure.
  ProposeReferral: supervisor(
    'propose a referral',
    ['Analysis', 'Verification', 'Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed'],
    false,
    'propose a referral from',
  ),
  RaiseEscalation: (state, actor) =>
    state.status === 'None'
      ? (requireRole(actor, ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'], 'raise an escalation') ??
        notFound('CLUE.NOT_FOUND', 'no clue with this id'))
      : escalationPrecondition(
          actor,
          { regionId: state.regionId ?? '', open: !NOT_ESCALATABLE.includes(state.status) },
          'CLUE',
        ),
  // 延期申请 / 中止·恢复 (issue 15 §2): for some deadline or pending request of the case.
  RequestDeadlineExtension: clueDeadlinePrecondition('RequestDeadlineExtension'),
  ApproveDeadlineExtension: clueDeadlinePrecondition('ApproveDeadlineExtension'),
  RefuseDeadlineExtension: clueDeadlinePrecondition('RefuseDeadlineExtension'),
  PauseDeadline: clueDeadlinePrecondition('PauseDeadline'),
  ResumeDeadline: clueDeadlinePrecondition('ResumeDeadline'),
  // The 督办 ladder's proposed rung (issue 15 §2): a supervising head of the region, while one waits.
  ConfirmEscalationRung: (state, actor) => escalationRungPrecondition(actor, clueAlarmTarget(state), clueNotFound),
  WaiveEscalationRung: (state, actor) => escalationRungPrecondition(actor, clueAlarmTarget(state), clueNotFound),
  // 抄送 of the instrument (DOMAIN.md §3 CarbonCopy): by the supervisors of the clue once it is issued.
  SendCarbonCopy: supervisor(
    'copy the supervision instrument',
    ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'],
    false,
    'copy the instrument of',
  ),
  // 典型案例 by the office (issue 17): a finished matter, once, on its head's word.
  PublishTypicalCase: (state, actor) =>
    supervisor('publish a typical case', ['Closed', 'Archived'], true, 'publish as a typical case')(state, actor) ??
    (state.typicalCasePublishedOn !== undefined
      ? conflict('CLUE.TYPICAL_CASE_ALREADY_PUBLISHED', 'the typical case is already published')
      : undefined),
};

/** The commands `actor` may send on the clue now; none before it exists. */
export const availableClueCommands = (state: ClueState, actor: Actor): ClueActionType[] =>
  state.status === 'None' ? [] : availableFrom(CLUE_PRECONDITIONS, state, actor);
