import { Controller, Get, Inject, Query, Req, StreamableFile, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  CLOCK,
  CLUE_LEDGER_COLUMNS,
  CORRECTED_CASE_COLUMNS,
  Clock,
  ClueLedgerItem,
  ClueLedgerQueries,
  CorrectedCaseItem,
  CorrectedCasesQueries,
  Page,
  RECTIFICATION_LEDGER_COLUMNS,
  RectificationLedgerItem,
  RectificationLedgerQueries,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { ClueLedgerPageDto, CorrectedCasesPageDto, RectificationLedgerPageDto } from './ledger-pages.dto';
import { ExportFormat, LedgerExports, XLSX_TYPE } from './ledger-exports';
import { ApiReadModelResponses } from './read-model-docs';
import { ClueLedgerQueryDto, CorrectedCasesQueryDto, RectificationLedgerQueryDto } from './read-model-query.dto';
import { positionOf, readModelQuery, requireOrderedPeriod, todayOf } from './read-model-http';

type FileAnswer = Promise<HttpAnswer<StreamableFile>>;

const CSV_SCHEMA = { type: 'string' } as const;
const XLSX_SCHEMA = { type: 'string', format: 'binary' } as const;

const FILE_NOTE =
  'Every matching row (no paging), same filters and access as the JSON ledger; Chinese headers and labels unless Accept-Language prefers English; each exported case is recorded in the access log. X-Read-Model-Stale tells whether minPosition was reached.';

/** The decorators of a ledger file route (`<ledger>/export.<format>`): answered through HttpAnswer. */
const LedgerFile = (ledger: string, title: string, format: ExportFormat): MethodDecorator =>
  applyDecorators(
    Get(`${ledger}/export.${format}`),
    ApiOperation({ summary: `${title} as ${format.toUpperCase()}. ${FILE_NOTE}` }),
    ...(format === 'csv'
      ? [
          ApiProduces('text/csv'),
          ApiOkResponse({
            description: 'text/csv (UTF-8 with BOM, header row, formula-like cells defused)',
            schema: CSV_SCHEMA,
          }),
        ]
      : [
          ApiProduces(XLSX_TYPE),
          ApiOkResponse({ description: 'An XLSX workbook, one sheet, header row frozen', schema: XLSX_SCHEMA }),
        ]),
    ApiReadModelResponses(),
    UseInterceptors(HttpAnswerInterceptor),
  );

/** The office's ledgers (issue 5 read models 2–4): 线索台账, 整改台账, 纠错案件台账 — as JSON pages, CSV and XLSX. */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1/ledgers')
export class LedgersController {
  constructor(
    private readonly clues: ClueLedgerQueries,
    private readonly rectification: RectificationLedgerQueries,
    private readonly corrected: CorrectedCasesQueries,
    private readonly exports: LedgerExports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('clues')
  @ApiOperation({
    summary:
      '线索台账 — clues with step, source, agency, situations, referral status, rectification progress and next due date (agencies: their own clues)',
  })
  @ApiOkResponse({ type: ClueLedgerPageDto })
  @ApiReadModelResponses()
  clueLedger(@Query() query: ClueLedgerQueryDto, @CurrentActor() actor: Actor): Promise<Page<ClueLedgerItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() =>
      this.clues.list(actor, { ...filters, minPosition: positionOf(minPosition), today: todayOf(this.clock) }),
    );
  }

  @LedgerFile('clues', '线索台账', 'csv')
  clueLedgerCsv(@Query() query: ClueLedgerQueryDto, @CurrentActor() actor: Actor, @Req() req: Request): FileAnswer {
    return this.clueFile(query, actor, req, 'csv');
  }

  @LedgerFile('clues', '线索台账', 'xlsx')
  clueLedgerXlsx(@Query() query: ClueLedgerQueryDto, @CurrentActor() actor: Actor, @Req() req: Request): FileAnswer {
    return this.clueFile(query, actor, req, 'xlsx');
  }

  @Get('rectification')
  @ApiOperation({
    summary:
      '整改台账 — issue, measures, deadline, responsible person, report, evaluation, 销号, look-back (agencies: their own items)',
  })
  @ApiOkResponse({ type: RectificationLedgerPageDto })
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

  @LedgerFile('rectification', '整改台账', 'csv')
  rectificationCsv(
    @Query() query: RectificationLedgerQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): FileAnswer {
    return this.rectificationFile(query, actor, req, 'csv');
  }

  @LedgerFile('rectification', '整改台账', 'xlsx')
  rectificationXlsx(
    @Query() query: RectificationLedgerQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): FileAnswer {
    return this.rectificationFile(query, actor, req, 'xlsx');
  }

  @Get('corrected-cases')
  @ApiOperation({
    summary:
      '纠错案件台账 — corrected enforcement cases for the inspection tours (巡察); `?format=csv` or `?format=xlsx` exports every matching row',
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({ type: CorrectedCasesPageDto, description: 'A page; or the file for ?format=csv|xlsx' })
  @ApiReadModelResponses()
  @UseInterceptors(HttpAnswerInterceptor)
  correctedCases(
    @Query() query: CorrectedCasesQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<Page<CorrectedCaseItem> | HttpAnswer<string | StreamableFile>> {
    if (query.format === 'csv' || query.format === 'xlsx') return this.correctedFile(query, actor, req, query.format);
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, format: _format, ...filters } = query;
    return readModelQuery(() => this.corrected.list(actor, { ...filters, minPosition: positionOf(minPosition) }));
  }

  @LedgerFile('corrected-cases', '纠错案件台账', 'csv')
  correctedCasesCsv(
    @Query() query: CorrectedCasesQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): FileAnswer {
    return this.correctedFile(query, actor, req, 'csv');
  }

  @LedgerFile('corrected-cases', '纠错案件台账', 'xlsx')
  correctedCasesXlsx(
    @Query() query: CorrectedCasesQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): FileAnswer {
    return this.correctedFile(query, actor, req, 'xlsx');
  }

  private async clueFile(query: ClueLedgerQueryDto, actor: Actor, req: Request, format: ExportFormat): FileAnswer {
    const { minPosition, limit: _limit, skip: _skip, ...filters } = query;
    const today = todayOf(this.clock);
    const rows = await readModelQuery(() =>
      this.clues.export(actor, { ...filters, minPosition: positionOf(minPosition), today }),
    );
    return this.exports.answer(req, actor, format, {
      name: 'clue-ledger',
      sheetZh: '线索台账',
      sheetEn: 'Clue ledger',
      columns: CLUE_LEDGER_COLUMNS,
      rows,
      caseKind: 'clue',
      caseOf: (c) => c.clueId,
      today,
      filters,
    });
  }

  private async rectificationFile(
    query: RectificationLedgerQueryDto,
    actor: Actor,
    req: Request,
    format: ExportFormat,
  ): FileAnswer {
    const { minPosition, limit: _limit, skip: _skip, ...filters } = query;
    const today = todayOf(this.clock);
    const rows = await readModelQuery(() =>
      this.rectification.export(actor, { ...filters, minPosition: positionOf(minPosition), today }),
    );
    return this.exports.answer(req, actor, format, {
      name: 'rectification-ledger',
      sheetZh: '整改台账',
      sheetEn: 'Rectification ledger',
      columns: RECTIFICATION_LEDGER_COLUMNS,
      rows,
      caseKind: 'rectification',
      caseOf: (i) => i.itemId,
      today,
      filters,
    });
  }

  private async correctedFile(
    query: CorrectedCasesQueryDto,
    actor: Actor,
    req: Request,
    format: ExportFormat,
  ): FileAnswer {
    requireOrderedPeriod(query.from, query.to);
    const { minPosition, format: _format, limit: _limit, skip: _skip, sort: _sort, ...filters } = query;
    const rows = await readModelQuery(() =>
      this.corrected.export(actor, { ...filters, minPosition: positionOf(minPosition) }),
    );
    return this.exports.answer(req, actor, format, {
      name: 'corrected-cases',
      sheetZh: '纠错案件台账',
      sheetEn: 'Corrected cases',
      columns: CORRECTED_CASE_COLUMNS,
      rows,
      caseKind: 'clue',
      caseOf: (c) => c.clueId,
      today: todayOf(this.clock),
      filters,
    });
  }
}
