import { evolveLadders } from '../deadlines/deadline-alarm.decide';
import { assertNever } from '../shared/decider';
import { recountedRequests } from '../deadline-change/deadline-change.evolve';
import { evolveItemDeadline } from './rectification.deadlines';
import { RectificationEvent, RectificationHistoryImportedData, actDateOf } from './rectification.events';
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
    case 'RectificationHistoryImported':
      return evolveImported(state, event.data, status);
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
    assignedOn: d.assignedOn,
    // The latest act the line records: an act entered after the import is not dated before it.
    lastActOn: [d.assignedOn, evaluation?.on, d.closedOn, lookBack?.on].reduce<string>(
      (latest, on) => (on !== undefined && on > latest ? on : latest),
      d.assignedOn,
    ),
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
