import { DeadlineRule } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { Role } from '../shared/actor';
import { Decision } from '../shared/decider';
import { requireHead, requireOrg, requireRegion, requireRole } from '../shared/authorize';
import { DomainError, invalidTransition, notFound, validation } from '../shared/domain-error';
import { CommandBase } from '../shared/messages';
import { LocalDate, compareDates } from '../shared/time';
import { firstError, requireNonEmpty, requireText } from '../shared/validate';
import { RectificationEvent } from './rectification.events';
import { RectificationState, RectificationStatus } from './rectification.state';

/**
 * The rule recorded on an item's own due date. The catalogue has no dedicated rule yet; items
 * mostly come from 督察反馈意见, so that rule names the period until a `RectificationItemDue` rule
 * exists. The date itself is always the explicit one (explicitDeadline: amount 0, moved to a working day).
 */
export const ITEM_DUE_RULE: DeadlineRule = 'InspectionFeedbackRectification';

export const TEXT = 4_000;
export const NAME = 200;
export const REF = 500;

export type Decide<C> = (command: C, state: RectificationState, config: DomainConfig) => Decision<RectificationEvent>;

/** 监督方 — the rule-of-law office and the justice bureau supervise rectification (DOMAIN.md §2). */
export const SUPERVISOR_ROLES: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau'];
/** 整改责任单位 — the enforcement agency owns the rectification. */
export const AGENCY_ROLES: readonly Role[] = ['EnforcementAgency'];

/**
 * Who may act on an existing item:
 * - `supervisor`: a supervising role whose region covers the item's region;
 * - `agency`: the owning agency itself (an agency reports only on its own items).
 * `head` adds 负责人 approval (销号, 签字背书).
 */
export interface Party {
  readonly side: 'supervisor' | 'agency';
  readonly head?: boolean;
}

/**
 * Authorization on an existing item, in the order every decider uses: role → position → (the item
 * must exist) → region/organisation. Existence sits before the organisation check because an
 * empty stream has no region or agency to compare with.
 */
export const authorizeOnItem = (
  command: Pick<CommandBase<string>, 'actor'>,
  state: RectificationState,
  party: Party,
  action: string,
): DomainError | undefined => {
  const { actor } = command;
  const supervisor = party.side === 'supervisor';
  const byRole = firstError(
    requireRole(actor, supervisor ? SUPERVISOR_ROLES : AGENCY_ROLES, action),
    party.head === true ? requireHead(actor, action) : undefined,
  );
  if (byRole) return byRole;
  if (state.status === 'None') return itemNotFound();
  return supervisor ? requireRegion(actor, state.regionId, action) : requireOrg(actor, state.agencyOrgId, action);
};

export const itemNotFound = (): DomainError =>
  notFound('RECTIFICATION.NOT_FOUND', 'no rectification item with this id');

export const wrongState = (
  state: RectificationState,
  action: string,
  allowed: readonly RectificationStatus[],
): DomainError =>
  invalidTransition('RECTIFICATION.WRONG_STATE', `cannot ${action} an item that is ${state.status}`, {
    action,
    status: state.status,
    allowed,
  });

/** A non-empty list of non-empty texts. */
export const requireTexts = (
  values: readonly string[] | undefined,
  field: string,
  max: number,
): DomainError | undefined =>
  requireNonEmpty(values, field) ?? firstError(...(values ?? []).map((v, i) => requireText(v, `${field}[${i}]`, max)));

/** An optional list: absent or empty is fine, but every entry must be text. */
export const optionalTexts = (
  values: readonly string[] | undefined,
  field: string,
  max: number,
): DomainError | undefined =>
  values === undefined || values.length === 0 ? undefined : requireTexts(values, field, max);

/** Due dates are set forward; a date already past would make the item overdue on creation. */
export const requireNotBefore = (
  date: LocalDate | undefined,
  today: LocalDate,
  field: string,
): DomainError | undefined =>
  date !== undefined && compareDates(date, today) < 0
    ? validation('RECTIFICATION.DATE_IN_PAST', `${field} must not be before ${today}`, { field })
    : undefined;

/** Reasons and new dates belong to failures only, so a passed record never carries stale ones. */
export const rejectOnPass = (present: boolean, field: string): DomainError | undefined =>
  present
    ? validation('RECTIFICATION.ONLY_ON_FAIL', `${field} is only given when the result is Fail`, { field })
    : undefined;
