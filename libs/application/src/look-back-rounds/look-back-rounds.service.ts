import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  LOOK_BACK_ROUND_CATEGORY,
  LaunchLookBackRound,
  LookBackRoundCommand,
  LookBackRoundEvent,
  LookBackRoundState,
  canSeeLookBackRound,
  createLookBackRoundDecider,
  fold,
} from '@xj/domain';
import { AggregateDefinition, streamIdOf } from '../command/aggregate-definition';
import { CommandContext, CommandExecutor, CommandOutcome } from '../command/command-executor';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { awaitFreshness, publicFields } from '../projections/query-support';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from '../projections/read-model-freshness';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { LOOK_BACK_ROUNDS, ROUNDS, RoundDocument } from './look-back-rounds.projection';

/** A round as its readers see it: what was launched, and its progress from the read model. */
export interface LookBackRoundView {
  readonly roundId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly closedFrom: string;
  readonly closedTo: string;
  readonly agencyOrgId?: string;
  readonly lookBackOn?: string;
  readonly itemIds: readonly string[];
  readonly launchedAt: string;
  readonly revision: string;
  /** assigned: items named; scheduled / done: their look-backs scheduled and completed; problemsFound: failed ones. */
  readonly progress: {
    readonly assigned: number;
    readonly scheduled: number;
    readonly done: number;
    readonly problemsFound: number;
  };
  readonly stale: boolean;
}

/**
 * 回头看 rounds (issue 17): launched through the one command path on their own stream; read
 * straight from it, with the progress of the look-back-rounds read model. Who may see one is the
 * domain's rule (canSeeLookBackRound); a round the caller may not see reads as missing.
 */
@Injectable()
export class LookBackRounds {
  readonly definition: AggregateDefinition<LookBackRoundCommand, LookBackRoundState, LookBackRoundEvent> = {
    category: LOOK_BACK_ROUND_CATEGORY,
    decider: createLookBackRoundDecider(),
    schemaVersion: 1,
  };
  private readonly executor: CommandExecutor;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {
    this.executor = new CommandExecutor(store);
  }

  launch(command: LaunchLookBackRound, context: CommandContext): Promise<CommandOutcome<LookBackRoundState>> {
    return this.executor.execute(this.definition, command.roundId, command, context);
  }

  async read(actor: Actor, id: string, minPosition?: bigint): Promise<LookBackRoundView | undefined> {
    const events = await this.store.readStream(streamIdOf(LOOK_BACK_ROUND_CATEGORY, id));
    const state = fold(
      this.definition.decider,
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as LookBackRoundEvent),
    );
    const head = events[events.length - 1];
    const launched = state.launched;
    if (!launched || !head || !canSeeLookBackRound(actor, state)) return undefined;
    const stale = await awaitFreshness(this.freshness, minPosition);
    const doc = await this.readModels.get(LOOK_BACK_ROUNDS, ROUNDS, id);
    const items = doc === undefined ? {} : publicFields<RoundDocument>(doc).items;
    const states = Object.values(items);
    return {
      roundId: launched.roundId,
      regionId: launched.regionId,
      ownerOrgId: launched.ownerOrgId,
      closedFrom: launched.closedFrom,
      closedTo: launched.closedTo,
      ...(launched.agencyOrgId !== undefined ? { agencyOrgId: launched.agencyOrgId } : {}),
      ...(launched.lookBackOn !== undefined ? { lookBackOn: launched.lookBackOn } : {}),
      itemIds: launched.itemIds,
      launchedAt: launched.at,
      revision: String(head.revision),
      progress: {
        assigned: launched.itemIds.length,
        scheduled: states.filter((s) => s !== 'Assigned').length,
        done: states.filter((s) => s === 'Passed' || s === 'Failed').length,
        problemsFound: states.filter((s) => s === 'Failed').length,
      },
      stale,
    };
  }
}
