import { Controller, Get, Param, Query, Req, Type, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ReferralExplanation } from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { ApiCaseIdParam, CaseIdPipe } from '../cases/api-docs';
import { AsOfViewDto, HistoryViewDto, ReferralExplanationDto } from './audit-views.dto';
import { AsOfView, CaseAuditService, HistoryView } from './case-audit.service';
import { AsOfQueryDto, HistoryQueryDto } from './dto/audit-query.dto';

const HISTORY =
  'Every event in order: revision, global position, type, actor, recordedAt, business time, command/correlation/causation ids, schema and rulebook version, hash chain, description (zh/en). Recorded in the access log.';
const AS_OF =
  'The state folded from the events recorded at or before `at`, or up to `revision` (exactly one). Recorded in the access log.';

const ApiAuditResponses = (ok: Type) =>
  applyDecorators(
    ApiCaseIdParam(),
    ApiOkResponse({ type: ok }),
    ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED, AUDIT.AS_OF_POINT' }),
    ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED' }),
    ApiResponse({
      status: 404,
      description: 'NOT_FOUND — no such case, or one the caller may not see (the attempt is recorded)',
    }),
    ApiResponse({
      status: 429,
      description:
        "RATE_LIMITED — the caller's per-user read limit; Retry-After: seconds (not recorded: nothing was read)",
    }),
    ApiResponse({
      status: 503,
      description: 'AUDIT.LOG_UNAVAILABLE — the read could not be recorded, so it is not answered',
    }),
  );

/** 审计 — history, time travel and explanations of cases (issue 6). Auditors see all; others what the domain's visibility table (CASE_VISIBILITY) lets them see. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseAuditController {
  constructor(private readonly audit: CaseAuditService) {}

  @Get('clues/:id/history')
  @ApiOperation({ summary: 'History of a clue', description: HISTORY })
  @ApiAuditResponses(HistoryViewDto)
  clueHistory(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<HistoryView> {
    return this.audit.history(req, actor, 'clue', id, query);
  }

  @Get('referrals/:id/history')
  @ApiOperation({ summary: 'History of a referral', description: HISTORY })
  @ApiAuditResponses(HistoryViewDto)
  referralHistory(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<HistoryView> {
    return this.audit.history(req, actor, 'referral', id, query);
  }

  @Get('rectification-items/:id/history')
  @ApiOperation({ summary: 'History of a rectification item', description: HISTORY })
  @ApiAuditResponses(HistoryViewDto)
  itemHistory(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<HistoryView> {
    return this.audit.history(req, actor, 'rectification', id, query);
  }

  @Get('clues/:id/as-of')
  @ApiOperation({ summary: 'A clue as it stood at an instant or revision', description: AS_OF })
  @ApiAuditResponses(AsOfViewDto)
  clueAsOf(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<AsOfView> {
    return this.audit.asOf(req, actor, 'clue', id, query);
  }

  @Get('referrals/:id/as-of')
  @ApiOperation({ summary: 'A referral as it stood at an instant or revision', description: AS_OF })
  @ApiAuditResponses(AsOfViewDto)
  referralAsOf(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<AsOfView> {
    return this.audit.asOf(req, actor, 'referral', id, query);
  }

  @Get('rectification-items/:id/as-of')
  @ApiOperation({ summary: 'A rectification item as it stood at an instant or revision', description: AS_OF })
  @ApiAuditResponses(AsOfViewDto)
  itemAsOf(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<AsOfView> {
    return this.audit.asOf(req, actor, 'rectification', id, query);
  }

  @Get('campaigns/:id/history')
  @ApiOperation({ summary: 'History of a 法治督察 campaign', description: HISTORY })
  @ApiAuditResponses(HistoryViewDto)
  campaignHistory(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<HistoryView> {
    return this.audit.history(req, actor, 'campaign', id, query);
  }

  @Get('campaigns/:id/as-of')
  @ApiOperation({ summary: 'A 法治督察 campaign as it stood at an instant or revision', description: AS_OF })
  @ApiAuditResponses(AsOfViewDto)
  campaignAsOf(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<AsOfView> {
    return this.audit.asOf(req, actor, 'campaign', id, query);
  }

  @Get('accountability-cases/:id/history')
  @ApiOperation({ summary: 'History of an accountability case (追责问责)', description: HISTORY })
  @ApiAuditResponses(HistoryViewDto)
  accountabilityHistory(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<HistoryView> {
    return this.audit.history(req, actor, 'accountability', id, query);
  }

  @Get('accountability-cases/:id/as-of')
  @ApiOperation({
    summary: 'An accountability case (追责问责) as it stood at an instant or revision',
    description: AS_OF,
  })
  @ApiAuditResponses(AsOfViewDto)
  accountabilityAsOf(
    @Param('id', CaseIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<AsOfView> {
    return this.audit.asOf(req, actor, 'accountability', id, query);
  }

  @Get('referrals/:id/explanation')
  @ApiOperation({
    summary: 'Why and how a referral was made',
    description:
      'Situations matched on which evidence under the recorded rulebook version, statutory grounds, who proposed, drafted, approved and sent it, and how each deadline was computed and kept. Recorded in the access log.',
  })
  @ApiAuditResponses(ReferralExplanationDto)
  explanation(
    @Param('id', CaseIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ): Promise<ReferralExplanation> {
    return this.audit.explanation(req, actor, id);
  }
}
