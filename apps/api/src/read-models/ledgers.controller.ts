import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CLOCK,
  Clock,
  ClueLedgerItem,
  ClueLedgerQueries,
  CorrectedCasesQueries,
  Page,
  RectificationLedgerItem,
  RectificationLedgerQueries,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
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
  @ApiOperation({ summary: '线索台账 — clues with step, source, agency, situations, referral status, rectification progress and next due date (agencies: their own clues)' })
  @ApiOkResponse({ description: '{ items, total, limit, skip, stale }' })
  @ApiReadModelResponses()
  clueLedger(@Query() query: ClueLedgerQueryDto, @CurrentActor() actor: Actor): Promise<Page<ClueLedgerItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() => this.clues.list(actor, { ...filters, minPosition: positionOf(minPosition), today: todayOf(this.clock) }));
  }

  @Get('rectification')
  @ApiOperation({ summary: '整改台账 — issue, measures, deadline, responsible person, report, evaluation, 销号, look-back (agencies: their own items)' })
  @ApiOkResponse({ description: '{ items, total, limit, skip, stale }' })
  @ApiReadModelResponses()
  rectificationLedger(@Query() query: RectificationLedgerQueryDto, @CurrentActor() actor: Actor): Promise<Page<RectificationLedgerItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() => this.rectification.list(actor, { ...filters, minPosition: positionOf(minPosition), today: todayOf(this.clock) }));
  }

  @Get('corrected-cases')
  @ApiOperation({ summary: '纠错案件台账 — corrected enforcement cases for the inspection tours (巡察); `?format=csv` exports every matching row' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ items, total, limit, skip, stale }, or text/csv with a header row' })
  @ApiReadModelResponses()
  async correctedCases(@Query() query: CorrectedCasesQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    if (query.format === 'csv') return this.sendCsv(query, actor, res);
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, format: _format, ...filters } = query;
    res.status(200).json(await readModelQuery(() => this.corrected.list(actor, { ...filters, minPosition: positionOf(minPosition) })));
  }

  @Get('corrected-cases/export.csv')
  @ApiOperation({ summary: '纠错案件台账 as CSV (UTF-8 with BOM, header row; formula-like cells defused)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; X-Read-Model-Stale tells whether minPosition was reached' })
  @ApiReadModelResponses()
  async correctedCasesCsv(@Query() query: CorrectedCasesQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.sendCsv(query, actor, res);
  }

  private async sendCsv(query: CorrectedCasesQueryDto, actor: Actor, res: Response): Promise<void> {
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, format: _format, limit: _limit, skip: _skip, sort: _sort, ...filters } = query;
    const { csv, stale } = await readModelQuery(() => this.corrected.exportCsv(actor, { ...filters, minPosition: positionOf(minPosition) }));
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="corrected-cases-${todayOf(this.clock)}.csv"`)
      .setHeader('cache-control', 'no-store')
      .setHeader('x-read-model-stale', String(stale))
      // The BOM lets spreadsheet programs read the Chinese text as UTF-8.
      .send(`\uFEFF${csv}`);
  }
}
