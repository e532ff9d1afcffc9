import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LoadCaseQuery, deterministicUuid } from '@xj/application';
import { RectificationItemSnapshot } from '@xj/domain';
import { CommandRequestContext } from '../http/command-context.decorator';
import { PlanItemDto } from './dto/clue.dto';

type PlanItem = PlanItemDto & { readonly itemId: string };

/**
 * C7 → §4.3, the request's side: plan items get their ids before the plan is recorded (so the
 * clue's answer names them), and the items' status is read for C10 and R14. Assigning the items is
 * the rectification-plan workflow's (libs/domain/src/workflow), run by the WorkflowProcessor.
 */
@Injectable()
export class RectificationPlanProcess {
  constructor(private readonly queryBus: QueryBus) {}

  /** Gives every plan item an id: the client's, else one derived from the Idempotency-Key (stable on retry). */
  withIds(ctx: CommandRequestContext, items: readonly PlanItemDto[]): PlanItem[] {
    const seed = ctx.newId('plan');
    return items.map((item, index) => ({ ...item, itemId: item.itemId ?? deterministicUuid(`${seed}:item:${index}`) }));
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
