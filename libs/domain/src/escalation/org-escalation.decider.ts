import { Deadline, explicitDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { ActorRef } from '../shared/actor';
import { requireRole } from '../shared/authorize';
import { Decider, Decision, assertNever } from '../shared/decider';
import { conflict, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import { ESCALATION_TYPES, EscalationType, escalationRolesFor } from './escalation';
import { requireSupervises } from './org-escalation.access';
import {
  OrgEscalationCommand,
  OrgEscalationEvent,
  OrganisationRef,
  RaiseOrganisationEscalation,
} from './org-escalation.events';

/** An escalation against an organisation, as raised. */
export interface RaisedOrgEscalation {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly reason: string;
  readonly target: OrganisationRef;
  readonly raisedAt: string;
  readonly raisedBy: ActorRef;
  readonly raisedByRegionId: string;
  readonly deadline?: Deadline;
}

/** The stream of one escalation folded: nothing before it is raised. */
export interface OrgEscalationState {
  readonly raised?: RaisedOrgEscalation;
}

/**
 * Raising: an escalating role (批示 the leadership's alone) whose organisation supervises the
 * target (requireSupervises), the target known to the directory; role and jurisdiction are checked
 * before the input, as on cases. 责令限期履行 records its performance date as a deadline, kept and
 * flagged when it falls on a rest day (issue 15 §4). An id is raised once.
 */
const decideRaise = (
  command: RaiseOrganisationEscalation,
  state: OrgEscalationState,
  config: Pick<DomainConfig, 'calendar'>,
): Decision<OrgEscalationEvent> => {
  const { actor, target } = command;
  const error = firstError(
    requireInstant(command.at, 'at'),
    requireRole(actor, escalationRolesFor(command.escalationType), 'raise this escalation'),
    target === undefined
      ? validation('ESCALATION.TARGET_UNKNOWN', 'the target organisation is not known to this deployment')
      : requireSupervises(actor, target),
    requireText(command.escalationId, 'escalationId', 100),
    requireOneOf(command.escalationType, ESCALATION_TYPES, 'escalationType'),
    requireText(command.reason, 'reason', 4_000),
    command.escalationType === 'OrderPerformance' || command.performBy !== undefined
      ? requireDate(command.performBy, 'performBy')
      : undefined,
  );
  if (error) return error;
  if (target === undefined) return validation('ESCALATION.TARGET_UNKNOWN', 'the target organisation is unknown');
  const today = localDateOf(command.at);
  if (command.performBy !== undefined && command.performBy < today) {
    return validation('ESCALATION.PERFORM_BY_IN_PAST', 'performBy lies before the day of the order');
  }
  if (state.raised) return conflict('ESCALATION.DUPLICATE_ID', 'this escalation id is already used');
  const deadline =
    command.performBy !== undefined
      ? explicitDeadline('SupervisionDecisionExecution', today, command.performBy, config.calendar)
      : undefined;
  return [
    {
      type: 'OrganisationEscalationRaised',
      data: {
        ...eventBase(command),
        escalationId: command.escalationId,
        escalationType: command.escalationType,
        reason: command.reason,
        targetOrgId: target.orgId,
        targetRole: target.role,
        targetRegionId: target.regionId,
        raisedByRegionId: actor.regionId,
        ...(deadline ? { deadline } : {}),
      },
    },
  ];
};

export const evolveOrgEscalation = (state: OrgEscalationState, event: OrgEscalationEvent): OrgEscalationState => {
  switch (event.type) {
    case 'OrganisationEscalationRaised': {
      const { data } = event;
      return {
        ...state,
        raised: {
          escalationId: data.escalationId,
          escalationType: data.escalationType,
          reason: data.reason,
          target: { orgId: data.targetOrgId, role: data.targetRole, regionId: data.targetRegionId },
          raisedAt: data.at,
          raisedBy: data.by,
          raisedByRegionId: data.raisedByRegionId,
          ...(data.deadline ? { deadline: data.deadline } : {}),
        },
      };
    }
    default:
      return assertNever(event.type);
  }
};

const decide = (
  command: OrgEscalationCommand,
  state: OrgEscalationState,
  config: Pick<DomainConfig, 'calendar'>,
): Decision<OrgEscalationEvent> => {
  switch (command.type) {
    case 'RaiseOrganisationEscalation':
      return decideRaise(command, state, config);
    default:
      return assertNever(command.type);
  }
};

export const createOrgEscalationDecider = (
  config: Pick<DomainConfig, 'calendar'>,
): Decider<OrgEscalationCommand, OrgEscalationState, OrgEscalationEvent> => ({
  decide: (command, state) => decide(command, state, config),
  evolve: evolveOrgEscalation,
  initialState: () => ({}),
});
