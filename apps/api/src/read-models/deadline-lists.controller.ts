import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock, DeadlineList, DeadlineQueries } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiReadModelResponses } from './read-model-docs';
import { EscalationProposalsQueryDto, OverdueQueryDto } from './deadline-lists.dto';
import { readModelQuery, todayOf } from './read-model-http';

/** The 督办 lists over the deadline timers (issue 15 §2): what is overdue, and what waits for a head. */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1')
export class DeadlineListsController {
  constructor(
    private readonly deadlines: DeadlineQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('ledgers/overdue')
  @ApiOperation({
    summary:
      '逾期清单 — open deadlines past their due date (oldest first) with their ladder step, per responsible organisation when asked; only cases the caller can open',
  })
  @ApiOkResponse({ description: '{ items, limit, skip }' })
  @ApiReadModelResponses()
  overdue(@Query() query: OverdueQueryDto, @CurrentActor() actor: Actor): Promise<DeadlineList> {
    return readModelQuery(() =>
      this.deadlines.overdue(actor, {
        today: todayOf(this.clock),
        responsibleOrgId: query.responsibleOrgId,
        limit: query.limit ?? 20,
        skip: query.skip ?? 0,
      }),
    );
  }

  @Get('escalation-proposals')
  @ApiOperation({
    summary:
      "Proposed 函询 / 约谈 / 挂牌督办 of the 督办 ladder waiting for the caller's decision (heads of 法治建设办, 司法局, 党委 over the case's region)",
  })
  @ApiOkResponse({ description: '{ items, limit, skip }' })
  @ApiReadModelResponses()
  proposals(@Query() query: EscalationProposalsQueryDto, @CurrentActor() actor: Actor): Promise<DeadlineList> {
    return readModelQuery(() =>
      this.deadlines.proposals(actor, { today: todayOf(this.clock), limit: query.limit ?? 20, skip: query.skip ?? 0 }),
    );
  }
}
