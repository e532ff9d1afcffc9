import { Controller, Get, Inject, Query, StreamableFile, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AdministrationLog,
  AdministrationLogCursorError,
  AdministrationLogPage,
  AdministrativeDuty,
  EVENT_STORE,
  EventStore,
  LogExportFormat,
  mayPerform,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { ApiProblem } from '../http/problem';
import { XLSX_TYPE } from '../read-models/ledger-exports';
import { AdministrationLogPageDto, AdministrationLogQueryDto, LogWindowQueryDto } from './audit-logs.dto';
import { LogExports } from './log-exports';

type FileAnswer = Promise<HttpAnswer<string | StreamableFile>>;

const requireDuty = (actor: Actor, duty: AdministrativeDuty): void => {
  if (!mayPerform(actor.role, duty))
    throw new ApiProblem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Only the audit administrator reads and exports these logs.');
};

const BUNDLE_NOTE =
  'A signed JSON bundle: the records, the heads of the streams they come from, and the instance’s signature (Ed25519 under intl, SM2 under gm); `npm run cli -- audit verify-bundle <file>` checks one.';

/** The decorators of an export route: the audit administrator only, answered through HttpAnswer. */
const LogFile = (path: string, title: string, format: LogExportFormat): MethodDecorator =>
  applyDecorators(
    Get(`${path}/export.${format === 'bundle' ? 'json' : format}`),
    ApiOperation({
      summary: `${title} as ${format === 'bundle' ? 'a signed JSON bundle' : format.toUpperCase()} (the audit administrator)`,
      description: `Recorded first as an AuditLogExported event of the administration log (who, when, which log, the window, the file's SHA-256, also sent as X-Export-SHA256). ${format === 'bundle' ? BUNDLE_NOTE : 'Chinese headers.'}`,
    }),
    ApiProduces(format === 'csv' ? 'text/csv' : format === 'xlsx' ? XLSX_TYPE : 'application/json'),
    ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } }),
    ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — the audit administrator only' }),
    ApiResponse({ status: 422, description: 'AUDIT.EXPORT_TOO_LARGE — narrow from/to' }),
    ...(format === 'bundle'
      ? [ApiResponse({ status: 503, description: 'AUDIT.SIGNING_KEY_UNAVAILABLE — no signing key here' })]
      : []),
    UseInterceptors(HttpAnswerInterceptor),
  );

/**
 * 安全审计员 — the audit administrator's logs (三员分立): the administration log (every
 * `administration-…` stream: accounts, organisations, the exports themselves) and exports of it
 * and of the access log. Nobody else reads the administration log; the case auditor keeps its
 * access-log query (access-log.controller.ts).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditLogsController {
  private readonly log: AdministrationLog;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly exports: LogExports,
  ) {
    this.log = new AdministrationLog(store);
  }

  @Get('administration-log')
  @ApiOperation({
    summary: 'The administration log in the order it was recorded, within from/to (the audit administrator)',
  })
  @ApiOkResponse({ type: AdministrationLogPageDto })
  @ApiResponse({ status: 400, description: 'AUDIT.ADMINISTRATION_LOG_CURSOR, REQUEST.VALIDATION_FAILED' })
  @ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — the audit administrator only' })
  async administrationLog(
    @CurrentActor() actor: Actor,
    @Query() query: AdministrationLogQueryDto,
  ): Promise<AdministrationLogPage> {
    requireDuty(actor, 'administration-log');
    try {
      return await this.log.page({
        limit: query.limit ?? 100,
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      });
    } catch (error) {
      if (error instanceof AdministrationLogCursorError) throw new ApiProblem(400, error.code, error.message);
      throw error;
    }
  }

  @LogFile('administration-log', 'The administration log', 'csv')
  administrationCsv(@CurrentActor() actor: Actor, @Query() q: LogWindowQueryDto): FileAnswer {
    requireDuty(actor, 'log-export');
    return this.exports.administrationLog(actor, 'csv', q);
  }

  @LogFile('administration-log', 'The administration log', 'xlsx')
  administrationXlsx(@CurrentActor() actor: Actor, @Query() q: LogWindowQueryDto): FileAnswer {
    requireDuty(actor, 'log-export');
    return this.exports.administrationLog(actor, 'xlsx', q);
  }

  @LogFile('administration-log', 'The administration log', 'bundle')
  administrationBundle(@CurrentActor() actor: Actor, @Query() q: LogWindowQueryDto): FileAnswer {
    requireDuty(actor, 'log-export');
    return this.exports.administrationLog(actor, 'bundle', q);
  }

  @LogFile('access-log', 'The access log (every reader, default: the last 31 days)', 'csv')
  accessCsv(@CurrentActor() actor: Actor, @Query() q: LogWindowQueryDto): FileAnswer {
    requireDuty(actor, 'log-export');
    return this.exports.accessLog(actor, 'csv', q);
  }

  @LogFile('access-log', 'The access log (every reader, default: the last 31 days)', 'xlsx')
  accessXlsx(@CurrentActor() actor: Actor, @Query() q: LogWindowQueryDto): FileAnswer {
    requireDuty(actor, 'log-export');
    return this.exports.accessLog(actor, 'xlsx', q);
  }

  @LogFile('access-log', 'The access log (every reader, default: the last 31 days)', 'bundle')
  accessBundle(@CurrentActor() actor: Actor, @Query() q: LogWindowQueryDto): FileAnswer {
    requireDuty(actor, 'log-export');
    return this.exports.accessLog(actor, 'bundle', q);
  }
}
