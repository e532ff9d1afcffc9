import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { CLOCK, Clock, ExecuteCaseCommand, IdempotencyService, LoadCaseQuery, deterministicUuid } from '@xj/application';
import { Actor, ClueState, RectificationItemSnapshot, RectificationState } from '@xj/domain';
import { PlanItemDto } from './dto/clue.dto';

type PlanItem = PlanItemDto & { readonly itemId: string };

/**
 * C7 → §4.3: each item of an accepted rectification plan becomes a RectificationItem aggregate,
 * assigned on behalf of the clue's supervising office. Command ids derive from the plan request,
 * so a retried request assigns nothing twice.
 */
@Injectable()
export class RectificationPlanProcess {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly idempotency: IdempotencyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Gives every plan item an id: the client's, else one derived from the Idempotency-Key (stable on retry). */
  withIds(request: Request, actor: Actor, items: readonly PlanItemDto[]): PlanItem[] {
    const key = request.header('idempotency-key');
    const seed = key ? this.idempotency.commandIdFor({ actor, key: `plan:${key}` }) : randomUUID();
    return items.map((item, index) => ({ ...item, itemId: item.itemId ?? deterministicUuid(`${seed}:item:${index}`) }));
  }

  async assignItems(clueId: string, items: readonly PlanItem[], correlationId: string): Promise<void> {
    const { state } = await this.queryBus.execute(new LoadCaseQuery('clue', clueId));
    const clue = state as ClueState;
    if (!clue.ownerOrgId || !clue.regionId || !clue.agency) return;
    const office: Actor = {
      userId: 'process:rectification-plan',
      role: 'RuleOfLawOffice',
      position: 'Head',
      orgId: clue.ownerOrgId,
      regionId: clue.regionId,
    };
    for (const item of items) {
      await this.commandBus.execute(
        new ExecuteCaseCommand('rectification', item.itemId, {
          type: 'AssignRectificationItem',
          actor: office,
          at: this.clock.now().toISOString(),
          itemId: item.itemId,
          clueId,
          regionId: clue.regionId,
          agencyOrgId: clue.agency.orgId,
          mode: item.mode,
          issue: item.issue,
          measures: item.measures,
          dueDate: item.dueDate,
          longTermTarget: item.longTermTarget,
          owner: item.owner,
          responsiblePerson: item.responsiblePerson,
        }, { commandId: deterministicUuid(`assign:${clueId}:${item.itemId}`), correlationId }),
      );
    }
  }

  /** The current status of every item of the clue's plan, read from the items' own streams (C10). */
  async itemSnapshots(clueId: string): Promise<RectificationItemSnapshot[]> {
    const { state } = await this.queryBus.execute(new LoadCaseQuery('clue', clueId));
    const items = (state as ClueState).rectificationItems ?? [];
    return Promise.all(
      items.map(async ({ itemId, mode }) => {
        const loaded = await this.queryBus.execute(new LoadCaseQuery('rectification', itemId));
        return { itemId, mode, status: (loaded.state as RectificationState).status };
      }),
    );
  }
}
