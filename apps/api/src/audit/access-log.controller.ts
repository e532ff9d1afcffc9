import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccessLog, AccessLogFilter, AccessLogPage, AccessTarget, mayPerform } from '@xj/application';
import { Actor } from '@xj/domain';
import { AccessLogPageDto } from './audit-views.dto';
import { CurrentActor } from '../auth/auth.guard';
import { ApiProblem } from '../http/problem';
import { AccessLogQueryDto } from './dto/audit-query.dto';
import { withRoute } from './access-log-routes';
import { ReadAuditService } from './read-audit.service';

/**
 * 查阅记录 — who read what. Auditors only; querying the log is itself a recorded read, of the case
 * asked about, or of the user (target kind `user`) when only a reader is given.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/access-log')
export class AccessLogController {
  constructor(
    private readonly log: AccessLog,
    private readonly audit: ReadAuditService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Query the access log by case (caseKind + caseId), by reader (userId), or both, within a time window (default: the last 31 days)',
  })
  @ApiOkResponse({
    type: AccessLogPageDto,
    description:
      'Entries in the order they were recorded. Follow nextCursor until it is null: a page may hold fewer than `limit` entries when the scan of one request reached its budget.',
  })
  @ApiResponse({
    status: 400,
    description:
      'AUDIT.ACCESS_LOG_QUERY — neither a case nor a reader given; AUDIT.ACCESS_LOG_CURSOR — not a cursor this API handed out',
  })
  @ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — auditors only (the attempt is recorded)' })
  @ApiResponse({ status: 429, description: "RATE_LIMITED — the caller's per-user read limit; Retry-After: seconds" })
  async query(
    @Query() query: AccessLogQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<AccessLogPage> {
    if (
      (query.caseKind === undefined) !== (query.caseId === undefined) ||
      (query.caseKind === undefined && query.userId === undefined)
    ) {
      throw new ApiProblem(400, 'AUDIT.ACCESS_LOG_QUERY', 'Give caseKind and caseId, or userId, or all three.');
    }
    const byCase: AccessTarget | undefined =
      query.caseKind !== undefined && query.caseId !== undefined
        ? { kind: query.caseKind, id: query.caseId }
        : undefined;
    const target: AccessTarget = byCase ?? { kind: 'user', id: query.userId ?? '' };
    const allowed = mayPerform(actor.role, 'access-log');
    await this.audit.record(
      req,
      actor,
      target,
      'access-log',
      allowed ? 'allowed' : 'denied',
      query.userId !== undefined && byCase ? `userId=${query.userId}` : undefined,
    );
    if (!allowed)
      throw new ApiProblem(
        403,
        'AUTH.ROLE_NOT_ALLOWED',
        'Only auditors and the audit administrator may read the access log.',
      );
    const filter: AccessLogFilter = {
      limit: query.limit ?? 100,
      ...(query.userId !== undefined ? { userId: query.userId } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    };
    const page = byCase ? await this.log.byTarget(byCase, filter) : await this.log.byReader(query.userId ?? '', filter);
    return { entries: page.entries.map(withRoute), nextCursor: page.nextCursor };
  }
}
