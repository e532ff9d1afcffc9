import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignFigures, CampaignFiguresQueries } from '@xj/application';
import type { Request } from 'express';
import { Actor, SupervisedUnit } from '@xj/domain';
import { OrganisationDirectory } from '@xj/composition';
import { CurrentActor } from '../auth/auth.guard';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { ApiProblem } from '../http/problem';
import { ApiReadModelResponses } from '../read-models/read-model-docs';
import { positionOf } from '../read-models/read-model-http';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CaseReader, CaseView } from './case-reader';
import { CommandRoute, CreateRoute, ReadRoute } from './case-routes';
import {
  CampaignActDto,
  CampaignFiguresQueryDto,
  IssueCampaignCircularDto,
  IssueCampaignFeedbackDto,
  PlanCampaignDto,
  RecordCampaignFindingDto,
} from './dto/campaign.dto';

/** 法治督察 — a campaign over several supervised units (issue 17; DOMAIN.md §8 蓬江, 毕节). */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly reader: CaseReader,
    private readonly directory: OrganisationDirectory,
    private readonly figuresQueries: CampaignFiguresQueries,
  ) {}

  @Post()
  @CreateRoute('Plan a 法治督察 campaign (督察方案) — office head: period, teams, topics, supervised units')
  plan(@Body() dto: PlanCampaignDto, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    const { unitOrgIds, campaignId, regionId, ...rest } = dto;
    return this.cases.run(
      'campaign',
      campaignId ?? ctx.newId('case-id'),
      {
        type: 'PlanCampaign',
        ...rest,
        regionId: regionId ?? ctx.actor.regionId,
        units: unitOrgIds.map((id) => this.unitOf(id)),
      },
      ctx,
      { creates: true },
    );
  }

  @Get(':id')
  @ReadRoute('Read one campaign (current state, straight from its stream)')
  get(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<CaseView<'campaign'>> {
    return this.reader.read(req, actor, 'campaign', id);
  }

  @Get(':id/figures')
  @ApiOperation({
    summary: 'Campaign figures: units inspected, findings, feedback opinions, clues, referrals, rectified',
    description:
      'From the campaign-figures read model: the campaign and the clues its findings opened (their referrals sent, their close-outs). 404 for a campaign the caller may not see.',
  })
  @ApiOkResponse({
    description: '{ figures, stale }',
    schema: {
      type: 'object',
      properties: {
        figures: { type: 'object', nullable: true, additionalProperties: true },
        stale: { type: 'boolean' },
      },
    },
  })
  @ApiReadModelResponses()
  async figures(
    @CaseId() id: string,
    @Query() query: CampaignFiguresQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<CampaignFigures> {
    await this.reader.load(actor, 'campaign', id);
    return this.figuresQueries.get(id, positionOf(query.minPosition));
  }

  @Post(':id/start')
  @CommandRoute('Start the inspection (进驻督察) — the planning office')
  start(
    @CaseId() id: string,
    @Body() dto: CampaignActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('campaign', id, { type: 'StartCampaign', ...dto }, ctx);
  }

  @Post(':id/findings')
  @CommandRoute('Record a finding at a supervised unit (督察发现) — it opens a clue linked to the campaign')
  recordFinding(
    @CaseId() id: string,
    @Body() dto: RecordCampaignFindingDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const clueId = dto.clueId ?? ctx.newId('case-id');
    return this.cases.run(
      'campaign',
      id,
      { type: 'RecordCampaignFinding', ...dto, findingId: dto.findingId ?? clueId, clueId },
      ctx,
      { createdCases: [{ kind: 'clue', id: clueId }] },
    );
  }

  @Post(':id/feedback')
  @CommandRoute('Issue the feedback opinion to one unit (督察反馈意见) — one per unit')
  issueFeedback(
    @CaseId() id: string,
    @Body() dto: IssueCampaignFeedbackDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('campaign', id, { type: 'IssueCampaignFeedback', ...dto }, ctx);
  }

  @Post(':id/circular')
  @CommandRoute('Issue the inspection circular (督察通报) — once every unit has its feedback')
  issueCircular(
    @CaseId() id: string,
    @Body() dto: IssueCampaignCircularDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('campaign', id, { type: 'IssueCampaignCircular', ...dto }, ctx);
  }

  @Post(':id/close')
  @CommandRoute('Close the campaign (办结) — office head, after the circular')
  close(
    @CaseId() id: string,
    @Body() dto: CampaignActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('campaign', id, { type: 'CloseCampaign', ...dto }, ctx);
  }

  /** A supervised unit is an enforcement agency the directory knows; its region is checked by the domain. */
  private unitOf(orgId: string): SupervisedUnit {
    const org = this.directory.get(orgId);
    if (!org || org.role !== 'EnforcementAgency') {
      throw new ApiProblem(422, 'ORGANISATION.NOT_AN_AGENCY', 'A supervised unit is not a known enforcement agency.');
    }
    return { orgId: org.id, name: org.nameZh, regionId: org.regionId };
  }
}
