import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountabilityLedgerDocument, AccountabilityLedgerQueries, Page } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { AccountabilityLedgerPageDto, AccountabilityLedgerQueryDto } from './accountability-ledger.dto';
import { ApiReadModelResponses } from './read-model-docs';
import { positionOf, readModelQuery } from './read-model-http';

/** 追责问责台账 — accountability outside the commission (issue 17). */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1/ledgers')
export class AccountabilityLedgerController {
  constructor(private readonly accountability: AccountabilityLedgerQueries) {}

  @Get('accountability')
  @ApiOperation({
    summary:
      '追责问责台账 — 行政执法过错责任追究 / 行政错案问责: type, clue, deciding organisation, each act’s date, persons (with rank) and units held accountable with their measures (`?clueId=` lists a clue’s)',
  })
  @ApiOkResponse({ type: AccountabilityLedgerPageDto })
  @ApiReadModelResponses()
  list(
    @Query() query: AccountabilityLedgerQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<AccountabilityLedgerDocument>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() => this.accountability.list(actor, { ...filters, minPosition: positionOf(minPosition) }));
  }
}
