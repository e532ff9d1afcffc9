import { Body, Controller, Get, Inject, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import {
  CLOCK,
  Clock,
  LoadCaseQuery,
  LookBackRoundView,
  LookBackRounds,
  RectificationLedgerQueries,
} from '@xj/application';
import { Actor, localDateOf } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiCreateResponses, CaseId } from '../cases/api-docs';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { ApiProblem } from '../http/problem';
import { positionOf, readModelQuery, todayOf } from '../read-models/read-model-http';
import { LaunchLookBackRoundDto, LookBackRoundQueryDto } from './look-back-rounds.dto';

/**
 * 回头看 as a campaign over closed items (issue 17): a supervising head picks the items closed (销号)
 * in a period — from the rectification ledger, in a region (county) and of an agency — and assigns
 * a look-back to every one of them in one step; each item is scheduled through its own
 * ScheduleLookBack by the look-back-round workflow. Items already waiting for a look-back are not
 * picked again, so a second round assigns nothing twice (a round that finds none is recorded empty).
 */
@ApiTags('look-back-rounds')
@ApiBearerAuth()
@Controller('api/v1/look-back-rounds')
export class LookBackRoundsController {
  constructor(
    private readonly rounds: LookBackRounds,
    private readonly ledger: RectificationLedgerQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Launch a 回头看 round over the items closed in a period (one look-back per item)',
    description:
      'A head of the rule-of-law office or the justice bureau whose region covers the round’s. ' +
      'Codes: 403 AUTH.*; 409 LOOKBACK.DUPLICATE_ID; 422 LOOKBACK.PERIOD_REVERSED, LOOKBACK.DATE_IN_PAST, ' +
      'LOOKBACK.BEFORE_PERIOD_END, BUSINESS_DATE.IN_FUTURE, VALIDATION.*.',
  })
  @ApiCreateResponses()
  @UseInterceptors(HttpAnswerInterceptor, IdempotencyInterceptor)
  async launch(@Body() dto: LaunchLookBackRoundDto, @CommandCtx() ctx: CommandRequestContext): Promise<HttpAnswer> {
    const regionId = dto.regionId ?? ctx.actor.regionId;
    const closed = await readModelQuery(() =>
      this.ledger.list(
        ctx.actor,
        {
          today: todayOf(this.clock),
          county: regionId,
          status: 'Closed',
          ...(dto.agencyOrgId !== undefined ? { agencyOrgId: dto.agencyOrgId } : {}),
        },
        'all',
      ),
    );
    // By the business date of the 销号 (issue 17 item 7); a line not yet rebuilt has only its time.
    const items = closed.items
      .filter((i) => i.closedAt !== undefined)
      .filter((i) => {
        const on = i.closedOn ?? localDateOf(i.closedAt as string);
        return dto.closedFrom <= on && on <= dto.closedTo;
      })
      .map((i) => ({ itemId: i.itemId, regionId: i.regionId, agencyOrgId: i.agencyOrgId }));
    // The ledger may lag behind a look-back scheduled a moment ago: each item's own stream says
    // whether it still waits for one, so a second round never assigns an item twice.
    const waiting = [];
    for (const item of items) {
      const { state } = await this.queryBus.execute(new LoadCaseQuery('rectification', item.itemId));
      if (state.status === 'Closed') waiting.push(item);
    }
    const roundId = dto.roundId ?? ctx.newId('case-id');
    const { roundId: _ignored, regionId: _region, ...rest } = dto;
    const outcome = await this.rounds.launch(
      { ...rest, type: 'LaunchLookBackRound', roundId, regionId, items: waiting, actor: ctx.actor, at: ctx.at },
      {
        commandId: ctx.commandId,
        correlationId: ctx.correlationId,
        ...(ctx.requestHash === undefined ? {} : { requestHash: ctx.requestHash }),
      },
    );
    const headers: Record<string, string> = { location: `/api/v1/look-back-rounds/${roundId}` };
    if (outcome.revision !== undefined) headers['etag'] = `"${outcome.revision}"`;
    if (outcome.position !== undefined) headers['x-global-position'] = String(outcome.position);
    return new HttpAnswer(
      201,
      headers,
      {
        kind: 'look-back-round',
        id: roundId,
        status: 'Launched',
        revision: outcome.revision === undefined ? null : String(outcome.revision),
        position: outcome.position === undefined ? null : String(outcome.position),
        events: Array.from(outcome.eventTypes),
        itemIds: Array.from(outcome.state.launched?.itemIds ?? []),
      },
      outcome.replayed,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One 回头看 round: its items and progress (assigned / scheduled / done / problems found)' })
  @ApiParam({ name: 'id', example: 'lb-2026-01' })
  @ApiResponse({
    status: 200,
    description: 'The round.',
    schema: {
      type: 'object',
      properties: {
        roundId: { type: 'string' },
        regionId: { type: 'string' },
        itemIds: { type: 'array', items: { type: 'string' } },
        progress: { type: 'object', additionalProperties: { type: 'integer' } },
        stale: { type: 'boolean' },
      },
    },
  })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — no such round, or one the caller may not see' })
  @UseInterceptors(HttpAnswerInterceptor)
  async get(
    @CaseId() id: string,
    @Query() query: LookBackRoundQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<HttpAnswer<LookBackRoundView>> {
    const view = await this.rounds.read(actor, id, positionOf(query.minPosition));
    if (!view) throw new ApiProblem(404, 'NOT_FOUND', 'No such round.');
    return new HttpAnswer(200, { etag: `"${view.revision}"` }, view);
  }
}
