import { ActorRef } from '../shared/actor';
import { assertNever } from '../shared/decider';
import { LocalDate } from '../shared/time';
import { AccountabilityDecidedData, AccountabilityEvent } from './accountability.events';
import { AccountabilityType, WrongfulCaseGround } from './accountability.measures';

/**
 * 立项 → 调查 → 决定 → 执行 → 归档 (issue 17, accountability outside the commission); before a
 * decision the case may be withdrawn (撤销立项 / 不予追究), and a withdrawn case is archived too.
 */
export const ACCOUNTABILITY_STATUSES = [
  'None',
  'Opened',
  'Investigating',
  'Decided',
  'Executed',
  'Withdrawn',
  'Archived',
] as const;
export type AccountabilityStatus = (typeof ACCOUNTABILITY_STATUSES)[number];

export interface OpenAccountabilityState {
  readonly status: Exclude<AccountabilityStatus, 'None'>;
  readonly accountabilityId: string;
  readonly accountabilityType: AccountabilityType;
  readonly ground?: WrongfulCaseGround;
  readonly clueId?: string;
  readonly regionId: string;
  readonly decidingOrgId: string;
  readonly decidingOrgRole: ActorRef['role'];
  readonly summary: string;
  readonly openedOn: LocalDate;
  readonly investigatedOn?: LocalDate;
  readonly decision?: Omit<AccountabilityDecidedData, 'at' | 'by' | 'accountabilityId'>;
  readonly executedOn?: LocalDate;
  readonly withdrawnOn?: LocalDate;
  readonly withdrawalReason?: string;
  readonly archivedOn?: LocalDate;
}

export type AccountabilityState = { readonly status: 'None' } | OpenAccountabilityState;

export const initialAccountabilityState = (): AccountabilityState => ({ status: 'None' });

/** The status after an event: evolve and the ledger take it from here. */
export const accountabilityStatusAfter = (
  status: AccountabilityStatus,
  event: AccountabilityEvent,
): AccountabilityStatus => {
  switch (event.type) {
    case 'AccountabilityCaseOpened':
      return 'Opened';
    case 'AccountabilityInvestigationStarted':
      return 'Investigating';
    case 'AccountabilityDecided':
      return 'Decided';
    case 'AccountabilityExecuted':
      return 'Executed';
    case 'AccountabilityWithdrawn':
      return 'Withdrawn';
    case 'AccountabilityArchived':
      return 'Archived';
    default:
      return assertNever(event);
  }
};

export const evolveAccountability = (state: AccountabilityState, event: AccountabilityEvent): AccountabilityState => {
  const status = accountabilityStatusAfter(state.status, event) as OpenAccountabilityState['status'];
  if (event.type === 'AccountabilityCaseOpened') {
    const d = event.data;
    return {
      status,
      accountabilityId: d.accountabilityId,
      accountabilityType: d.accountabilityType,
      ...(d.ground !== undefined ? { ground: d.ground } : {}),
      ...(d.clueId !== undefined ? { clueId: d.clueId } : {}),
      regionId: d.regionId,
      decidingOrgId: d.decidingOrgId,
      decidingOrgRole: d.decidingOrgRole,
      summary: d.summary,
      openedOn: d.openedOn,
    };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'AccountabilityInvestigationStarted':
      return { ...state, status, investigatedOn: event.data.occurredOn };
    case 'AccountabilityDecided': {
      const { at: _at, by: _by, accountabilityId: _id, ...decision } = event.data;
      return { ...state, status, decision };
    }
    case 'AccountabilityExecuted':
      return { ...state, status, executedOn: event.data.occurredOn };
    case 'AccountabilityWithdrawn':
      return { ...state, status, withdrawnOn: event.data.occurredOn, withdrawalReason: event.data.reason };
    case 'AccountabilityArchived':
      return { ...state, status, archivedOn: event.data.occurredOn };
    default:
      return assertNever(event);
  }
};
