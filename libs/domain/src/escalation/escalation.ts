import { Actor, Role } from '../shared/actor';
import { requireRegion, requireRole } from '../shared/authorize';
import { Deadline, explicitDeadline } from '../calendar/deadline-policy';
import { Decision } from '../shared/decider';
import { DomainError, invalidTransition, validation } from '../shared/domain-error';
import { CommandBase, DomainEvent, EventDataBase, eventBase } from '../shared/messages';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import { localDateOf } from '../shared/time';
import { DomainConfig } from '../domain-config';
import { requireSupervisedTarget } from '../access/organisation-access.rules';
import type { OrganisationRef } from './org-escalation.events';

/** 督办 — the escalation overlay (DOMAIN.md §4.4): events attached to a clue, referral or rectification item, never states. */
export const ESCALATION_TYPES = [
  /** 约谈 — summoning the responsible leaders. */
  'Interview',
  /** 挂牌督办 — listed supervision by a higher level. */
  'ListedSupervision',
  /** 通报批评 — circulated criticism (行政复议法 art. 77). */
  'Circular',
  /** 函询 — written inquiry. */
  'InquiryLetter',
  /** 批示 — a leader's written instruction. */
  'LeaderInstruction',
  /** 责令限期履行 — order to perform by a deadline (行政复议法 art. 77). */
  'OrderPerformance',
] as const;
export type EscalationType = (typeof ESCALATION_TYPES)[number];

/**
 * The rung of the 督办 ladder (提醒 1 → 催办 2 → 函询 3 → 约谈 4 → 挂牌督办 5 → 通报 6; DOMAIN.md §4.4,
 * 新华 2021: "函询约谈、挂牌督办、通报批评") each type stands on; 批示 and 责令限期履行 stand off it
 * (a leader's instruction and a statutory order are not steps of pressure). The one home of these
 * levels: the deadline ladder's proposals and the escalations against organisations read them here.
 */
export const ESCALATION_LADDER_LEVELS: Readonly<Record<EscalationType, number | undefined>> = {
  InquiryLetter: 3,
  Interview: 4,
  ListedSupervision: 5,
  Circular: 6,
  LeaderInstruction: undefined,
  OrderPerformance: undefined,
};

/** The roles that escalate at all (批示 narrows it to the leadership, see {@link escalationRolesFor}). */
export const ESCALATING_ROLES: readonly Actor['role'][] = ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'];

export interface RaiseEscalation extends CommandBase<'RaiseEscalation'> {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly reason: string;
  /** The organisation the escalation is aimed at (the lagging agency, county office, commission). */
  readonly targetOrgId: string;
  /**
   * `targetOrgId` as the organisation directory knows it, resolved by the application (never the
   * body's word): the target must be one the escalating organisation supervises (issue 17 item 4).
   * Required since every path that raises an escalation resolves it; the event keeps its shape.
   */
  readonly target: OrganisationRef;
  /** Required for OrderPerformance: the date by which to perform. */
  readonly performBy?: string;
}

export interface EscalationRaisedData extends EventDataBase {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly reason: string;
  readonly targetOrgId: string;
  readonly deadline?: Deadline;
}
export type EscalationRaised = DomainEvent<'EscalationRaised', EscalationRaisedData>;

/** What the overlay needs to know about the case it is attached to. */
export interface EscalationTarget {
  readonly regionId: string;
  readonly open: boolean;
  readonly escalationIds: readonly string[];
}

/**
 * Escalating is the supervisors' and the leadership's (rule-of-law office, justice bureau, party
 * leadership) within their region; 批示 is the leadership's alone. Closed cases cannot be escalated.
 */
export const decideEscalation = (
  command: RaiseEscalation,
  target: EscalationTarget,
  config: Pick<DomainConfig, 'calendar'>,
  codePrefix: string,
): Decision<EscalationRaised> => {
  const error = firstError(
    requireInstant(command.at, 'at'),
    escalationPrecondition(command.actor, target, codePrefix),
    requireRole(command.actor, escalationRolesFor(command.escalationType), 'raise this escalation'),
    requireText(command.escalationId, 'escalationId', 100),
    requireOneOf(command.escalationType, ESCALATION_TYPES, 'escalationType'),
    requireText(command.reason, 'reason', 4_000),
    requireText(command.targetOrgId, 'targetOrgId', 200),
    // Issue 17 item 4: a county office cannot raise a 约谈 against the city office.
    requireSupervisedTarget(command.actor, command.targetOrgId, command.target),
    command.escalationType === 'OrderPerformance' || command.performBy !== undefined
      ? requireDate(command.performBy, 'performBy')
      : undefined,
  );
  if (error) return error;
  const today = localDateOf(command.at);
  if (command.performBy !== undefined && command.performBy < today) {
    return validation('ESCALATION.PERFORM_BY_IN_PAST', 'performBy lies before the day of the order');
  }
  if (target.escalationIds.includes(command.escalationId)) {
    return validation('ESCALATION.DUPLICATE_ID', 'this escalation id is already used on the case');
  }
  const deadline =
    command.performBy !== undefined
      ? explicitDeadline('SupervisionDecisionExecution', today, command.performBy, config.calendar)
      : undefined;
  return [
    {
      type: 'EscalationRaised',
      data: {
        ...eventBase(command),
        escalationId: command.escalationId,
        escalationType: command.escalationType,
        reason: command.reason,
        targetOrgId: command.targetOrgId,
        ...(deadline ? { deadline } : {}),
      },
    },
  ];
};

/** Who may raise an escalation of this type (on a case or against an organisation). */
export const escalationRolesFor = (type: EscalationType): readonly Role[] =>
  type === 'LeaderInstruction' ? ['PartyLeadership'] : ESCALATING_ROLES;

/**
 * What escalating needs before its input is read: an escalating role, the case's region, and a
 * case still open. The type's own roles (批示 is the leadership's) are checked with the input.
 */
export const escalationPrecondition = (
  actor: Actor,
  target: Pick<EscalationTarget, 'regionId' | 'open'>,
  codePrefix: string,
): DomainError | undefined =>
  firstError(
    requireRole(actor, ESCALATING_ROLES, 'raise an escalation'),
    requireRegion(actor, target.regionId, 'escalate'),
  ) ?? (target.open ? undefined : invalidTransition(`${codePrefix}.CLOSED`, 'a closed case cannot be escalated'));
