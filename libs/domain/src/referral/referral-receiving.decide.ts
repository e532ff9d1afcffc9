import { DomainConfig } from '../domain-config';
import { requireOrg, requireRole } from '../shared/authorize';
import { requireCompetentReceiver, requireReceiverCovers } from '../shared/jurisdiction';
import { Decision } from '../shared/decider';
import { conflict, isDomainError, validation } from '../shared/domain-error';
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
import { requireTextList, validateForwardTarget, validateOrgRef, validatePackage } from './referral.validate';

/**
 * The receiving side's first steps (R3–R6): register, then accept, forward, partly accept or
 * return — the four endings of 监察法实施条例 art. 171.
 */

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
  if (command.childReferralId === existing.referralId) {
    return validation('REFERRAL.CHILD_ID_IS_PARENT', 'the child referral needs its own id', {
      childReferralId: command.childReferralId,
    });
  }
  if (command.forwardTo.orgId === existing.holder?.orgId) return forwardToSelf(command.forwardTo.orgId);
  const all = existing.package.subjects.map((s) => s.subjectId);
  const accepted = new Set(command.acceptedSubjectIds);
  const unknown = command.acceptedSubjectIds.filter((id) => !all.includes(id));
  if (unknown.length > 0)
    return validation('REFERRAL.UNKNOWN_SUBJECT', `not subjects of this referral: ${unknown.join(', ')}`, {
      subjectIds: unknown,
    });
  if (accepted.size !== command.acceptedSubjectIds.length) {
    return validation('REFERRAL.DUPLICATE_SUBJECT', 'acceptedSubjectIds lists a subject twice');
  }
  if (accepted.size === 0 || accepted.size === all.length) {
    return validation(
      'REFERRAL.NOT_A_PARTIAL_ACCEPTANCE',
      'accept some but not all subjects; use AcceptReferral to accept every subject',
      {
        accepted: accepted.size,
        subjects: all.length,
      },
    );
  }
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
        acceptedSubjectIds: all.filter((id) => accepted.has(id)),
        forwardedSubjectIds: all.filter((id) => !accepted.has(id)),
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
  const action = 'open a forwarded referral';
  const authError = firstError(
    requireRole(command.actor, ['DisciplineCommission'], action),
    requireOrg(command.actor, command.forwardedBy, action),
  );
  if (authError) return authError;
  const inputError = firstError(
    requireText(command.referralId, 'referralId', 100),
    requireText(command.parentReferralId, 'parentReferralId', 100),
    requireText(command.clueId, 'clueId', 100),
    requireText(command.regionId, 'regionId', 200),
    requireText(command.ownerOrgId, 'ownerOrgId', 200),
    validatePackage(command.package),
    requireText(command.rulebookVersion, 'rulebookVersion', 50),
    validateForwardTarget(command.forwardTo, 'forwardTo'),
    requireText(command.reason, 'reason', 4_000),
  );
  if (inputError) return inputError;
  if (
    typeof command.evaluation !== 'object' ||
    command.evaluation === null ||
    command.evaluation.rulebookVersion !== command.rulebookVersion
  ) {
    return validation('REFERRAL.EVALUATION_REQUIRED', "the parent's rulebook evaluation must be copied to the child");
  }
  if (!config.rulebooks.some((r) => r.version === command.rulebookVersion)) {
    return validation('REFERRAL.UNKNOWN_RULEBOOK', `no rulebook ${command.rulebookVersion}`, {
      rulebookVersion: command.rulebookVersion,
    });
  }
  if (command.parentReferralId === command.referralId) {
    return validation('REFERRAL.CHILD_ID_IS_PARENT', 'the child referral needs its own id', {
      referralId: command.referralId,
    });
  }
  if (command.forwardTo.orgId === command.forwardedBy) return forwardToSelf(command.forwardTo.orgId);
  if (state.status !== 'None')
    return conflict('REFERRAL.ALREADY_EXISTS', `referral ${command.referralId} already exists`);
  return [
    {
      type: 'ForwardedReferralOpened',
      data: {
        ...eventBase(command),
        referralId: command.referralId,
        parentReferralId: command.parentReferralId,
        clueId: command.clueId,
        regionId: command.regionId,
        ownerOrgId: command.ownerOrgId,
        package: command.package,
        rulebookVersion: command.rulebookVersion,
        evaluation: command.evaluation,
        discretionary: !command.evaluation.transferMandatory,
        forwardedBy: command.forwardedBy,
        forwardTo: command.forwardTo,
        reason: command.reason,
      },
    },
  ];
};
