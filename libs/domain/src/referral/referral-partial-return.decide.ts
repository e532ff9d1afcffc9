import { DomainConfig } from '../domain-config';
import { requireOrg, requireRole } from '../shared/authorize';
import { Decision } from '../shared/decider';
import { conflict, isDomainError, validation } from '../shared/domain-error';
import { requireCompetentReceiver } from '../shared/jurisdiction';
import { eventBase } from '../shared/messages';
import { firstError, requireText } from '../shared/validate';
import { deadlineFrom, requireExisting } from './referral.authorize';
import { OpenReturnedReferral, PartiallyReturnReferral } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import { ReferralState } from './referral.state';
import { requireTextList, validatePackage } from './referral.validate';

/**
 * 部分退回 — 监察法实施条例 art. 171 lets the commission accept (1), forward (2), partly accept (3) or
 * return (4); a referral naming several persons can meet (1) for some and (4) for others (issue 17
 * item 3). The kept persons are accepted here; the returned ones go back to the owning office in a
 * child referral that opens Returned, so the office may re-route them (行政复议法 art. 85).
 */

const childIsParent = (childReferralId: string) =>
  validation('REFERRAL.CHILD_ID_IS_PARENT', 'the child referral needs its own id', { childReferralId });

export const decidePartiallyReturn = (
  command: PartiallyReturnReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.PartiallyReturnReferral(existing, command.actor) ??
    firstError(
      requireTextList(command.returnedSubjectIds, 'returnedSubjectIds', 100),
      requireText(command.childReferralId, 'childReferralId', 100),
      requireText(command.reason, 'reason', 4_000),
    );
  if (error) return error;
  if (command.childReferralId === existing.referralId) return childIsParent(command.childReferralId);
  const all = existing.package.subjects.map((s) => s.subjectId);
  const returned = new Set(command.returnedSubjectIds);
  const unknown = command.returnedSubjectIds.filter((id) => !all.includes(id));
  if (unknown.length > 0)
    return validation('REFERRAL.UNKNOWN_SUBJECT', `not subjects of this referral: ${unknown.join(', ')}`, {
      subjectIds: unknown,
    });
  if (returned.size !== command.returnedSubjectIds.length) {
    return validation('REFERRAL.DUPLICATE_SUBJECT', 'returnedSubjectIds lists a subject twice');
  }
  if (returned.size === 0 || returned.size === all.length) {
    return validation(
      'REFERRAL.NOT_A_PARTIAL_RETURN',
      'return some but not all subjects; use ReturnReferral to return every subject',
      { returned: returned.size, subjects: all.length },
    );
  }
  // Decision 5: what the commission keeps, it accepts, so it must manage every kept person.
  const kept = existing.package.subjects.filter((s) => !returned.has(s.subjectId));
  const competence = existing.holder
    ? requireCompetentReceiver(existing.holder, kept, existing.regionId, 'Every')
    : undefined;
  if (competence) return competence;
  return [
    {
      type: 'ReferralPartiallyReturned',
      data: {
        ...eventBase(command),
        // Package order, so the event does not depend on how the client ordered the list.
        acceptedSubjectIds: all.filter((id) => !returned.has(id)),
        returnedSubjectIds: all.filter((id) => returned.has(id)),
        childReferralId: command.childReferralId,
        reason: command.reason,
        disposalDeadline: deadlineFrom('DisposalProposal', command, config),
      },
    },
  ];
};

/**
 * Opens the child stream for the returned part: Returned, with no holder, owned by the parent's
 * office. The rulebook's verdict is the parent's: the transfer decision was taken on the whole package.
 */
export const decideOpenReturned = (
  command: OpenReturnedReferral,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const action = 'open a returned referral';
  const authError = firstError(
    requireRole(command.actor, ['DisciplineCommission'], action),
    requireOrg(command.actor, command.returnedBy, action),
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
  if (command.parentReferralId === command.referralId) return childIsParent(command.referralId);
  if (state.status !== 'None')
    return conflict('REFERRAL.ALREADY_EXISTS', `referral ${command.referralId} already exists`);
  return [
    {
      type: 'ReturnedReferralOpened',
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
        returnedBy: command.returnedBy,
        reason: command.reason,
      },
    },
  ];
};
