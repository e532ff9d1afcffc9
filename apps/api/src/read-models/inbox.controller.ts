import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock, CommissionInboxQueries, InboxItem, Page } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { InboxPageDto } from './ledger-pages.dto';
import { ApiReadModelResponses } from './read-model-docs';
import { InboxQueryDto } from './read-model-query.dto';
import { positionOf, readModelQuery, todayOf } from './read-model-http';

/** 纪委监委 inbox (issue 5 read model 1). */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(
    private readonly inbox: CommissionInboxQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Referrals addressed or forwarded to the caller's commission or appointing authority (supervisors: their region; auditors: all)",
    description:
      'Transfer package, situations, subjects, deadlines (acceptance 5 working days from receipt, result feedback 10 working days after handling) and overdue flags computed for today (China time).',
  })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiReadModelResponses()
  list(@Query() query: InboxQueryDto, @CurrentActor() actor: Actor): Promise<Page<InboxItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() =>
      this.inbox.list(actor, { ...filters, minPosition: positionOf(minPosition), today: todayOf(this.clock) }),
    );
  }
}
