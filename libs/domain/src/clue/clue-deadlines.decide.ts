import { Deadline, DeadlineRule } from '../calendar/deadline-policy';
import {
  DeadlineChangeTarget,
  DeadlineParties,
  deadlineChangePrecondition,
  decideDeadlineChange,
} from '../deadline-change/deadline-change.decide';
import { DomainConfig } from '../domain-config';
import { requireHead, requireOrg, requireRegion, requireRole } from '../shared/authorize';
import { Decision } from '../shared/decider';
import { Actor } from '../shared/actor';
import { DomainError, notFound } from '../shared/domain-error';
import { firstError } from '../shared/validate';
import { ClueDeadlineCommand } from './clue.commands';
import { ClueEvent } from './clue.events';
import { SUPERVISOR_ROLES } from './clue.guards';
import { ClueState, openClueDeadlines } from './clue.state';

/**
 * The clue's own steps (初核, the transfer "第一时间", 回头看) are the supervisor's; every other
 * deadline of a clue — the instrument's correction period, the plan, the rectification — is the
 * supervised agency's (DOMAIN.md §2: the agency may RequestExtension [I]).
 */
const SUPERVISOR_BORNE: readonly DeadlineRule[] = ['ClueVerification', 'TransferAfterConditionsMet', 'LookBack'];

/** The clue's open deadlines (the current step's, the plan's and the transfer's; none once dismissed or archived). */
const openDeadlineList = (state: ClueState): readonly Deadline[] =>
  Object.values(openClueDeadlines(state)).filter((d): d is Deadline => d !== undefined);

/** Who may take part in a change of the clue's deadlines at all; the rule's parties are checked next. */
const clueDeadlineRoles = (type: ClueDeadlineCommand['type']) =>
  type === 'RequestDeadlineExtension' ? [...SUPERVISOR_ROLES, 'EnforcementAgency' as const] : SUPERVISOR_ROLES;

/**
 * 延期申请 by the party bearing the deadline; approval, refusal, 中止 and 恢复 by a head of the
 * supervising office or justice bureau whose region covers the clue [I: the supervisor set the
 * period, so its head (负责人, who approves every other step of the clue) is the one to move it].
 */
const clueDeadlineTarget = (state: ClueState): DeadlineChangeTarget => {
  const regionId = state.regionId ?? '';
  const supervisor = (actor: Actor, action: string) =>
    firstError(requireRole(actor, SUPERVISOR_ROLES, action), requireRegion(actor, regionId, action));
  const parties = (rule: DeadlineRule): DeadlineParties => ({
    bearer: SUPERVISOR_BORNE.includes(rule)
      ? supervisor
      : (actor, action) =>
          firstError(
            requireRole(actor, ['EnforcementAgency'], action),
            requireOrg(actor, state.agency?.orgId ?? '', action),
          ),
    decider: (actor, action) => firstError(supervisor(actor, action), requireHead(actor, action)),
  });
  return { open: openDeadlineList(state), requests: state.deadlineRequests ?? [], partiesFor: parties };
};

/** The action list's precondition of a deadline change on the clue (clue.preconditions.ts). */
export const clueDeadlinePrecondition =
  (type: ClueDeadlineCommand['type']) =>
  (state: ClueState, actor: Actor): DomainError | undefined =>
    requireRole(actor, clueDeadlineRoles(type), 'change a deadline of the clue') ??
    (state.status === 'None'
      ? notFound('CLUE.NOT_FOUND', 'no clue with this id')
      : deadlineChangePrecondition(type, clueDeadlineTarget(state), actor));

export const decideClueDeadline = (
  command: ClueDeadlineCommand,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const roleError = requireRole(command.actor, clueDeadlineRoles(command.type), 'change a deadline of the clue');
  if (roleError) return roleError;
  if (state.status === 'None') return notFound('CLUE.NOT_FOUND', 'no clue with this id');
  return decideDeadlineChange(command, clueDeadlineTarget(state), config.calendar);
};
