import { Deadline, DeadlineRule } from '../calendar/deadline-policy';
import {
  DeadlineChangeTarget,
  DeadlineParties,
  deadlineChangePrecondition,
  decideDeadlineChange,
} from '../deadline-change/deadline-change.decide';
import { Actor } from '../shared/actor';
import { DomainError } from '../shared/domain-error';
import { changedDeadline, changedRequests } from '../deadline-change/deadline-change.evolve';
import { DeadlineChangeEvent } from '../deadline-change/deadline-change.types';
import { requireRole } from '../shared/authorize';
import { RectificationDeadlineCommand } from './rectification.commands';
import { AGENCY_ROLES, Decide, SUPERVISOR_ROLES, authorizeOnItem, itemNotFound } from './rectification.guards';
import { RectificationState } from './rectification.state';

/** The item's open deadlines: its 整改时限 while the agency works, its 回头看 once closed. */
export const openItemDeadlines = (state: RectificationState): readonly Deadline[] =>
  [state.deadline, state.lookBackDue].filter((d): d is Deadline => d !== undefined);

/**
 * 延期申请 on the 整改时限 is the agency's (DOMAIN.md §2: RequestExtension [I]); the 回头看 date is
 * the supervisor's own. Approval, refusal, 中止 and 恢复 belong to a head of the supervisor whose
 * region covers the item [I: the supervisor that assigned the period approves its change, as it
 * approves 销号].
 */
const itemDeadlineRoles = (type: RectificationDeadlineCommand['type']) =>
  type === 'RequestDeadlineExtension' ? [...SUPERVISOR_ROLES, ...AGENCY_ROLES] : SUPERVISOR_ROLES;

const itemDeadlineTarget = (state: RectificationState): DeadlineChangeTarget => {
  const parties = (rule: DeadlineRule): DeadlineParties => ({
    bearer: (actor, action) =>
      authorizeOnItem({ actor }, state, { side: rule === 'LookBack' ? 'supervisor' : 'agency' }, action),
    decider: (actor, action) => authorizeOnItem({ actor }, state, { side: 'supervisor', head: true }, action),
  });
  return { open: openItemDeadlines(state), requests: state.deadlineRequests ?? [], partiesFor: parties };
};

/** The action list's precondition of a deadline change on the item (rectification.preconditions.ts). */
export const itemDeadlinePrecondition =
  (type: RectificationDeadlineCommand['type']) =>
  (state: RectificationState, actor: Actor): DomainError | undefined =>
    requireRole(actor, itemDeadlineRoles(type), 'change a deadline of the item') ??
    (state.status === 'None' ? itemNotFound() : deadlineChangePrecondition(type, itemDeadlineTarget(state), actor));

export const decideItemDeadline: Decide<RectificationDeadlineCommand> = (c, state, config) => {
  const roleError = requireRole(c.actor, itemDeadlineRoles(c.type), 'change a deadline of the item');
  if (roleError) return roleError;
  if (state.status === 'None') return itemNotFound();
  return decideDeadlineChange(c, itemDeadlineTarget(state), config.calendar);
};

/** The item after a deadline change: optional fields stay absent rather than undefined (plain JSON). */
export const evolveItemDeadline = (state: RectificationState, event: DeadlineChangeEvent): RectificationState => {
  const deadline = changedDeadline(state.deadline, event);
  const lookBackDue = changedDeadline(state.lookBackDue, event);
  return {
    ...state,
    ...(deadline !== undefined ? { deadline } : {}),
    ...(lookBackDue !== undefined ? { lookBackDue } : {}),
    deadlineRequests: changedRequests(state.deadlineRequests, event),
  };
};
