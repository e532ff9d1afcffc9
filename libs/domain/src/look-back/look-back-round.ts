import { Role, regionCovers } from '../shared/actor';
import { requireHead, requireRegion, requireRole } from '../shared/authorize';
import { Decider, Decision, assertNever } from '../shared/decider';
import { businessDateOf } from '../shared/business-date';
import { conflict, isDomainError, validation } from '../shared/domain-error';
import { CommandBase, DomainEvent, EventDataBase, eventBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { firstError, requireDate, requireInstant, requireText } from '../shared/validate';

/**
 * 回头看 as a campaign over closed items (issue 17; DOMAIN.md §1.3 回头看, seed 001 蓬江: "对已基本完成
 * 的整改任务，适时组织回头看"): one stream per round, `lookbackround-<roundId>`. The round names the
 * items closed (销号) in its period that it looks back on; the look-back-round workflow schedules
 * each through the items' own ScheduleLookBack (C12), once per item.
 */
export const LOOK_BACK_ROUND_CATEGORY = 'lookbackround';

/** A closed item as the rectification ledger listed it when the round was launched. */
export interface RoundItem {
  readonly itemId: string;
  readonly regionId: string;
  readonly agencyOrgId: string;
}

/** 组织回头看 — a supervising head picks the items closed in a period and assigns look-backs to all. */
export interface LaunchLookBackRound extends CommandBase<'LaunchLookBackRound'> {
  readonly roundId: string;
  readonly regionId: string;
  readonly closedFrom: LocalDate;
  readonly closedTo: LocalDate;
  /** The filter the items were picked by (county is `regionId`). */
  readonly agencyOrgId?: string;
  /** The look-back date for every item; without it each item keeps the date set at its close-out. */
  readonly lookBackOn?: LocalDate;
  readonly items: readonly RoundItem[];
  /**
   * 业务日期 of the launch (issue 17 item 7), when entered later: not after today nor before the end of
   * the period looked back on (every item's 销号 precedes it); each item's look-back is scheduled on it.
   */
  readonly occurredOn?: LocalDate;
}

export type LookBackRoundCommand = LaunchLookBackRound;

export interface LookBackRoundLaunchedData extends EventDataBase {
  readonly roundId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly closedFrom: LocalDate;
  readonly closedTo: LocalDate;
  readonly agencyOrgId?: string;
  readonly lookBackOn?: LocalDate;
  readonly itemIds: readonly string[];
  /** Absent: launched on the day it was recorded. */
  readonly occurredOn?: LocalDate;
}
export type LookBackRoundLaunched = DomainEvent<'LookBackRoundLaunched', LookBackRoundLaunchedData>;
export type LookBackRoundEvent = LookBackRoundLaunched;

export interface LookBackRoundState {
  readonly launched?: LookBackRoundLaunchedData;
}

/** The supervisors of rectification (DOMAIN.md §2, §4.3 C12): their heads organise a round. */
export const LOOK_BACK_ROUND_ROLES: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau'];
const ACTION = 'launch a look-back round';

const decideLaunch = (command: LaunchLookBackRound, state: LookBackRoundState): Decision<LookBackRoundEvent> => {
  const error =
    requireInstant(command.at, 'at') ??
    firstError(requireRole(command.actor, LOOK_BACK_ROUND_ROLES, ACTION), requireHead(command.actor, ACTION)) ??
    requireText(command.regionId, 'regionId', 200) ??
    requireRegion(command.actor, command.regionId, ACTION) ??
    firstError(
      requireText(command.roundId, 'roundId', 100),
      requireDate(command.closedFrom, 'closedFrom'),
      requireDate(command.closedTo, 'closedTo'),
      command.lookBackOn !== undefined ? requireDate(command.lookBackOn, 'lookBackOn') : undefined,
    );
  if (error) return error;
  if (command.closedTo < command.closedFrom)
    return validation('LOOKBACK.PERIOD_REVERSED', 'closedTo lies before closedFrom');
  const launchedOn = businessDateOf(command.occurredOn, command.at, undefined);
  if (isDomainError(launchedOn)) return launchedOn;
  if (command.occurredOn !== undefined && launchedOn < command.closedTo)
    return validation('LOOKBACK.BEFORE_PERIOD_END', 'occurredOn lies before the end of the period looked back on', {
      field: 'occurredOn',
      occurredOn: launchedOn,
      closedTo: command.closedTo,
    });
  if (command.lookBackOn !== undefined && command.lookBackOn < launchedOn)
    return validation('LOOKBACK.DATE_IN_PAST', 'lookBackOn lies before the day of the launch');
  const outside = command.items.find(
    (i) =>
      !regionCovers(command.regionId, i.regionId) ||
      (command.agencyOrgId !== undefined && i.agencyOrgId !== command.agencyOrgId),
  );
  if (outside)
    return validation('LOOKBACK.ITEM_OUTSIDE_FILTER', `${outside.itemId} lies outside the round's region or agency`);
  if (state.launched) return conflict('LOOKBACK.DUPLICATE_ID', 'this round id is already used');
  const itemIds = [...new Set(command.items.map((i) => i.itemId))];
  return [
    {
      type: 'LookBackRoundLaunched',
      data: {
        ...eventBase(command),
        roundId: command.roundId,
        regionId: command.regionId,
        ownerOrgId: command.actor.orgId,
        closedFrom: command.closedFrom,
        closedTo: command.closedTo,
        ...(command.agencyOrgId !== undefined ? { agencyOrgId: command.agencyOrgId } : {}),
        ...(command.lookBackOn !== undefined ? { lookBackOn: command.lookBackOn } : {}),
        itemIds,
        ...(command.occurredOn !== undefined ? { occurredOn: launchedOn } : {}),
      },
    },
  ];
};

export const createLookBackRoundDecider = (): Decider<
  LookBackRoundCommand,
  LookBackRoundState,
  LookBackRoundEvent
> => ({
  decide: (command, state) => {
    switch (command.type) {
      case 'LaunchLookBackRound':
        return decideLaunch(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'LookBackRoundLaunched':
        return { ...state, launched: event.data };
      default:
        return assertNever(event.type);
    }
  },
  initialState: () => ({}),
});

/** Who reads a round: the supervising side whose region covers it, and the auditor. */
export const canSeeLookBackRound = (
  actor: { readonly role: Role; readonly regionId: string },
  state: LookBackRoundState,
): boolean =>
  state.launched !== undefined &&
  (actor.role === 'Auditor' ||
    (['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'].includes(actor.role) &&
      regionCovers(actor.regionId, state.launched.regionId)));
