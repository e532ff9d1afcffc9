import { evolveLadders } from '../deadlines/deadline-alarm.decide';
import { assertNever } from '../shared/decider';
import { recountedRequests } from '../deadline-change/deadline-change.evolve';
import { evolveItemDeadline } from './rectification.deadlines';
import { RectificationEvent } from './rectification.events';
import { RectificationState } from './rectification.state';
import { rectificationStatusAfter } from './rectification.status';

/**
 * Applies a stored event. Never validates and never throws on a known event: the events were
 * accepted by `decide` and are facts. Optional fields are removed rather than set to undefined,
 * so the state stays plain JSON and folds compare equal however they were reached.
 */
export const evolveRectification = (state: RectificationState, event: RectificationEvent): RectificationState => {
  const status = rectificationStatusAfter(state.status, event);
  switch (event.type) {
    case 'RectificationItemAssigned': {
      const { at: _at, by: _by, deadline, longTermTarget, ...item } = event.data;
      return {
        ...state,
        ...item,
        status,
        ...(longTermTarget !== undefined ? { longTermTarget } : {}),
        ...(deadline !== undefined ? { deadline } : {}),
      };
    }
    case 'RectificationStarted':
      return { ...state, status };
    case 'RectificationReported': {
      const { deadline: _met, ...rest } = state;
      return { ...rest, status, reportCount: event.data.reportNo, lastReport: event.data };
    }
    case 'RectificationEvaluated': {
      const { by: _by, ...evaluation } = event.data;
      return { ...state, status, evaluationCount: evaluation.evaluationNo, lastEvaluation: evaluation };
    }
    case 'ItemClosed':
      return { ...state, status, closedAt: event.data.at, lookBackDue: event.data.lookBackDue };
    case 'LookBackScheduled':
      return { ...state, status, lookBackDue: event.data.lookBackDue };
    case 'LookBackCompleted': {
      const { lookBackDue: _done, ...rest } = state;
      return { ...rest, status, lastLookBack: event.data };
    }
    case 'RectificationReopened': {
      const { lookBackDue: _dropped, ...rest } = state;
      return { ...rest, status, reopenCount: event.data.reopenNo, deadline: event.data.deadline };
    }
    case 'EscalationRaised': {
      const { escalationId, escalationType, targetOrgId, at, deadline } = event.data;
      const record = { escalationId, escalationType, targetOrgId, at, ...(deadline !== undefined ? { deadline } : {}) };
      return { ...state, escalations: [...state.escalations, record] };
    }
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed':
      return evolveItemDeadline(state, event);
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued':
      return { ...state, ladders: evolveLadders(state.ladders, event) };
    case 'DeadlineRecomputed': {
      const { slot, deadline } = event.data;
      if (slot !== 'deadline' && slot !== 'lookBackDue') return state;
      const deadlineRequests = recountedRequests(state.deadlineRequests, event.data);
      return { ...state, [slot]: deadline, ...(deadlineRequests ? { deadlineRequests } : {}) };
    }
    default:
      return assertNever(event);
  }
};
