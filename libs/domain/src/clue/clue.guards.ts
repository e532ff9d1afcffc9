import { Role } from '../shared/actor';
import { requireHead, requireOrg, requireRegion, requireRole } from '../shared/authorize';
import { DomainError, invalidTransition, notFound, validation } from '../shared/domain-error';
import { CommandBase } from '../shared/messages';
import { LocalDate, compareDates } from '../shared/time';
import { firstError, requireDate, requireNonEmpty, requireText } from '../shared/validate';
import { Rulebook } from '../rulebook/rulebook';
import { Attachment } from './clue.commands';
import { ClueState, ClueStatus } from './clue.state';

/**
 * Authorisation and validation helpers shared by the clue's decide functions. The order is always
 * role → position → (the clue exists) → region / organisation: a region or organisation can only be
 * checked against a clue that exists, so NotFound comes just before it.
 */

/** 法治建设办 and 司法局 supervise; either may work a clue in its region (DOMAIN.md §2). */
export const SUPERVISOR_ROLES: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau'];

export const clueNotFound = (): DomainError => notFound('CLUE.NOT_FOUND', 'no clue with this id');

/** A supervisor (office or justice bureau) whose region covers the clue's; `head` when the step is an approval. */
export const authorizeSupervisor = (
  command: Pick<CommandBase<string>, 'actor'>,
  state: ClueState,
  action: string,
  head = false,
): DomainError | undefined =>
  firstError(
    requireRole(command.actor, SUPERVISOR_ROLES, action),
    head ? requireHead(command.actor, action) : undefined,
  ) ?? (state.status === 'None' ? clueNotFound() : requireRegion(command.actor, state.regionId ?? '', action));

/**
 * The supervised agency itself, its head signing (签字背书, DOMAIN.md §1.3): only the unit that was
 * supervised may answer for its own rectification.
 */
export const authorizeAgencyHead = (
  command: Pick<CommandBase<string>, 'actor'>,
  state: ClueState,
  action: string,
): DomainError | undefined =>
  firstError(requireRole(command.actor, ['EnforcementAgency'], action), requireHead(command.actor, action)) ??
  (state.status === 'None' ? clueNotFound() : requireOrg(command.actor, state.agency?.orgId ?? '', action));

export const requireStatus = (
  state: ClueState,
  allowed: readonly ClueStatus[],
  action: string,
): DomainError | undefined =>
  allowed.includes(state.status)
    ? undefined
    : invalidTransition('CLUE.WRONG_STATE', `cannot ${action} a clue in status ${state.status}`, {
        status: state.status,
        allowed,
      });

/**
 * Commands arrive as JSON: a list field must be an array of objects before its entries are read.
 * (Checks run eagerly inside `firstError`, so later checks must not assume more than this.)
 */
export const requireObjectList = (list: unknown, field: string, nonEmpty = false): DomainError | undefined => {
  if (list === undefined) return nonEmpty ? requireNonEmpty(undefined, field) : undefined;
  if (!Array.isArray(list)) return validation('VALIDATION.LIST', `${field} must be a list`, { field });
  if (nonEmpty && list.length === 0) return requireNonEmpty(list, field);
  return list.every((entry) => entry !== null && typeof entry === 'object')
    ? undefined
    : validation('VALIDATION.LIST', `${field} must list objects`, { field });
};

/** A list of non-empty texts; `nonEmpty` when at least one entry is required. */
export const requireTextList = (
  list: readonly string[] | undefined,
  field: string,
  nonEmpty = false,
  max = 500,
): DomainError | undefined => {
  if (list !== undefined && !Array.isArray(list))
    return validation('VALIDATION.LIST', `${field} must be a list`, { field });
  const entries = list ?? [];
  if (nonEmpty && entries.length === 0) return requireNonEmpty(entries, field);
  return firstError(...entries.map((entry) => requireText(entry, field, max)));
};

/** Only the known fields reach the stored event. */
export const attachment = (a: Attachment): Attachment => ({ title: a.title, documentRef: a.documentRef });

export const requireAttachments = (
  list: readonly Attachment[] | undefined,
  field: string,
  nonEmpty = false,
): DomainError | undefined =>
  requireObjectList(list, field, nonEmpty) ??
  firstError(
    ...(list ?? []).flatMap((a) => [
      requireText(a.title, `${field}.title`, 200),
      requireText(a.documentRef, `${field}.documentRef`, 500),
    ]),
  );

/** A due date is a valid date that does not lie before the day of the decision. */
export const requireDueDate = (
  value: LocalDate | undefined,
  today: LocalDate,
  field: string,
): DomainError | undefined =>
  requireDate(value, field) ??
  (compareDates(value as LocalDate, today) < 0
    ? validation('CLUE.DUE_DATE_IN_PAST', `${field} lies before the day of the decision`, { field })
    : undefined);

/** Every claimed situation and statutory ground must exist in the rulebook the decision is made with. */
export const requireKnownCodes = (
  rulebook: Rulebook,
  situationCodes: readonly string[] | undefined,
  statutoryGroundCodes: readonly string[] | undefined,
): DomainError | undefined => {
  const unknownSituations = (Array.isArray(situationCodes) ? situationCodes : []).filter(
    (c) => !rulebook.rules.some((r) => r.code === c),
  );
  if (unknownSituations.length > 0) {
    return validation(
      'CLUE.UNKNOWN_SITUATION',
      `rulebook ${rulebook.version} has no situation ${unknownSituations.join(', ')}`,
      {
        codes: unknownSituations,
      },
    );
  }
  const unknownGrounds = (Array.isArray(statutoryGroundCodes) ? statutoryGroundCodes : []).filter(
    (c) => !rulebook.statutoryGrounds.some((g) => g.code === c),
  );
  return unknownGrounds.length > 0
    ? validation(
        'CLUE.UNKNOWN_STATUTORY_GROUND',
        `rulebook ${rulebook.version} has no statutory ground ${unknownGrounds.join(', ')}`,
        {
          codes: unknownGrounds,
        },
      )
    : undefined;
};
