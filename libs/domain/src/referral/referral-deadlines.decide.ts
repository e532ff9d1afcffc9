import { Deadline, DeadlineRule } from '../calendar/deadline-policy';
import {
  DeadlineChangeTarget,
  DeadlineParties,
  deadlineChangePrecondition,
  decideDeadlineChange,
} from '../deadline-change/deadline-change.decide';
import { Actor } from '../shared/actor';
import { DomainConfig } from '../domain-config';
import { requireRole } from '../shared/authorize';
import { Decision } from '../shared/decider';
import { DomainError, isDomainError } from '../shared/domain-error';
import { OFFICE_ROLES, authorizeHolder, authorizeOffice, requireExisting } from './referral.authorize';
import { ReferralDeadlineCommand } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { ExistingReferral, ReferralState } from './referral.state';

/**
 * 延期申请 on the referral's running deadline. The transfer period is the office's: its staff ask,
 * its head decides. The acceptance, disposal and feedback periods run inside the organisation that
 * holds the referral: its staff ask and its head decides [I: 监察法实施条例 and the 监督执纪工作规则
 * have such periods extended by 报批 inside the commission; the transferor does not direct it].
 */
export const decideReferralDeadline = (
  command: ReferralDeadlineCommand,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const roleError = requireRole(command.actor, REFERRAL_DEADLINE_ROLES, 'change a deadline of the referral');
  if (roleError) return roleError;
  return decideDeadlineChange(command, referralDeadlineTarget(existing), config.calendar);
};

const REFERRAL_DEADLINE_ROLES = [...OFFICE_ROLES, 'DisciplineCommission' as const, 'AppointingAuthority' as const];

const referralDeadlineTarget = (existing: ExistingReferral): DeadlineChangeTarget => {
  const parties = (rule: DeadlineRule): DeadlineParties =>
    rule === 'TransferAfterConditionsMet'
      ? {
          bearer: (actor, action) => authorizeOffice(actor, existing.regionId, action),
          decider: (actor, action) => authorizeOffice(actor, existing.regionId, action, true),
        }
      : {
          bearer: (actor, action) => authorizeHolder(actor, existing, action),
          decider: (actor, action) => authorizeHolder(actor, existing, action, { head: true }),
        };
  const open = [existing.deadline, existing.organisationalHandlingDeadline].filter(
    (d): d is Deadline => d !== undefined,
  );
  return { open, requests: existing.deadlineRequests ?? [], partiesFor: parties };
};

/** The action list's precondition of a deadline change on the referral (referral.preconditions.ts). */
export const referralDeadlinePrecondition =
  (type: ReferralDeadlineCommand['type']) =>
  (existing: ExistingReferral, actor: Actor): DomainError | undefined =>
    requireRole(actor, REFERRAL_DEADLINE_ROLES, 'change a deadline of the referral') ??
    deadlineChangePrecondition(type, referralDeadlineTarget(existing), actor);
