import { evolveLadders } from '../deadlines/deadline-alarm.decide';
import { assertNever } from '../shared/decider';
import { recountedRequests } from '../deadline-change/deadline-change.evolve';
import { evolveItemDeadline } from './rectification.deadlines';
import { RectificationEvent, RectificationHistoryImportedData } from './rectification.events';
import { RectificationState, RectificationStatus } from './rectification.state';
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
    case 'RectificationHistoryImported':
      return evolveImported(state, event.data, status);
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

/** China midnight of a business date: the instant the state records a legacy step at. */
const startOf = (date: string): string => `${date}T00:00:00+08:00`;

/**
 * 历史补录: the item stands at the ledger's step with its records, one round of each (report 1,
 * evaluation 1). The records are the importing user's (`by`): the ledger names no evaluator.
 */
const evolveImported = (
  state: RectificationState,
  d: RectificationHistoryImportedData,
  status: RectificationStatus,
): RectificationState => {
  const { deadline, ...rest } = state;
  // 整改时限 binds only while the agency has work to do; a reported item met it (as a report does).
  const working = status === 'Assigned' || status === 'InProgress';
  const evaluation = d.evaluation;
  const lookBack = d.lookBack;
  return {
    ...rest,
    ...(working && deadline !== undefined ? { deadline } : {}),
    status,
    importedFrom: d.ledgerRow,
    ...(working ? {} : { reportCount: 1 }),
    ...(evaluation === undefined
      ? {}
      : {
          evaluationCount: 1,
          lastEvaluation: {
            evaluationNo: 1,
            reportNo: 1,
            evaluatorUserId: d.by.userId,
            method: evaluation.method,
            result: evaluation.result,
            notes: '',
            at: startOf(evaluation.on),
          },
        }),
    ...(d.closedOn === undefined ? {} : { closedAt: startOf(d.closedOn) }),
    ...(lookBack === undefined
      ? {}
      : {
          lastLookBack: {
            method: lookBack.method,
            result: lookBack.result,
            notes: '',
            at: startOf(lookBack.on),
            by: d.by,
          },
        }),
  };
};
