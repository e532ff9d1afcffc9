import { DomainConfig } from '../domain-config';
import { requireOrg, requireRole } from '../shared/authorize';
import { Actor } from '../shared/actor';
import { DomainError, conflict, validation } from '../shared/domain-error';
import { firstError, requireText } from '../shared/validate';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { TransferPackage } from './referral.model';
import { ExistingReferral, ReferralState } from './referral.state';
import { validatePackage } from './referral.validate';

/**
 * What a partial acceptance (实施条例 art. 171(3)) and a partial return (art. 171(1) + (4), issue 17
 * item 3) share: the commission splits the package's subjects in two and the application opens a
 * child referral for one part, carrying the parent's package part and rulebook verdict.
 */

export const childIsParent = (id: string, field: 'childReferralId' | 'referralId') =>
  validation('REFERRAL.CHILD_ID_IS_PARENT', 'the child referral needs its own id', { [field]: id });

/** How one kind of split names its list and the refusal of a split that keeps all or nothing. */
export interface SplitKind {
  readonly field: 'acceptedSubjectIds' | 'returnedSubjectIds';
  readonly notPartialCode: string;
  readonly notPartialMessage: string;
  readonly countKey: string;
}

/**
 * The package's subjects in package order, split by the command's list (so the event does not
 * depend on how the client ordered it): `listed` and `others`, or why the list is not a split.
 */
export const splitSubjects = (
  existing: ExistingReferral,
  listedIds: readonly string[],
  kind: SplitKind,
): { readonly listed: string[]; readonly others: string[] } | DomainError => {
  const all = existing.package.subjects.map((s) => s.subjectId);
  const listed = new Set(listedIds);
  const unknown = listedIds.filter((id) => !all.includes(id));
  if (unknown.length > 0)
    return validation('REFERRAL.UNKNOWN_SUBJECT', `not subjects of this referral: ${unknown.join(', ')}`, {
      subjectIds: unknown,
    });
  if (listed.size !== listedIds.length) {
    return validation('REFERRAL.DUPLICATE_SUBJECT', `${kind.field} lists a subject twice`);
  }
  if (listed.size === 0 || listed.size === all.length) {
    return validation(kind.notPartialCode, kind.notPartialMessage, {
      [kind.countKey]: listed.size,
      subjects: all.length,
    });
  }
  return { listed: all.filter((id) => listed.has(id)), others: all.filter((id) => !listed.has(id)) };
};

/** What an Open…Referral command for a child carries from its parent. */
export interface ChildOpening {
  readonly actor: Actor;
  readonly referralId: string;
  readonly parentReferralId: string;
  readonly clueId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly package: TransferPackage;
  readonly rulebookVersion: string;
  readonly evaluation: SituationEvaluation;
  readonly reason: string;
}

/**
 * The checks of opening a child stream, issued by the application on behalf of the commission that
 * split the parent (`splitBy`): its role and organisation, the copied data, the parent's rulebook
 * verdict, a new id. `extra` is the caller's own input check, run with the others.
 */
export const checkChildOpening = (
  command: ChildOpening,
  splitBy: string,
  state: ReferralState,
  config: DomainConfig,
  action: string,
  extra?: DomainError,
): DomainError | undefined => {
  const authError = firstError(
    requireRole(command.actor, ['DisciplineCommission'], action),
    requireOrg(command.actor, splitBy, action),
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
    extra,
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
  if (command.parentReferralId === command.referralId) return childIsParent(command.referralId, 'referralId');
  return undefined;
};

/** What the child's opening event copies from the parent, whichever the split. */
export const childOpeningData = (command: ChildOpening) => ({
  referralId: command.referralId,
  parentReferralId: command.parentReferralId,
  clueId: command.clueId,
  regionId: command.regionId,
  ownerOrgId: command.ownerOrgId,
  package: command.package,
  rulebookVersion: command.rulebookVersion,
  evaluation: command.evaluation,
  discretionary: !command.evaluation.transferMandatory,
  reason: command.reason,
});

/** Checked last, after everything about the command itself. */
export const requireNewChild = (state: ReferralState, referralId: string): DomainError | undefined =>
  state.status !== 'None' ? conflict('REFERRAL.ALREADY_EXISTS', `referral ${referralId} already exists`) : undefined;
