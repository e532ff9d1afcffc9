import { decideDeadlineRecompute } from '../calendar/deadline-recompute';
import { DomainConfig } from '../domain-config';
import { decideDeadlineAlarm } from '../deadlines/deadline-alarm.decide';
import { decideEscalation } from '../escalation/escalation';
import { requireRole } from '../shared/authorize';
import { Decider, assertNever } from '../shared/decider';
import { businessDateOf } from '../shared/business-date';
import { conflict, isDomainError } from '../shared/domain-error';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import {
  AssignRectificationItem,
  RaiseRectificationEscalation,
  RecomputeRectificationDeadline,
  RectificationCommand,
} from './rectification.commands';
import { RectificationEvent } from './rectification.events';
import { RECTIFICATION_PRECONDITIONS, assignItemPrecondition, itemAlarmTarget } from './rectification.preconditions';
import { evolveRectification } from './rectification.evolve';
import { recordedDate } from './rectification.business-date';
import { itemAssigned } from './rectification-assignment';
import { report, start } from './rectification.agency';
import { decideItemDeadline } from './rectification.deadlines';
import {
  Decide,
  NAME,
  REF,
  SUPERVISOR_ROLES,
  TEXT,
  itemNotFound,
  optionalTexts,
  requireNotBefore,
} from './rectification.guards';
import { RECTIFICATION_MODES, RectificationState, initialRectificationState } from './rectification.state';
import { close, completeLookBack, evaluate, reopen, scheduleLookBack } from './rectification.supervision';

/** 整改事项 — RectificationItem (DOMAIN.md §4.3). Invariant: no 销号 without a passed evaluation (seed 003). */
export const createRectificationDecider = (
  config: DomainConfig,
): Decider<RectificationCommand, RectificationState, RectificationEvent> => ({
  decide: (command, state) => decideRectification(command, state, config),
  evolve: evolveRectification,
  initialState: initialRectificationState,
});

export const decideRectification: Decide<RectificationCommand> = (command, state, config) => {
  switch (command.type) {
    case 'AssignRectificationItem':
      return assign(command, state, config);
    case 'StartRectification':
      return start(command, state, config);
    case 'ReportRectification':
      return report(command, state, config);
    case 'EvaluateRectification':
      return evaluate(command, state, config);
    case 'CloseItem':
      return close(command, state, config);
    case 'ReopenItem':
      return reopen(command, state, config);
    case 'ScheduleLookBack':
      return scheduleLookBack(command, state, config);
    case 'CompleteLookBack':
      return completeLookBack(command, state, config);
    case 'RaiseEscalation':
      return escalate(command, state, config);
    case 'RequestDeadlineExtension':
    case 'ApproveDeadlineExtension':
    case 'RefuseDeadlineExtension':
    case 'PauseDeadline':
    case 'ResumeDeadline':
      return decideItemDeadline(command, state, config);
    case 'FireDeadlineAlarm':
    case 'ConfirmEscalationRung':
    case 'WaiveEscalationRung': {
      const target = itemAlarmTarget(state);
      return target ? decideDeadlineAlarm(command, target, config) : itemNotFound();
    }
    case 'RecomputeDeadline':
      return recompute(command, state, config);
    default:
      return assertNever(command);
  }
};

const assign: Decide<AssignRectificationItem> = (c, state, config) => {
  const action = 'assign a rectification item';
  const error = firstError(
    typeof c.regionId === 'string'
      ? assignItemPrecondition({ regionId: c.regionId }, c.actor)
      : requireRole(c.actor, SUPERVISOR_ROLES, action),
    requireInstant(c.at, 'at'),
    requireText(c.itemId, 'itemId', 100),
    requireText(c.clueId, 'clueId', 100),
    requireText(c.regionId, 'regionId', NAME),
    requireText(c.agencyOrgId, 'agencyOrgId', NAME),
    requireOneOf(c.mode, RECTIFICATION_MODES, 'mode'),
    requireText(c.issue, 'issue', TEXT),
    requireText(c.measures, 'measures', TEXT),
    requireText(c.owner, 'owner', NAME),
    requireText(c.responsiblePerson, 'responsiblePerson', NAME),
    optionalTexts(c.evidence, 'evidence', REF),
    c.mode === 'Deadline' || c.dueDate !== undefined ? requireDate(c.dueDate, 'dueDate') : undefined,
    c.mode === 'LongTerm' || c.longTermTarget !== undefined
      ? requireText(c.longTermTarget, 'longTermTarget', TEXT)
      : undefined,
  );
  if (error) return error;
  // 业务日期 of the assignment: the item's dates count from it; the case began when the clue was received.
  const on = businessDateOf(c.occurredOn, c.at, c.clueReceivedOn);
  if (isDomainError(on)) return on;
  const past = requireNotBefore(c.dueDate, on, 'dueDate');
  if (past) return past;
  if (state.status !== 'None')
    return conflict('RECTIFICATION.ALREADY_EXISTS', 'this rectification item already exists');
  return [itemAssigned(c, on, config.calendar, c.evidence ?? [], recordedDate(c, on))];
};

/** 督办 on any item that still has work or a look-back ahead of it. */
const escalate: Decide<RaiseRectificationEscalation> = (c, state, config) => {
  const precondition = RECTIFICATION_PRECONDITIONS.RaiseEscalation(state, c.actor);
  if (precondition || state.status === 'None') return precondition ?? itemNotFound();
  // decideEscalation reads the local date of `at` without checking it first; a malformed instant
  // would throw there, so it is rejected here.
  return (
    requireInstant(c.at, 'at') ??
    decideEscalation(
      c,
      {
        regionId: state.regionId,
        open: state.status !== 'LookBackPassed',
        escalationIds: state.escalations.map((e) => e.escalationId),
      },
      config,
      'RECTIFICATION',
    )
  );
};

/** 期限重算 of the 整改时限 or the 回头看 date, while the item still has it open. */
const recompute: Decide<RecomputeRectificationDeadline> = (c, state, config) => {
  if (state.status === 'None') return itemNotFound();
  const open = state.status === 'LookBackPassed' ? {} : { deadline: state.deadline, lookBackDue: state.lookBackDue };
  return decideDeadlineRecompute(c, open, config.calendar, 'RECTIFICATION');
};
