import { decideCarbonCopy, decideNameHandlers } from '../access/case-access.messages';
import { SECRECY_RESTRICTION } from '../access/case-visibility.rules';
import { Actor, ROLES } from '../shared/actor';
import { ADMINISTRATOR_ROLES, requireHead, requireRole } from '../shared/authorize';
import { Decision } from '../shared/decider';
import { DomainError, conflict, forbidden, isDomainError } from '../shared/domain-error';
import { authorizeHolder, authorizeOffice, requireExisting, requireStatus } from './referral.authorize';
import { NameReferralHandlers, SendReferralCarbonCopy } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { ExistingReferral, ReferralState } from './referral.state';

const COPY = 'copy a referral';
const NAME = 'name the handlers of a referral';
/** Every role that works on cases; the auditor and the administrators change none (AUTH.READ_ONLY_ROLE). */
const NAMING_ROLES = ROLES.filter((role) => role !== 'Auditor' && !ADMINISTRATOR_ROLES.includes(role));

/**
 * 抄送 of a referral (DOMAIN.md §3 CarbonCopy): the office side once the package is approved (the
 * 移送函 may be copied, e.g. to the 组织部), or the organisation holding it (its decision copied on).
 */
export const carbonCopyPrecondition = (state: ExistingReferral, actor: Actor): DomainError | undefined => {
  const holding = state.holder !== undefined && authorizeHolder(actor, state, COPY) === undefined;
  return holding ? undefined : (authorizeOffice(actor, state.regionId, COPY) ?? requireStatus(state, NOT_DRAFT, COPY));
};
const NOT_DRAFT = [
  'Approved',
  'Sent',
  'Received',
  'Forwarded',
  'Returned',
  'Accepted',
  'PartiallyAccepted',
  'Disposing',
  'CaseFiled',
  'Decided',
  'Concluded',
  'ResultFedBack',
  'Closed',
] as const;

/**
 * 知悉范围 of a 机密 referral (保密法 2010 art. 16): the head of an organisation working on it —
 * the owning office, the holder, a copy's recipient — names who of its staff handle it.
 */
export const nameHandlersPrecondition = (state: ExistingReferral, actor: Actor): DomainError | undefined =>
  requireRole(actor, NAMING_ROLES, NAME) ??
  requireHead(actor, NAME) ??
  ([state.ownerOrgId, state.holder?.orgId, ...(state.copiedTo ?? [])].includes(actor.orgId)
    ? undefined
    : forbidden('AUTH.WRONG_ORGANISATION', `${NAME} belongs to the organisations working on it`, {
        action: NAME,
      })) ??
  (SECRECY_RESTRICTION.levels.includes(state.package.secrecyLevel)
    ? undefined
    : conflict('REFERRAL.NOT_CLASSIFIED', 'only a referral classified 机密 has named handlers', {
        secrecyLevel: state.package.secrecyLevel,
        classified: SECRECY_RESTRICTION.levels,
      }));

export const decideReferralCarbonCopy = (
  command: SendReferralCarbonCopy,
  state: ReferralState,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  return (
    carbonCopyPrecondition(existing, command.actor) ??
    decideCarbonCopy(command, [...(existing.copiedTo ?? [])], 'REFERRAL')
  );
};

export const decideNameReferralHandlers = (
  command: NameReferralHandlers,
  state: ReferralState,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  return nameHandlersPrecondition(existing, command.actor) ?? decideNameHandlers(command);
};
