import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  EventStore,
  ExecuteCaseCommand,
  LoadCaseQuery,
  PLAN_SUBMITTED_EVENT,
  assignmentsOfPlanEvent,
  deterministicUuid,
} from '@xj/application';
import { RectificationItemSnapshot, clueStreamName } from '@xj/domain';
import { CommandRequestContext } from '../http/command-context.decorator';
import { PlanItemDto } from './dto/clue.dto';

type PlanItem = PlanItemDto & { readonly itemId: string };

/**
 * C7 → §4.3: each item of an accepted rectification plan becomes a RectificationItem aggregate,
 * assigned on behalf of the clue's supervising office — here within the plan request, so the
 * client sees the items in the answer. The guarantee is RectificationPlanProcessManager, which
 * runs the very same commands from the plan event if this request dies half-way; command ids
 * derive from the clue and item ids, so between them each item is assigned once.
 */
@Injectable()
export class RectificationPlanProcess {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /** Gives every plan item an id: the client's, else one derived from the Idempotency-Key (stable on retry). */
  withIds(ctx: CommandRequestContext, items: readonly PlanItemDto[]): PlanItem[] {
    const seed = ctx.newId('plan');
    return items.map((item, index) => ({ ...item, itemId: item.itemId ?? deterministicUuid(`${seed}:item:${index}`) }));
  }

  /**
   * Assigns the items of the clue's plan as recorded — from the stored event, not the request, so
   * a retried request (a later "now", another correlation id) runs exactly what the process
   * manager runs and the two can never write conflicting events.
   */
  async assignItems(clueId: string): Promise<void> {
    // Newest first: the plan was just written (or found written, on a retry) near the head.
    const history = await this.events.readStream(clueStreamName(clueId), { direction: 'backwards' });
    const event = history.find((e) => e.type === PLAN_SUBMITTED_EVENT);
    if (!event) return;
    const { state } = await this.queryBus.execute(new LoadCaseQuery('clue', clueId));
    const plan = assignmentsOfPlanEvent(event, state);
    if (!plan) return;
    for (const { itemId, commandId, command } of plan.assignments) {
      await this.commandBus.execute(
        new ExecuteCaseCommand('rectification', itemId, command, { ...plan.context, commandId }),
      );
    }
  }

  /** The current status of every item of the clue's plan, read from the items' own streams (C10). */
  async itemSnapshots(clueId: string): Promise<RectificationItemSnapshot[]> {
    const { state } = await this.queryBus.execute(new LoadCaseQuery('clue', clueId));
    const items = state.rectificationItems ?? [];
    return Promise.all(
      items.map(async ({ itemId, mode }) => {
        const loaded = await this.queryBus.execute(new LoadCaseQuery('rectification', itemId));
        return { itemId, mode, status: loaded.state.status };
      }),
    );
  }
}
