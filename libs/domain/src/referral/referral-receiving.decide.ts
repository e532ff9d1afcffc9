import { DomainConfig } from '../domain-config';
import { requireCompetentReceiver, requireReceiverCovers } from '../shared/jurisdiction';
import { Decision } from '../shared/decider';
import { isDomainError, validation } from '../shared/domain-error';
import { firstError, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import { deadlineFrom, requireExisting } from './referral.authorize';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import {
  AcceptReferral,
  ForwardReferral,
  OpenForwardedReferral,
  PartiallyAcceptReferral,
  ReceiveReferral,
  ReturnReferral,
} from './referral.commands';
import { ReferralEvent } from './referral.events';
import { ReferralState } from './referral.state';
import {
  SplitKind,
  checkChildOpening,
  childIsParent,
  childOpeningData,
  requireNewChild,
  splitSubjects,
} from './referral-split';
import { requireTextList, validateForwardTarget, validateOrgRef } from './referral.validate';

/**
 * The receiving side's first steps (R3–R6): register, then accept, forward, partly accept or
 * return — the four endings of 监察法实施条例 art. 171.
 */

const PARTIAL_ACCEPTANCE: SplitKind = {
  field: 'acceptedSubjectIds',
  notPartialCode: 'REFERRAL.NOT_A_PARTIAL_ACCEPTANCE',
  notPartialMessage: 'accept some but not all subjects; use AcceptReferral to accept every subject',
  countKey: 'accepted',
};

const forwardToSelf = (orgId: string) =>
  validation('REFERRAL.FORWARD_TO_SELF', 'a referral cannot be forwarded to the organisation that holds it', { orgId });

/** R3 — registration starts the 5-working-day acceptance deadline (实施条例 arts. 169, 171). */
export const decideReceive = (
  command: ReceiveReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.ReceiveReferral(existing, command.actor) ??
    requireText(command.registrationNo, 'registrationNo', 100);
  if (error) return error;
  return [
    {
      type: 'ReferralReceived',
      data: {
        ...eventBase(command),
        registrationNo: command.registrationNo,
        acceptanceDeadline: deadlineFrom('CommissionAcceptance', command, config),
      },
    },
  ];
};

/** R4 转送 — the competent commission becomes the holder and must register it in turn (实施条例 art. 171(2)). */
export const decideForward = (command: ForwardReferral, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.ForwardReferral(existing, command.actor) ??
    firstError(validateOrgRef(command.forwardTo, 'forwardTo'), requireText(command.reason, 'reason', 4_000));
  if (error) return error;
  if (command.forwardTo.orgId === existing.holder?.orgId) return forwardToSelf(command.forwardTo.orgId);
  // Decision 5, 实施条例 art. 171(2): 转送有管辖权的监察机关 — competent for the persons it receives.
  const competence =
    requireReceiverCovers(command.forwardTo, existing.regionId) ??
    requireCompetentReceiver(command.forwardTo, existing.package.subjects, existing.regionId, 'Some');
  if (competence) return competence;
  return [
    {
      type: 'ReferralForwarded',
      data: { ...eventBase(command), forwardTo: command.forwardTo, reason: command.reason },
    },
  ];
};

/** R5 退回 — no supervisory jurisdiction (实施条例 art. 171(4)); the office may re-route it. */
export const decideReturn = (command: ReturnReferral, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.ReturnReferral(existing, command.actor) ?? requireText(command.reason, 'reason', 4_000);
  if (error) return error;
  return [{ type: 'ReferralReturned', data: { ...eventBase(command), reason: command.reason } }];
};

/** R6 受理 — every subject. A commission then owes a disposal proposal within a week (大理). */
export const decideAccept = (
  command: AcceptReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error = REFERRAL_PRECONDITIONS.AcceptReferral(existing, command.actor);
  if (error) return error;
  const disposalDeadline =
    existing.holder?.kind === 'DisciplineCommission' ? deadlineFrom('DisposalProposal', command, config) : undefined;
  return [
    {
      type: 'ReferralAccepted',
      data: {
        ...eventBase(command),
        acceptedSubjectIds: existing.package.subjects.map((s) => s.subjectId),
        ...(disposalDeadline ? { disposalDeadline } : {}),
      },
    },
  ];
};

/**
 * R6 部分受理 — jurisdiction belongs to the person (DOMAIN.md Decision 5): the commission keeps the
 * subjects it manages and forwards the others in a child referral (实施条例 art. 171(3)).
 */
export const decidePartiallyAccept = (
  command: PartiallyAcceptReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.PartiallyAcceptReferral(existing, command.actor) ??
    firstError(
      requireTextList(command.acceptedSubjectIds, 'acceptedSubjectIds', 100),
      validateForwardTarget(command.forwardTo, 'forwardTo'),
      requireText(command.childReferralId, 'childReferralId', 100),
      requireText(command.reason, 'reason', 4_000),
    );
  if (error) return error;
  if (command.childReferralId === existing.referralId) return childIsParent(command.childReferralId, 'childReferralId');
  if (command.forwardTo.orgId === existing.holder?.orgId) return forwardToSelf(command.forwardTo.orgId);
  const split = splitSubjects(existing, command.acceptedSubjectIds, PARTIAL_ACCEPTANCE);
  if (isDomainError(split)) return split;
  const accepted = new Set(split.listed);
  // Decision 5: the commission keeps only the persons it manages; the rest goes where they are managed:
  // a commission bound by the rank rule, or the 任免机关 (art. 171(3) 转送有管辖权的机关), which is not.
  const competence = firstError(
    existing.holder
      ? requireCompetentReceiver(
          existing.holder,
          existing.package.subjects.filter((s) => accepted.has(s.subjectId)),
          existing.regionId,
          'Every',
        )
      : undefined,
    requireReceiverCovers(command.forwardTo, existing.regionId),
    requireCompetentReceiver(
      command.forwardTo,
      existing.package.subjects.filter((s) => !accepted.has(s.subjectId)),
      existing.regionId,
      'Some',
    ),
  );
  if (competence) return competence;
  return [
    {
      type: 'ReferralPartiallyAccepted',
      data: {
        ...eventBase(command),
        // Package order, so the event does not depend on how the client ordered the list.
        acceptedSubjectIds: split.listed,
        forwardedSubjectIds: split.others,
        forwardTo: command.forwardTo,
        childReferralId: command.childReferralId,
        reason: command.reason,
        disposalDeadline: deadlineFrom('DisposalProposal', command, config),
      },
    },
  ];
};

/**
 * Opens the child stream for the forwarded part. It starts as Forwarded, held by the competent
 * commission or the 任免机关, which registers it like any forwarded referral. The verdict of the rulebook is the
 * parent's: the transfer decision was taken once, on the whole package.
 */
export const decideOpenForwarded = (
  command: OpenForwardedReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const error =
    checkChildOpening(
      command,
      command.forwardedBy,
      state,
      config,
      'open a forwarded referral',
      validateForwardTarget(command.forwardTo, 'forwardTo'),
    ) ??
    (command.forwardTo.orgId === command.forwardedBy ? forwardToSelf(command.forwardTo.orgId) : undefined) ??
    requireNewChild(state, command.referralId);
  if (error) return error;
  return [
    {
      type: 'ForwardedReferralOpened',
      data: {
        ...eventBase(command),
        ...childOpeningData(command),
        forwardedBy: command.forwardedBy,
        forwardTo: command.forwardTo,
      },
    },
  ];
};
