import { Actor, Role } from '../shared/actor';
import { requireHead, requireOrg, requireRegion, requireRole } from '../shared/authorize';
import { DomainError, invalidTransition, notFound } from '../shared/domain-error';
import { Precondition, availableFrom } from '../shared/precondition';
import { AccountabilityCommand } from './accountability.events';
import { AccountabilityState, AccountabilityStatus } from './accountability.state';

/** The commands a user sends on an existing accountability case; OpenAccountabilityCase creates one. */
export type AccountabilityActionType = Exclude<AccountabilityCommand['type'], 'OpenAccountabilityCase'>;

/**
 * Who opens (立项): the justice bureau (行政执法监督机构), the agency itself (its own 过错责任追究),
 * and the rule-of-law office that found the clue (issue 17). The commission does not: its own
 * accountability runs through referrals.
 */
export const ACCOUNTABILITY_OPENERS: readonly Role[] = ['JusticeBureau', 'EnforcementAgency', 'RuleOfLawOffice'];

/** Who decides: the justice bureau or the agency itself (DOMAIN.md §7 行政执法过错责任追究 row: "Justice bureau / agency"). */
export const ACCOUNTABILITY_DECIDERS: readonly Role[] = ['JusticeBureau', 'EnforcementAgency'];

const OPEN = 'open an accountability case';

export const accountabilityNotFound = (): DomainError =>
  notFound('ACCOUNTABILITY.NOT_FOUND', 'no accountability case with this id');

const wrongState = (status: AccountabilityStatus, action: string, allowed: readonly AccountabilityStatus[]) =>
  invalidTransition('ACCOUNTABILITY.WRONG_STATE', `cannot ${action} a case that is ${status}`, {
    action,
    status,
    allowed,
  });

/** 立项 on a case of this region: an opening role whose region covers it. */
export const openAccountabilityPrecondition: Precondition<{ readonly regionId: string }> = (target, actor) =>
  requireRole(actor, ACCOUNTABILITY_OPENERS, OPEN) ?? requireRegion(actor, target.regionId, OPEN);

/** Every later act is the deciding organisation's; the decision and a withdrawal are its head's (集体研究, 负责人批准). */
const byDecidingOrg =
  (action: string, statuses: readonly AccountabilityStatus[], head = false): Precondition<AccountabilityState> =>
  (state, actor: Actor) => {
    if (state.status === 'None') return requireRole(actor, ACCOUNTABILITY_DECIDERS, action) ?? accountabilityNotFound();
    return (
      requireRole(actor, ACCOUNTABILITY_DECIDERS, action) ??
      requireOrg(actor, state.decidingOrgId, action) ??
      (head ? requireHead(actor, action) : undefined) ??
      (statuses.includes(state.status) ? undefined : wrongState(state.status, action, statuses))
    );
  };

/** Per command, what it needs of the case and the actor; decide runs these first, the action list is computed from them. */
export const ACCOUNTABILITY_PRECONDITIONS: Readonly<
  Record<AccountabilityActionType, Precondition<AccountabilityState>>
> = {
  StartAccountabilityInvestigation: byDecidingOrg('start the investigation', ['Opened']),
  DecideAccountability: byDecidingOrg('decide the accountability', ['Investigating'], true),
  RecordAccountabilityExecuted: byDecidingOrg('record the execution', ['Decided']),
  // A withdrawn case is filed too, so nothing stays open without an end.
  ArchiveAccountability: byDecidingOrg('archive the case', ['Executed', 'Withdrawn']),
  // 撤销立项 / 不予追究: only before a decision; a decided case is executed (a wrong decision is
  // reviewed by its own remedies, not undone here).
  WithdrawAccountability: byDecidingOrg('withdraw the case', ['Opened', 'Investigating'], true),
};

/** The commands `actor` may send on the case now; none before it exists. */
export const availableAccountabilityCommands = (
  state: AccountabilityState,
  actor: Actor,
): AccountabilityActionType[] =>
  state.status === 'None' ? [] : availableFrom(ACCOUNTABILITY_PRECONDITIONS, state, actor);
