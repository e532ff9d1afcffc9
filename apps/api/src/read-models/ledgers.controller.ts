import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CLOCK,
  Clock,
  ClueLedgerItem,
  ClueLedgerQueries,
  CorrectedCaseItem,
  CorrectedCasesQueries,
  Page,
  RectificationLedgerItem,
  RectificationLedgerQueries,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { ApiReadModelResponses } from './read-model-docs';
import { ClueLedgerQueryDto, CorrectedCasesQueryDto, RectificationLedgerQueryDto } from './read-model-query.dto';
import { positionOf, readModelQuery, requireOrderedPeriod, todayOf } from './read-model-http';

/** The office's ledgers (issue 5 read models 2–4): 线索台账, 整改台账, 纠错案件台账. */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1/ledgers')
export class LedgersController {
  constructor(
    private readonly clues: ClueLedgerQueries,
    private readonly rectification: RectificationLedgerQueries,
    private readonly corrected: CorrectedCasesQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('clues')
  @ApiOperation({
    summary:
      '线索台账 — clues with step, source, agency, situations, referral status, rectification progress and next due date (agencies: their own clues)',
  })
  @ApiOkResponse({ description: '{ items, total, limit, skip, stale }' })
  @ApiReadModelResponses()
  clueLedger(@Query() query: ClueLedgerQueryDto, @CurrentActor() actor: Actor): Promise<Page<ClueLedgerItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() =>
      this.clues.list(actor, { ...filters, minPosition: positionOf(minPosition), today: todayOf(this.clock) }),
    );
  }

  @Get('rectification')
  @ApiOperation({
    summary:
      '整改台账 — issue, measures, deadline, responsible person, report, evaluation, 销号, look-back (agencies: their own items)',
  })
  @ApiOkResponse({ description: '{ items, total, limit, skip, stale }' })
  @ApiReadModelResponses()
  rectificationLedger(
    @Query() query: RectificationLedgerQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<RectificationLedgerItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() =>
      this.rectification.list(actor, { ...filters, minPosition: positionOf(minPosition), today: todayOf(this.clock) }),
    );
  }

  @Get('corrected-cases')
  @ApiOperation({
    summary:
      '纠错案件台账 — corrected enforcement cases for the inspection tours (巡察); `?format=csv` exports every matching row',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ items, total, limit, skip, stale }, or text/csv with a header row' })
  @ApiReadModelResponses()
  @UseInterceptors(HttpAnswerInterceptor)
  correctedCases(
    @Query() query: CorrectedCasesQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CorrectedCaseItem> | HttpAnswer<string>> {
    if (query.format === 'csv') return this.csv(query, actor);
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, format: _format, ...filters } = query;
    return readModelQuery(() => this.corrected.list(actor, { ...filters, minPosition: positionOf(minPosition) }));
  }

  @Get('corrected-cases/export.csv')
  @ApiOperation({ summary: '纠错案件台账 as CSV (UTF-8 with BOM, header row; formula-like cells defused)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; X-Read-Model-Stale tells whether minPosition was reached' })
  @ApiReadModelResponses()
  @UseInterceptors(HttpAnswerInterceptor)
  correctedCasesCsv(@Query() query: CorrectedCasesQueryDto, @CurrentActor() actor: Actor): Promise<HttpAnswer<string>> {
    return this.csv(query, actor);
  }

  /** The file download: every matching row, with X-Read-Model-Stale telling whether minPosition was reached. */
  private async csv(query: CorrectedCasesQueryDto, actor: Actor): Promise<HttpAnswer<string>> {
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, format: _format, limit: _limit, skip: _skip, sort: _sort, ...filters } = query;
    const { csv, stale } = await readModelQuery(() =>
      this.corrected.exportCsv(actor, { ...filters, minPosition: positionOf(minPosition) }),
    );
    const headers = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="corrected-cases-${todayOf(this.clock)}.csv"`,
      'cache-control': 'no-store',
      'x-read-model-stale': String(stale),
    };
    // The BOM lets spreadsheet programs read the Chinese text as UTF-8.
    return new HttpAnswer(200, headers, `\uFEFF${csv}`);
  }
}
