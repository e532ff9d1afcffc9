import { evolveLadders } from '../deadlines/deadline-alarm.decide';
import { assertNever } from '../shared/decider';
import { recountedRequests } from '../deadline-change/deadline-change.evolve';
import { evolveItemDeadline } from './rectification.deadlines';
import { RectificationEvent, actDateOf } from './rectification.events';
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
      const { at: _at, by: _by, deadline, longTermTarget, occurredOn: _on, ...item } = event.data;
      const assignedOn = actDateOf(event.data);
      return {
        ...state,
        ...item,
        status,
        assignedOn,
        lastActOn: assignedOn,
        ...(longTermTarget !== undefined ? { longTermTarget } : {}),
        ...(deadline !== undefined ? { deadline } : {}),
      };
    }
    case 'RectificationStarted':
      return { ...state, status, lastActOn: actDateOf(event.data) };
    case 'RectificationReported': {
      const { deadline: _met, ...rest } = state;
      const { occurredOn: _on, ...report } = event.data;
      return { ...rest, status, reportCount: report.reportNo, lastReport: report, lastActOn: actDateOf(event.data) };
    }
    case 'RectificationEvaluated': {
      const { by: _by, occurredOn: _on, ...evaluation } = event.data;
      const lastActOn = actDateOf(event.data);
      return { ...state, status, evaluationCount: evaluation.evaluationNo, lastEvaluation: evaluation, lastActOn };
    }
    case 'ItemClosed': {
      const { at, lookBackDue } = event.data;
      return { ...state, status, closedAt: at, lookBackDue, lastActOn: actDateOf(event.data) };
    }
    case 'LookBackScheduled':
      // A plan, not an act: a look-back entered later may have happened before it was scheduled.
      return { ...state, status, lookBackDue: event.data.lookBackDue };
    case 'LookBackCompleted': {
      const { lookBackDue: _done, ...rest } = state;
      const { occurredOn: _on, ...lookBack } = event.data;
      return { ...rest, status, lastLookBack: lookBack, lastActOn: actDateOf(event.data) };
    }
    case 'RectificationReopened': {
      const { lookBackDue: _dropped, ...rest } = state;
      const { reopenNo: reopenCount, deadline } = event.data;
      return { ...rest, status, reopenCount, deadline, lastActOn: actDateOf(event.data) };
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
