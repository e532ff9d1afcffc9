import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, regionCovers } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OrganisationDirectory } from '@xj/composition';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { escalationTargetOf, requireAgencyWithin, requireKnownRegion } from './org-checks';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CaseReader, CaseView } from './case-reader';
import { CommandRoute, CreateRoute, ReadRoute } from './case-routes';
import { RaiseEscalationDto, subjectOf } from './dto/common.dto';
import { ConfirmEscalationRungDto, WaiveEscalationRungDto } from './dto/deadline.dto';
import {
  DismissClueDto,
  EvaluateClueDto,
  IssueFollowUpInstrumentDto,
  IssueSupervisionInstrumentDto,
  ProposeReferralDto,
  PublishClueTypicalCaseDto,
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
    private readonly cases: CaseCommands,
    private readonly reader: CaseReader,
    private readonly plans: RectificationPlanProcess,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Post()
  @CreateRoute('C1 Register a clue (线索登记)')
  register(@Body() dto: RegisterClueDto, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    // Outside the caller's region the decider answers 403 first; body checks only matter within it.
    if (regionCovers(ctx.actor.regionId, dto.regionId)) {
      requireKnownRegion(this.directory, dto.regionId);
      requireAgencyWithin(this.directory, dto.agency.orgId, dto.regionId);
    }
    const { subjects, ...rest } = dto;
    const command = {
      type: 'RegisterClue' as const,
      ...rest,
      ...(subjects ? { subjects: subjects.map(subjectOf) } : {}),
    };
    return this.cases.run('clue', ctx.newId('case-id'), command, ctx, { creates: true });
  }

  @Get(':id')
  @ReadRoute('Read one clue (current state, straight from its stream)')
  get(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<CaseView<'clue'>> {
    return this.reader.read(req, actor, 'clue', id);
  }

  @Post(':id/analysis')
  @CommandRoute('C2 Start analysis (线索分析)')
  analyse(
    @CaseId() id: string,
    @Body() dto: StartAnalysisDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'StartAnalysis', ...dto }, ctx);
  }

  @Post(':id/dismissal')
  @CommandRoute('C3/C5 Dismiss (予以了结) — head only')
  dismiss(
    @CaseId() id: string,
    @Body() dto: DismissClueDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'DismissClue', ...dto }, ctx);
  }

  @Post(':id/verification')
  @CommandRoute('C4 Start verification (问题核实) with the situations claimed; records the rulebook evaluation')
  verify(
    @CaseId() id: string,
    @Body() dto: StartVerificationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'StartVerification', ...dto }, ctx);
  }

  @Post(':id/supervision-instrument')
  @CommandRoute('C6 Issue the supervision instrument (问题监督: 意见书/决定书/反馈函) with its due date')
  supervise(
    @CaseId() id: string,
    @Body() dto: IssueSupervisionInstrumentDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'IssueSupervisionInstrument', ...dto }, ctx);
  }

  @Post(':id/follow-up-instrument')
  @CommandRoute(
    'Issue a further supervision instrument (e.g. 监督决定书 after an uncorrected 监督意见书, 山东 art. 29); its period becomes the agency’s deadline',
  )
  followUpInstrument(
    @CaseId() id: string,
    @Body() dto: IssueFollowUpInstrumentDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'IssueFollowUpInstrument', ...dto }, ctx);
  }

  @Post(':id/rectification-plan')
  @CommandRoute(
    'C7 Submit the rectification plan (agency head); each item becomes a rectification item shortly after (workflow)',
  )
  plan(
    @CaseId() id: string,
    @Body() dto: SubmitRectificationPlanDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const items = this.plans.withIds(ctx, dto.items);
    const occurredOn = dto.occurredOn !== undefined ? { occurredOn: dto.occurredOn } : {};
    return this.cases.run('clue', id, { type: 'SubmitRectificationPlan', items, ...occurredOn }, ctx, {
      createdCases: items.map((item) => ({ kind: 'rectification', id: item.itemId })),
    });
  }

  @Post(':id/rectification-feedback')
  @CommandRoute('C8 Submit the rectification feedback (落实反馈, agency head signs)')
  feedback(
    @CaseId() id: string,
    @Body() dto: SubmitRectificationFeedbackDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'SubmitRectificationFeedback', ...dto }, ctx);
  }

  @Post(':id/evaluation-start')
  @CommandRoute('C9 Start the evaluation (评估)')
  startEvaluation(@CaseId() id: string, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'StartEvaluation' }, ctx);
  }

  @Post(':id/evaluation')
  @CommandRoute('C10/C11 Evaluate: pass → 销号 (needs every rectification item closed or long-term); fail → 重新整改')
  async evaluate(
    @CaseId() id: string,
    @Body() dto: EvaluateClueDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const rectificationItems = await this.plans.itemSnapshots(id);
    return this.cases.run('clue', id, { type: 'EvaluateClue', ...dto, rectificationItems }, ctx);
  }

  @Post(':id/look-back')
  @CommandRoute('C12 Complete the look-back (回头看): pass → archived; fail → reopened')
  lookBack(
    @CaseId() id: string,
    @Body() dto: EvaluateClueDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'CompleteClueLookBack', ...dto }, ctx);
  }

  @Post(':id/typical-case')
  @CommandRoute('典型案例 by the office (issue 17): a closed clue, once, by its head; anonymised on publication')
  publishTypicalCase(
    @CaseId() id: string,
    @Body() dto: PublishClueTypicalCaseDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'PublishTypicalCase', ...dto }, ctx);
  }

  @Post(':id/referral-proposals')
  @CommandRoute('C14 Propose a referral (移送建议); records the rulebook evaluation')
  propose(
    @CaseId() id: string,
    @Body() dto: ProposeReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    // The referral is drafted under this id (POST /referrals with referralId), so it is answered.
    const referralId = dto.referralId ?? ctx.newId('case-id');
    return this.cases.run('clue', id, { type: 'ProposeReferral', ...dto, referralId }, ctx, {
      createdCases: [{ kind: 'referral', id: referralId }],
    });
  }

  @Post(':id/escalations')
  @CommandRoute('C13 Escalate (督办: 约谈, 挂牌督办, 通报批评, 函询, 批示, 责令限期履行)')
  escalate(
    @CaseId() id: string,
    @Body() dto: RaiseEscalationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run(
      'clue',
      id,
      {
        type: 'RaiseEscalation',
        ...dto,
        target: escalationTargetOf(this.directory, dto.targetOrgId),
        escalationId: dto.escalationId ?? ctx.newId('case-id'),
      },
      ctx,
    );
  }
  @Post(':id/escalation-proposals/confirmation')
  @CommandRoute(
    "Confirm the 督办 ladder's proposed 函询 / 约谈 / 挂牌督办 (supervising head): it becomes an escalation",
  )
  confirmProposedRung(
    @CaseId() id: string,
    @Body() dto: ConfirmEscalationRungDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'ConfirmEscalationRung', ...dto }, ctx);
  }

  @Post(':id/escalation-proposals/waiver')
  @CommandRoute("Waive the 督办 ladder's proposed rung (supervising head): the deadline's ladder ends there")
  waiveProposedRung(
    @CaseId() id: string,
    @Body() dto: WaiveEscalationRungDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'WaiveEscalationRung', ...dto }, ctx);
  }
}
