import { Controller, Get, Inject, Query, StreamableFile, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AnnualReport, AnnualReportQueries, CLOCK, Clock, FIRST_REPORT_YEAR, LabelCatalogue } from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { LABEL_CATALOGUE } from '../catalogue/label-catalogue.provider';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { ApiProblem } from '../http/problem';
import {
  ANNUAL_DOCX_TYPE,
  ANNUAL_XLSX_TYPE,
  annualReportDocx,
  annualReportTitle,
  annualReportXlsx,
} from './annual-report-files';
import { AnnualReportDto, AnnualReportQueryDto } from './annual-report.dto';
import { ApiReadModelResponses } from './read-model-docs';
import { positionOf, readModelQuery, todayOf } from './read-model-http';
import { statisticsDirectory } from './statistics-directory';

const AnnualProblems = () =>
  ApiResponse({
    status: 400,
    description:
      'REPORT.YEAR_OUT_OF_RANGE — before 2000 or after the current year; REPORT.UNKNOWN_REGION — no organisation of the deployment is in that region',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

const AnnualFile = (extension: 'xlsx' | 'docx', type: string, summary: string): MethodDecorator =>
  applyDecorators(
    Get(`annual.${extension}`),
    ApiOperation({ summary }),
    ApiProduces(type),
    ApiOkResponse({ description: type, schema: { type: 'string', format: 'binary' } }),
    AnnualProblems(),
    ApiReadModelResponses(),
    UseInterceptors(HttpAnswerInterceptor),
  );

/**
 * 年度报告 / 述法报告 figures (issue 17): one business year and region, as JSON, XLSX and a DOCX
 * annex. The readers are the statistics' (the report is the statistics of the year: same rule, same 403).
 */
@ApiTags('read-models')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class AnnualReportController {
  constructor(
    private readonly reports: AnnualReportQueries,
    private readonly directory: OrganisationDirectory,
    @Inject(LABEL_CATALOGUE) private readonly labels: LabelCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('annual')
  @ApiOperation({
    summary:
      '年度报告 figures of a business year: clues by source, referrals (sent, accepted, by situation), persons by rank and outcome, accountability inside and outside the commission, rectification, look-backs, 法治督察 campaigns, typical cases; the main figures beside the previous year',
    description:
      'Every figure is the statistics figure of 1 January–31 December (GET /api/v1/statistics, the same definitions and access), or the campaigns whose period begins in the year.',
  })
  @ApiOkResponse({ type: AnnualReportDto })
  @ApiReadModelResponses()
  @AnnualProblems()
  annual(@Query() query: AnnualReportQueryDto, @CurrentActor() actor: Actor): Promise<AnnualReport> {
    return this.report(query, actor);
  }

  @AnnualFile(
    'xlsx',
    ANNUAL_XLSX_TYPE,
    '年度报告 as XLSX: the figures by section (Chinese headers), the campaigns, the definitions',
  )
  async xlsx(@Query() query: AnnualReportQueryDto, @CurrentActor() actor: Actor): Promise<HttpAnswer<StreamableFile>> {
    const report = await this.report(query, actor);
    return this.file(report, 'xlsx', ANNUAL_XLSX_TYPE, await annualReportXlsx(report, this.labels));
  }

  @AnnualFile(
    'docx',
    ANNUAL_DOCX_TYPE,
    '年度报告 as a DOCX annex (附件, GB/T 9704-2012 §8): the tables and the definitions',
  )
  async docx(@Query() query: AnnualReportQueryDto, @CurrentActor() actor: Actor): Promise<HttpAnswer<StreamableFile>> {
    const report = await this.report(query, actor);
    const author = this.directory.get(actor.orgId)?.nameZh ?? actor.orgId;
    return this.file(report, 'docx', ANNUAL_DOCX_TYPE, await annualReportDocx(report, this.labels, author));
  }

  private report(query: AnnualReportQueryDto, actor: Actor): Promise<AnnualReport> {
    const year = Number(query.year);
    const thisYear = Number(todayOf(this.clock).slice(0, 4));
    if (year < FIRST_REPORT_YEAR || year > thisYear) {
      throw new ApiProblem(400, 'REPORT.YEAR_OUT_OF_RANGE', `The year must be ${FIRST_REPORT_YEAR}–${thisYear}.`);
    }
    const regions = new Set(this.directory.organisations.map((o) => o.regionId));
    if (query.region !== undefined && !regions.has(query.region)) {
      throw new ApiProblem(400, 'REPORT.UNKNOWN_REGION', 'No organisation of the deployment is in this region.');
    }
    return readModelQuery(() =>
      this.reports.compute(actor, {
        year,
        ...(query.region !== undefined ? { region: query.region } : {}),
        ...statisticsDirectory(this.directory),
        minPosition: positionOf(query.minPosition),
      }),
    );
  }

  private file(report: AnnualReport, extension: string, type: string, bytes: Buffer): HttpAnswer<StreamableFile> {
    // RFC 6266: an ASCII fallback name, the Chinese title as filename*.
    const ascii = `annual-report-${report.year}${report.region !== undefined ? `-${report.region.replace(/\//g, '-')}` : ''}.${extension}`;
    const title = encodeURIComponent(`${annualReportTitle(report, this.labels)}.${extension}`);
    return new HttpAnswer(
      200,
      {
        'content-type': type,
        'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${title}`,
        'x-read-model-stale': String(report.stale),
      },
      new StreamableFile(bytes),
    );
  }
}
