import { Body, Controller, Get, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OrgEscalationItem, OrgEscalationQueries, OrgEscalationView, OrgEscalations, Page } from '@xj/application';
import { Actor } from '@xj/domain';
import { OrganisationDirectory } from '@xj/composition';
import { CurrentActor } from '../auth/auth.guard';
import { ApiCreateResponses, CaseId } from '../cases/api-docs';
import { flaggedDeadlinesIn } from '../cases/case-commands';
import { RaiseEscalationDto } from '../cases/dto/common.dto';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { ApiProblem } from '../http/problem';
import { ApiReadModelResponses } from '../read-models/read-model-docs';
import { positionOf, readModelQuery } from '../read-models/read-model-http';
import { ORG_ESCALATION_SCHEMA, OrgEscalationQueryDto } from './escalations.dto';

const notFound = (): ApiProblem => new ApiProblem(404, 'NOT_FOUND', 'No such escalation.');

/**
 * 督办 of an organisation, with no case (issue 15 §2): Panjin's 约谈 of a county office that
 * transfers nothing. The target is named by id; its role and region come from the organisation
 * directory, never from the body. Seen by the target, the raiser and those supervising the target.
 */
@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api/v1/escalations')
export class EscalationsController {
  constructor(
    private readonly escalations: OrgEscalations,
    private readonly queries: OrgEscalationQueries,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Raise an escalation against an organisation (督办: 函询, 约谈, 挂牌督办, 通报批评, 批示, 责令限期履行)',
    description:
      'The rule-of-law office, the justice bureau or the party leadership (批示: the leadership alone) of a region covering the target’s. ' +
      'Codes: 403 AUTH.OUTSIDE_JURISDICTION, ESCALATION.OWN_ORGANISATION, ESCALATION.TARGET_NOT_SUPERVISED (auditors, administrators, the party committee of one’s own region); ' +
      '409 ESCALATION.DUPLICATE_ID; 422 ESCALATION.TARGET_UNKNOWN, ESCALATION.PERFORM_BY_IN_PAST, VALIDATION.*.',
  })
  @ApiCreateResponses()
  @UseInterceptors(HttpAnswerInterceptor, IdempotencyInterceptor)
  async raise(@Body() dto: RaiseEscalationDto, @CommandCtx() ctx: CommandRequestContext): Promise<HttpAnswer> {
    const org = this.directory.get(dto.targetOrgId);
    const escalationId = dto.escalationId ?? ctx.newId('case-id');
    const outcome = await this.escalations.raise(
      {
        ...dto,
        type: 'RaiseOrganisationEscalation',
        escalationId,
        ...(org ? { target: { orgId: org.id, role: org.role, regionId: org.regionId } } : {}),
        actor: ctx.actor,
        at: ctx.at,
      },
      {
        commandId: ctx.commandId,
        correlationId: ctx.correlationId,
        ...(ctx.requestHash === undefined ? {} : { requestHash: ctx.requestHash }),
      },
    );
    const headers: Record<string, string> = { location: `/api/v1/escalations/${escalationId}` };
    if (outcome.revision !== undefined) headers['etag'] = `"${outcome.revision}"`;
    if (outcome.position !== undefined) headers['x-global-position'] = String(outcome.position);
    const flagged = flaggedDeadlinesIn(outcome.state);
    return new HttpAnswer(
      201,
      headers,
      {
        kind: 'escalation',
        id: escalationId,
        status: 'Raised',
        revision: outcome.revision === undefined ? null : String(outcome.revision),
        position: outcome.position === undefined ? null : String(outcome.position),
        // Array.from: the answer is stored as plain JSON (see commandAnswerOf).
        events: Array.from(outcome.eventTypes),
        ...(flagged.length > 0 ? { flaggedDeadlines: flagged.map((d) => ({ ...d })) } : {}),
      },
      outcome.replayed,
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Escalations against organisations the caller may see, newest first',
    description:
      'Those against the caller’s organisation, those it raised, and — for an office, justice bureau or party committee — those against the organisations it supervises (its region and below); auditors: all; administrators: none.',
  })
  @ApiOkResponse({
    description: '{ items, total, limit, skip, stale }',
    schema: { type: 'object', properties: { items: { type: 'array', items: ORG_ESCALATION_SCHEMA } } },
  })
  @ApiReadModelResponses()
  list(@Query() query: OrgEscalationQueryDto, @CurrentActor() actor: Actor): Promise<Page<OrgEscalationItem>> {
    const { minPosition, ...filters } = query;
    return readModelQuery(() => this.queries.list(actor, { ...filters, minPosition: positionOf(minPosition) }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One escalation against an organisation, with its history (zh + en); ETag = revision' })
  @ApiParam({ name: 'id', example: 'oe-2026-0001' })
  @ApiResponse({ status: 200, description: 'The escalation.', schema: ORG_ESCALATION_SCHEMA })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — no such escalation, or one the caller may not see' })
  @UseInterceptors(HttpAnswerInterceptor)
  async get(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<HttpAnswer<OrgEscalationView>> {
    const view = await this.escalations.read(actor, id);
    if (!view) throw notFound();
    return new HttpAnswer(200, { etag: `"${view.revision}"` }, view);
  }
}
