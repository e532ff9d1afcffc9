import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, Clock } from '@xj/application';
import { Actor, regionCovers } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OrganisationDirectory } from '../auth/organisation-directory';
import { requireAgencyWithin, requireKnownRegion } from './org-checks';
import { CaseCommandGateway } from './case-command.gateway';
import { CaseReader } from './case-reader';
import { ApiCaseIdParam, ApiCommandResponses, ApiCreateResponses, CaseIdPipe } from './api-docs';
import { RaiseEscalationDto } from './dto/common.dto';
import {
  DismissClueDto,
  EvaluateClueDto,
  IssueSupervisionInstrumentDto,
  ProposeReferralDto,
  RegisterClueDto,
  StartAnalysisDto,
  StartVerificationDto,
  SubmitRectificationFeedbackDto,
  SubmitRectificationPlanDto,
} from './dto/clue.dto';
import { RectificationPlanProcess } from './rectification-plan.process';

/** 问题线索 — the clue workflow (DOMAIN.md §4.1, C1–C14). */
@ApiTags('clues')
@ApiBearerAuth()
@Controller('api/v1/clues')
export class CluesController {
  constructor(
    private readonly gateway: CaseCommandGateway,
    private readonly reader: CaseReader,
    private readonly plans: RectificationPlanProcess,
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private base(actor: Actor, clueId: string) {
    return { actor, at: this.clock.now().toISOString(), clueId };
  }

  @Post()
  @ApiOperation({ summary: 'C1 Register a clue (线索登记)' })
  @ApiCreateResponses()
  async register(@Body() dto: RegisterClueDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Outside the caller's region the decider answers 403 first; body checks only matter within it.
    if (regionCovers(actor.regionId, dto.regionId)) {
      requireKnownRegion(this.directory, dto.regionId);
      requireAgencyWithin(this.directory, dto.agency.orgId, dto.regionId);
    }
    const id = this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'RegisterClue', ...this.base(actor, id), ...dto }, { creates: true });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one clue (current state, straight from its stream)' })
  @ApiCaseIdParam()
  async get(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.reader.send(res, actor, 'clue', id);
  }

  @Post(':id/analysis')
  @ApiOperation({ summary: 'C2 Start analysis (线索分析)' })
  @ApiCommandResponses()
  async analyse(@Param('id', CaseIdPipe) id: string, @Body() dto: StartAnalysisDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'StartAnalysis', ...this.base(actor, id), ...dto });
  }

  @Post(':id/dismissal')
  @ApiOperation({ summary: 'C3/C5 Dismiss (予以了结) — head only' })
  @ApiCommandResponses()
  async dismiss(@Param('id', CaseIdPipe) id: string, @Body() dto: DismissClueDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'DismissClue', ...this.base(actor, id), ...dto });
  }

  @Post(':id/verification')
  @ApiOperation({ summary: 'C4 Start verification (问题核实) with the situations claimed; records the rulebook evaluation' })
  @ApiCommandResponses()
  async verify(@Param('id', CaseIdPipe) id: string, @Body() dto: StartVerificationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'StartVerification', ...this.base(actor, id), ...dto });
  }

  @Post(':id/supervision-instrument')
  @ApiOperation({ summary: 'C6 Issue the supervision instrument (问题监督: 意见书/决定书/反馈函) with its due date' })
  @ApiCommandResponses()
  async supervise(@Param('id', CaseIdPipe) id: string, @Body() dto: IssueSupervisionInstrumentDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'IssueSupervisionInstrument', ...this.base(actor, id), ...dto });
  }

  @Post(':id/rectification-plan')
  @ApiOperation({ summary: 'C7 Submit the rectification plan (agency head); each item becomes a rectification item' })
  @ApiCommandResponses()
  async plan(@Param('id', CaseIdPipe) id: string, @Body() dto: SubmitRectificationPlanDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const items = this.plans.withIds(req, actor, dto.items);
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'SubmitRectificationPlan', ...this.base(actor, id), items }, {
      after: () => this.plans.assignItems(id),
    });
  }

  @Post(':id/rectification-feedback')
  @ApiOperation({ summary: 'C8 Submit the rectification feedback (落实反馈, agency head signs)' })
  @ApiCommandResponses()
  async feedback(@Param('id', CaseIdPipe) id: string, @Body() dto: SubmitRectificationFeedbackDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'SubmitRectificationFeedback', ...this.base(actor, id), ...dto });
  }

  @Post(':id/evaluation-start')
  @ApiOperation({ summary: 'C9 Start the evaluation (评估)' })
  @ApiCommandResponses()
  async startEvaluation(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'StartEvaluation', ...this.base(actor, id) });
  }

  @Post(':id/evaluation')
  @ApiOperation({ summary: 'C10/C11 Evaluate: pass → 销号 (needs every rectification item closed or long-term); fail → 重新整改' })
  @ApiCommandResponses()
  async evaluate(@Param('id', CaseIdPipe) id: string, @Body() dto: EvaluateClueDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const rectificationItems = await this.plans.itemSnapshots(id);
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'EvaluateClue', ...this.base(actor, id), ...dto, rectificationItems });
  }

  @Post(':id/look-back')
  @ApiOperation({ summary: 'C12 Complete the look-back (回头看): pass → archived; fail → reopened' })
  @ApiCommandResponses()
  async lookBack(@Param('id', CaseIdPipe) id: string, @Body() dto: EvaluateClueDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'CompleteClueLookBack', ...this.base(actor, id), ...dto });
  }

  @Post(':id/referral-proposals')
  @ApiOperation({ summary: 'C14 Propose a referral (移送建议); records the rulebook evaluation' })
  @ApiCommandResponses()
  async propose(@Param('id', CaseIdPipe) id: string, @Body() dto: ProposeReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const referralId = dto.referralId ?? this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'ProposeReferral', ...this.base(actor, id), ...dto, referralId });
  }

  @Post(':id/escalations')
  @ApiOperation({ summary: 'C13 Escalate (督办: 约谈, 挂牌督办, 通报批评, 函询, 批示, 责令限期履行)' })
  @ApiCommandResponses()
  async escalate(@Param('id', CaseIdPipe) id: string, @Body() dto: RaiseEscalationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const escalationId = dto.escalationId ?? this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'clue', id, { type: 'RaiseEscalation', ...this.base(actor, id), ...dto, escalationId });
  }
}
