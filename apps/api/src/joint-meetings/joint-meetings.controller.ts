import { Body, Controller, Get, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CaseKind, JointMeetingView, JointMeetings, OrgEscalations } from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import { Actor, JointMeetingCommand } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { CaseKindPipe } from '../cases/actions/case-actions.controller';
import { ApiCreateResponses, CaseId } from '../cases/api-docs';
import { CaseReader } from '../cases/case-reader';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { HttpAnswer, HttpAnswerInterceptor } from '../http/http-answer';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { ApiProblem } from '../http/problem';
import { positionOf } from '../read-models/read-model-http';
import { CaseMeetingsQueryDto, LinkMeetingDecisionDto, RecordJointMeetingDto } from './joint-meetings.dto';

const notFound = (): ApiProblem => new ApiProblem(404, 'NOT_FOUND', 'No such joint meeting.');

/**
 * 联席会议 (issue 17; DOMAIN.md §1.2 JointMeeting, seed 004): recorded by the office or the
 * commission of the region with its attendees, the cases discussed and the decisions; each decision
 * later linked to the referral sent or the escalation raised to carry it out. The cases named must
 * be ones the caller sees (404 otherwise); attending organisations come from the directory.
 */
@ApiTags('joint-meetings')
@ApiBearerAuth()
@Controller('api/v1')
export class JointMeetingsController {
  constructor(
    private readonly meetings: JointMeetings,
    private readonly reader: CaseReader,
    private readonly escalations: OrgEscalations,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Post('joint-meetings')
  @ApiOperation({
    summary: 'Record a joint meeting (联席会议) of the office and the commission',
    description:
      'Codes: 403 AUTH.*; 404 NOT_FOUND (a case the caller may not see); 409 MEETING.DUPLICATE_ID; 422 MEETING.BOTH_SIDES_REQUIRED, MEETING.CASE_NOT_DISCUSSED, MEETING.ORGANISATION_UNKNOWN, VALIDATION.*.',
  })
  @ApiCreateResponses()
  @UseInterceptors(HttpAnswerInterceptor, IdempotencyInterceptor)
  async record(@Body() dto: RecordJointMeetingDto, @CommandCtx() ctx: CommandRequestContext): Promise<HttpAnswer> {
    const organisations = dto.organisationIds.map((id) => {
      const org = this.directory.get(id);
      if (!org) throw new ApiProblem(422, 'MEETING.ORGANISATION_UNKNOWN', 'An attending organisation is not known.');
      return { orgId: org.id, role: org.role, regionId: org.regionId };
    });
    for (const c of dto.casesDiscussed) await this.reader.load(ctx.actor, c.kind, c.id);
    const meetingId = dto.meetingId ?? ctx.newId('case-id');
    const { organisationIds: _ids, meetingId: _id, regionId, ...rest } = dto;
    return this.answer(
      {
        ...rest,
        type: 'RecordJointMeeting',
        meetingId,
        regionId: regionId ?? ctx.actor.regionId,
        organisations,
        actor: ctx.actor,
        at: ctx.at,
      },
      ctx,
      201,
    );
  }

  @Post('joint-meetings/:id/links')
  @ApiOperation({
    summary: 'Link a decision to the referral sent or the escalation raised to carry it out',
    description:
      'Codes: 403 AUTH.*; 404 NOT_FOUND (no such meeting, referral or escalation the caller sees), MEETING.DECISION_NOT_FOUND; 409 MEETING.ACT_ALREADY_LINKED; 422 MEETING.ACT_DOES_NOT_FIT.',
  })
  @ApiCreateResponses()
  @UseInterceptors(HttpAnswerInterceptor, IdempotencyInterceptor)
  async link(
    @CaseId() id: string,
    @Body() dto: LinkMeetingDecisionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<HttpAnswer> {
    if (!(await this.meetings.read(ctx.actor, id))) throw notFound();
    if (dto.act.kind === 'referral') await this.reader.load(ctx.actor, 'referral', dto.act.id);
    else if (!(await this.escalations.read(ctx.actor, dto.act.id)))
      throw new ApiProblem(404, 'NOT_FOUND', 'No such escalation.');
    return this.answer(
      {
        type: 'LinkMeetingDecision',
        meetingId: id,
        decisionId: dto.decisionId,
        act: dto.act,
        actor: ctx.actor,
        at: ctx.at,
      },
      ctx,
      200,
    );
  }

  @Get('joint-meetings/:id')
  @ApiOperation({ summary: 'One joint meeting: attendees, cases discussed, decisions and their links' })
  @ApiParam({ name: 'id', example: 'jm-2026-2' })
  @ApiResponse({
    status: 200,
    description: 'The meeting.',
    schema: {
      type: 'object',
      properties: {
        meetingId: { type: 'string' },
        heldOn: { type: 'string', format: 'date' },
        decisions: { type: 'array', items: { type: 'object', additionalProperties: true } },
        links: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — no such meeting, or one the caller may not see' })
  @UseInterceptors(HttpAnswerInterceptor)
  async get(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<HttpAnswer<JointMeetingView>> {
    const view = await this.meetings.read(actor, id);
    if (!view) throw notFound();
    return new HttpAnswer(200, { etag: `"${view.revision}"` }, view);
  }

  @Get('cases/:kind/:id/meetings')
  @ApiOperation({ summary: 'The joint meetings that discussed this case, or whose decision it carried out' })
  @ApiParam({ name: 'kind', enum: ['clue', 'referral', 'rectification', 'campaign'] })
  @ApiResponse({
    status: 200,
    description: '{ meetings: [{ meetingId, heldOn, role, decisionIds }], stale }',
    schema: {
      type: 'object',
      properties: {
        meetings: { type: 'array', items: { type: 'object', additionalProperties: true } },
        stale: { type: 'boolean' },
      },
    },
  })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — no such case, or one the caller may not see' })
  async ofCase(
    @Param('kind', CaseKindPipe) kind: CaseKind,
    @CaseId() id: string,
    @Query() query: CaseMeetingsQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.reader.load(actor, kind, id);
    return this.meetings.ofCase(kind, id, positionOf(query.minPosition));
  }

  private async answer(command: JointMeetingCommand, ctx: CommandRequestContext, status: 200 | 201) {
    const outcome = await this.meetings.execute(command, {
      commandId: ctx.commandId,
      correlationId: ctx.correlationId,
      ...(ctx.requestHash === undefined ? {} : { requestHash: ctx.requestHash }),
    });
    const headers: Record<string, string> = { location: `/api/v1/joint-meetings/${command.meetingId}` };
    if (outcome.revision !== undefined) headers['etag'] = `"${outcome.revision}"`;
    if (outcome.position !== undefined) headers['x-global-position'] = String(outcome.position);
    return new HttpAnswer(
      status,
      headers,
      {
        kind: 'joint-meeting',
        id: command.meetingId,
        status: 'Recorded',
        revision: outcome.revision === undefined ? null : String(outcome.revision),
        position: outcome.position === undefined ? null : String(outcome.position),
        events: Array.from(outcome.eventTypes),
      },
      outcome.replayed,
    );
  }
}
