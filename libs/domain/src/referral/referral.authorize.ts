import { Deadline, DeadlineRule, computeDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { Actor, Role } from '../shared/actor';
import { requireHead, requireOrg, requireRegion, requireRole } from '../shared/authorize';
import { DomainError, invalidTransition, notFound } from '../shared/domain-error';
import { CommandBase } from '../shared/messages';
import { firstError } from '../shared/validate';
import { localDateOf } from '../shared/time';
import { ReferralStatus } from './referral.model';
import { ExistingReferral, ReferralState } from './referral.state';

/** 法治建设办 and 司法局: the transferor side. */
export const OFFICE_ROLES: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau'];

/** Office side: the office or justice bureau whose region covers the referral. */
export const authorizeOffice = (
  actor: Actor,
  regionId: string,
  action: string,
  head = false,
): DomainError | undefined =>
  firstError(
    requireRole(actor, OFFICE_ROLES, action),
    head ? requireHead(actor, action) : undefined,
    requireRegion(actor, regionId, action),
  );

/**
 * Receiving side: only the organisation that holds the referral now, with the role that matches
 * the holder (纪委监委, or 任免机关 for a referral sent there). `commissionOnly` steps — forwarding,
 * partial acceptance, the disposal methods — exist only inside a commission (监督执纪工作规则).
 * Before sending and after a return nobody holds the referral, so the step is out of order.
 */
export const authorizeHolder = (
  actor: Actor,
  state: ExistingReferral,
  action: string,
  options: { readonly commissionOnly?: boolean; readonly head?: boolean } = {},
): DomainError | undefined => {
  const roles: readonly Role[] =
    options.commissionOnly || state.holder?.kind !== 'AppointingAuthority'
      ? ['DisciplineCommission']
      : ['AppointingAuthority'];
  return firstError(
    requireRole(actor, roles, action),
    options.head ? requireHead(actor, action) : undefined,
    state.holder
      ? requireOrg(actor, state.holder.orgId, action)
      : invalidTransition('REFERRAL.WRONG_STATE', `cannot ${action}: no receiving organisation holds the referral`, {
          status: state.status,
        }),
  );
};

/**
 * Non-creating commands need the referral they name. There is no owner or holder to authorise
 * against before it exists, so this check comes first.
 */
export const requireExisting = (state: ReferralState, referralId: string): ExistingReferral | DomainError =>
  state.status !== 'None' && state.referralId === referralId
    ? state
    : notFound('REFERRAL.NOT_FOUND', `referral ${referralId} does not exist`, { referralId });

export const requireStatus = (
  state: ExistingReferral,
  allowed: readonly ReferralStatus[],
  action: string,
): DomainError | undefined =>
  allowed.includes(state.status)
    ? undefined
    : invalidTransition('REFERRAL.WRONG_STATE', `cannot ${action} a referral in status ${state.status}`, {
        status: state.status,
        allowed,
      });

/** A deadline starting on the command's local date (UTC+8). Computed in decide, never in evolve. */
export const deadlineFrom = (rule: DeadlineRule, command: CommandBase<string>, config: DomainConfig): Deadline =>
  computeDeadline(rule, localDateOf(command.at), config.deadlines, config.calendar);
