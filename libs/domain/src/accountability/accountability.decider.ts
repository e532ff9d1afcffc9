import { businessDateOf } from '../shared/business-date';
import { Decider, Decision, assertNever } from '../shared/decider';
import { DomainError, conflict, forbidden, isDomainError, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { PersonSubject, UnitSubject, subjectFields, subjectKindOf } from '../shared/subject';
import { LocalDate } from '../shared/time';
import {
  firstError,
  requireInstant,
  requireNonEmpty,
  requireOneOf,
  requireSubjects,
  requireText,
} from '../shared/validate';
import {
  AccountabilityCommand,
  AccountabilityEvent,
  DecideAccountability,
  HeldAccountable,
  OpenAccountabilityCase,
} from './accountability.events';
import { ACCOUNTABILITY_TYPES, WRONGFUL_CASE_GROUNDS, findAccountabilityMeasure } from './accountability.measures';
import {
  ACCOUNTABILITY_DECIDERS,
  ACCOUNTABILITY_PRECONDITIONS,
  accountabilityNotFound,
  openAccountabilityPrecondition,
} from './accountability.preconditions';
import {
  AccountabilityState,
  OpenAccountabilityState,
  evolveAccountability,
  initialAccountabilityState,
} from './accountability.state';

type Decide<C> = (command: C, state: AccountabilityState) => Decision<AccountabilityEvent>;

const open: Decide<OpenAccountabilityCase> = (command, state) => {
  const { decidingOrg } = command;
  const refused = firstError(
    requireInstant(command.at, 'at'),
    openAccountabilityPrecondition({ regionId: command.regionId }, command.actor),
  );
  if (refused) return refused;
  const invalid = firstError(
    requireText(command.accountabilityId, 'accountabilityId', 100),
    requireOneOf(command.accountabilityType, ACCOUNTABILITY_TYPES, 'accountabilityType'),
    requireText(command.summary, 'summary', 4_000),
    command.clueId !== undefined ? requireText(command.clueId, 'clueId', 100) : undefined,
  );
  if (invalid) return invalid;
  // 毕节市行政错案问责追责办法 (2023): a wrong case is one of three kinds; an enforcement fault names none.
  if (command.accountabilityType === 'WrongfulCase') {
    const ground = requireOneOf(command.ground, WRONGFUL_CASE_GROUNDS, 'ground');
    if (ground)
      return validation('ACCOUNTABILITY.GROUND_REQUIRED', 'a 行政错案问责 names its ground', { field: 'ground' });
  } else if (command.ground !== undefined) {
    return validation('ACCOUNTABILITY.GROUND_NOT_APPLICABLE', 'only a 行政错案问责 names a ground', {
      field: 'ground',
    });
  }
  if (decidingOrg === undefined)
    return validation('ACCOUNTABILITY.DECIDING_ORG_UNKNOWN', 'the deciding organisation is not known', {
      field: 'decidingOrgId',
    });
  // An agency holds only its own staff and units to account (its own 过错责任追究).
  if (command.actor.role === 'EnforcementAgency' && decidingOrg.orgId !== command.actor.orgId)
    return forbidden('AUTH.WRONG_ORGANISATION', 'an agency opens only the cases it decides itself', {
      action: 'open an accountability case',
    });
  // DOMAIN.md §7: decided by the justice bureau or the agency itself, within the opener's region.
  if (!ACCOUNTABILITY_DECIDERS.includes(decidingOrg.role))
    return validation('ACCOUNTABILITY.DECIDING_ORG_NOT_ALLOWED', 'the justice bureau or the agency itself decides', {
      field: 'decidingOrgId',
    });
  const outside = openAccountabilityPrecondition({ regionId: decidingOrg.regionId }, command.actor);
  if (outside) return outside;
  const openedOn = businessDateOf(command.occurredOn, command.at, undefined);
  if (isDomainError(openedOn)) return openedOn;
  if (state.status !== 'None')
    return conflict('ACCOUNTABILITY.ALREADY_OPENED', 'this accountability id is already used');
  return [
    {
      type: 'AccountabilityCaseOpened',
      data: {
        ...eventBase(command),
        accountabilityId: command.accountabilityId,
        accountabilityType: command.accountabilityType,
        ...(command.accountabilityType === 'WrongfulCase' && command.ground !== undefined
          ? { ground: command.ground }
          : {}),
        ...(command.clueId !== undefined ? { clueId: command.clueId } : {}),
        regionId: command.regionId,
        decidingOrgId: decidingOrg.orgId,
        decidingOrgRole: decidingOrg.role,
        decidingOrgRegionId: decidingOrg.regionId,
        summary: command.summary,
        openedOn,
      },
    },
  ];
};

/** Each held person or unit has measures of the catalogue, each meant for its kind (a person's never a unit's). */
const requireMeasures = (held: readonly HeldAccountable[]): DomainError | undefined => {
  for (const [i, entry] of held.entries()) {
    const field = `held[${i}].measureCodes`;
    const listed = requireNonEmpty(entry.measureCodes, field);
    if (listed) return listed;
    const kind = subjectKindOf(entry.subject);
    const seen = new Set<string>();
    for (const code of entry.measureCodes) {
      const known = typeof code === 'string' ? findAccountabilityMeasure(code) : undefined;
      if (known === undefined)
        return validation('ACCOUNTABILITY.MEASURE_UNKNOWN', `${field}: unknown measure`, { field, measure: code });
      if (known.appliesTo !== kind)
        return validation('ACCOUNTABILITY.MEASURE_NOT_APPLICABLE', `${field}: ${code} is not a measure for a ${kind}`, {
          field,
          measure: code,
        });
      if (seen.has(code))
        return validation('ACCOUNTABILITY.DUPLICATE_MEASURE', `${field}: ${code} is listed twice`, { field });
      seen.add(code);
    }
  }
  return undefined;
};

const decideOutcome = (
  command: DecideAccountability,
  state: OpenAccountabilityState,
): Decision<AccountabilityEvent> => {
  const held = Array.isArray(command.held) ? command.held : [];
  if (held.length === 0)
    return validation('ACCOUNTABILITY.NOBODY_HELD', 'a decision names at least one person or unit', { field: 'held' });
  const invalid = firstError(
    requireSubjects(
      held.map((h) => h.subject),
      'held.subject',
    ),
    requireMeasures(held),
    command.documentNo !== undefined ? requireText(command.documentNo, 'documentNo', 100) : undefined,
  );
  if (invalid) return invalid;
  const decisionDate = businessDateOf(command.decisionDate, command.at, state.openedOn, 'decisionDate');
  if (isDomainError(decisionDate)) return decisionDate;
  const entries = held.map((h) => ({ subject: subjectFields(h.subject), measureCodes: [...h.measureCodes] }));
  return [
    {
      type: 'AccountabilityDecided',
      data: {
        ...eventBase(command),
        accountabilityId: state.accountabilityId,
        decisionDate,
        ...(command.documentNo !== undefined ? { documentNo: command.documentNo } : {}),
        persons: entries.flatMap((e) =>
          e.subject.kind === 'Unit' ? [] : [{ subject: e.subject as PersonSubject, measureCodes: e.measureCodes }],
        ),
        units: entries.flatMap((e) =>
          e.subject.kind === 'Unit' ? [{ subject: e.subject as UnitSubject, measureCodes: e.measureCodes }] : [],
        ),
      },
    },
  ];
};

/** The business date of a later act: not after today, not before the case was opened (issue 17 item 7). */
const actDate = (
  command: { readonly occurredOn?: LocalDate; readonly at: string },
  state: OpenAccountabilityState,
): LocalDate | DomainError => businessDateOf(command.occurredOn, command.at, state.openedOn);

const decideOnCase = (
  command: Exclude<AccountabilityCommand, OpenAccountabilityCase>,
  state: AccountabilityState,
): Decision<AccountabilityEvent> => {
  const refused = firstError(
    requireInstant(command.at, 'at'),
    ACCOUNTABILITY_PRECONDITIONS[command.type](state, command.actor),
  );
  if (refused) return refused;
  if (state.status === 'None') return accountabilityNotFound();
  const base = { ...eventBase(command), accountabilityId: state.accountabilityId };
  if (command.type === 'DecideAccountability') return decideOutcome(command, state);
  if (command.type === 'WithdrawAccountability') {
    const reason = requireText(command.reason, 'reason', 4_000);
    if (reason) return reason;
  }
  const occurredOn = actDate(command, state);
  if (isDomainError(occurredOn)) return occurredOn;
  switch (command.type) {
    case 'StartAccountabilityInvestigation':
      return [{ type: 'AccountabilityInvestigationStarted', data: { ...base, occurredOn } }];
    case 'RecordAccountabilityExecuted':
      return [{ type: 'AccountabilityExecuted', data: { ...base, occurredOn } }];
    case 'ArchiveAccountability':
      return [{ type: 'AccountabilityArchived', data: { ...base, occurredOn } }];
    case 'WithdrawAccountability':
      return [{ type: 'AccountabilityWithdrawn', data: { ...base, occurredOn, reason: command.reason } }];
    default:
      return assertNever(command);
  }
};

export const decideAccountability = (
  command: AccountabilityCommand,
  state: AccountabilityState,
): Decision<AccountabilityEvent> => {
  switch (command.type) {
    case 'OpenAccountabilityCase':
      return open(command, state);
    case 'StartAccountabilityInvestigation':
    case 'DecideAccountability':
    case 'RecordAccountabilityExecuted':
    case 'ArchiveAccountability':
    case 'WithdrawAccountability':
      return decideOnCase(command, state);
    default:
      return assertNever(command);
  }
};

/**
 * 行政执法过错责任追究 / 行政错案问责 — accountability decided outside the commission (issue 17;
 * DOMAIN.md §7, §8 Bijie): its own small lifecycle, per person and per unit.
 */
export const createAccountabilityDecider = (): Decider<
  AccountabilityCommand,
  AccountabilityState,
  AccountabilityEvent
> => ({
  decide: decideAccountability,
  evolve: evolveAccountability,
  initialState: initialAccountabilityState,
});
