import { decideIssueFollowUpInstrument } from './clue-instrument.decide';
import { decideCarbonCopy } from '../access/case-access.messages';
import { decideDeadlineAlarm } from '../deadlines/deadline-alarm.decide';
import { decideDeadlineRecompute } from '../calendar/deadline-recompute';
import { decideEscalation } from '../escalation/escalation';
import { DomainConfig } from '../domain-config';
import { Decider, Decision, assertNever } from '../shared/decider';
import { notFound } from '../shared/domain-error';
import {
  decideDismissClue,
  decideIssueSupervisionInstrument,
  decideRegisterClue,
  decideStartAnalysis,
  decideStartVerification,
} from './clue-analysis.decide';
import {
  decideCompleteLookBack,
  decideEvaluateClue,
  decideStartEvaluation,
  decideSubmitRectificationFeedback,
  decideSubmitRectificationPlan,
} from './clue-rectification.decide';
import { decideClueDeadline } from './clue-deadlines.decide';
import { decidePublishClueTypicalCase } from './clue-publication.decide';
import { decideProposeReferral, decideRecordReferralSent } from './clue-referral.decide';
import { decideLinkAccountabilityCase } from './clue-accountability.decide';
import { ClueCommand, RaiseClueEscalation } from './clue.commands';
import { ClueEvent } from './clue.events';
import { CLUE_PRECONDITIONS, clueAlarmTarget } from './clue.preconditions';
import { ClueState, evolveClue, initialClueState, openClueDeadlines } from './clue.state';

/** C13 — the shared escalation overlay decides; the clue supplies its region and whether it is open. */
const decideClueEscalation = (
  command: RaiseClueEscalation,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> =>
  CLUE_PRECONDITIONS.RaiseEscalation(state, command.actor) ??
  decideEscalation(
    command,
    // The precondition has checked the region and that the clue is open.
    { regionId: state.regionId ?? '', open: true, escalationIds: state.escalationIds },
    config,
    'CLUE',
  );

/**
 * 问题线索 — the Clue aggregate (DOMAIN.md §4.1, C1–C14): the supervision side, owned by the
 * rule-of-law office and the justice bureau.
 */
export const createClueDecider = (config: DomainConfig): Decider<ClueCommand, ClueState, ClueEvent> => ({
  initialState: initialClueState,
  evolve: evolveClue,
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterClue':
        return decideRegisterClue(command, state);
      case 'StartAnalysis':
        return decideStartAnalysis(command, state);
      case 'DismissClue':
        return decideDismissClue(command, state);
      case 'StartVerification':
        return decideStartVerification(command, state, config);
      case 'IssueSupervisionInstrument':
        return decideIssueSupervisionInstrument(command, state, config);
      case 'IssueFollowUpInstrument':
        return decideIssueFollowUpInstrument(command, state, config);
      case 'SubmitRectificationPlan':
        return decideSubmitRectificationPlan(command, state, config);
      case 'SubmitRectificationFeedback':
        return decideSubmitRectificationFeedback(command, state);
      case 'StartEvaluation':
        return decideStartEvaluation(command, state);
      case 'EvaluateClue':
        return decideEvaluateClue(command, state, config);
      case 'CompleteClueLookBack':
        return decideCompleteLookBack(command, state, config);
      case 'ProposeReferral':
        return decideProposeReferral(command, state, config);
      case 'RecordReferralSent':
        return decideRecordReferralSent(command, state);
      case 'LinkAccountabilityCase':
        return decideLinkAccountabilityCase(command, state);
      case 'RaiseEscalation':
        return decideClueEscalation(command, state, config);
      case 'RequestDeadlineExtension':
      case 'ApproveDeadlineExtension':
      case 'RefuseDeadlineExtension':
      case 'PauseDeadline':
      case 'ResumeDeadline':
        return decideClueDeadline(command, state, config);
      case 'FireDeadlineAlarm':
      case 'ConfirmEscalationRung':
      case 'WaiveEscalationRung': {
        const target = clueAlarmTarget(state);
        if (!target) return notFound('CLUE.NOT_FOUND', 'no clue with this id');
        return decideDeadlineAlarm(command, target, config);
      }
      case 'SendCarbonCopy':
        return (
          CLUE_PRECONDITIONS.SendCarbonCopy(state, command.actor) ??
          decideCarbonCopy(command, [...(state.copiedTo ?? [])], 'CLUE')
        );
      case 'RecomputeDeadline':
        return state.status === 'None'
          ? notFound('CLUE.NOT_FOUND', 'no clue with this id')
          : decideDeadlineRecompute(command, openClueDeadlines(state), config.calendar, 'CLUE');
      case 'PublishTypicalCase':
        return decidePublishClueTypicalCase(command, state);
      default:
        return assertNever(command);
    }
  },
});
