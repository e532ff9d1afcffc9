import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, localDateOf } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OrganisationDirectory } from '@xj/composition';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CaseReader, CaseView } from './case-reader';
import { CommandRoute, CreateRoute, ReadRoute } from './case-routes';
import { RaiseEscalationDto } from './dto/common.dto';
import { ConfirmEscalationRungDto, WaiveEscalationRungDto } from './dto/deadline.dto';
import { escalationTargetOf, requireAgencyWithin } from './org-checks';
import {
  AssignRectificationItemDto,
  CompleteLookBackDto,
  EvaluateRectificationDto,
  RectificationActDto,
  ReopenItemDto,
  ReportRectificationDto,
  ScheduleLookBackDto,
} from './dto/rectification.dto';

/** 整改事项 — one line of the rectification ledger (DOMAIN.md §4.3: 反馈—整改—评估—销号 + 回头看). */
@ApiTags('rectification-items')
@ApiBearerAuth()
@Controller('api/v1/rectification-items')
export class RectificationItemsController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly reader: CaseReader,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Post()
  @CreateRoute(
    "Assign a rectification item directly (下达整改事项, e.g. 立行立改) — supervisor; the region is the clue's",
  )
  async assign(
    @Body() dto: AssignRectificationItemDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    // The clue must be visible to the caller (404 otherwise); its region is the item's, and the
    // item's business date may not precede the clue's receipt (the case began then).
    const { state } = await this.reader.load(ctx.actor, 'clue', dto.clueId);
    const regionId = state.regionId ?? '';
    requireAgencyWithin(this.directory, dto.agencyOrgId, regionId);
    const received = state.receivedAt !== undefined ? { clueReceivedOn: localDateOf(state.receivedAt) } : {};
    return this.cases.run(
      'rectification',
      dto.itemId ?? ctx.newId('case-id'),
      { type: 'AssignRectificationItem', ...dto, regionId, ...received },
      ctx,
      { creates: true },
    );
  }

  @Get(':id')
  @ReadRoute('Read one rectification item (current state, straight from its stream)')
  get(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<CaseView<'rectification'>> {
    return this.reader.read(req, actor, 'rectification', id);
  }

  @Post(':id/start')
  @CommandRoute('Start rectification (整改) — the agency, on an assigned or reopened item')
  start(
    @CaseId() id: string,
    @Body() dto: RectificationActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'StartRectification', ...dto }, ctx);
  }

  @Post(':id/report')
  @CommandRoute('Report (落实反馈) — the agency head signs (签字背书); evidence required')
  report(
    @CaseId() id: string,
    @Body() dto: ReportRectificationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'ReportRectification', ...dto }, ctx);
  }

  @Post(':id/evaluation')
  @CommandRoute('Evaluate (评估) — supervisor; reported never means rectified')
  evaluate(
    @CaseId() id: string,
    @Body() dto: EvaluateRectificationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'EvaluateRectification', ...dto }, ctx);
  }

  @Post(':id/close-out')
  @CommandRoute('Close out (销号) — supervisor head, after a passed evaluation')
  closeOut(
    @CaseId() id: string,
    @Body() dto: RectificationActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'CloseItem', ...dto }, ctx);
  }

  @Post(':id/reopening')
  @CommandRoute('Reopen (重新整改) after a failed evaluation, with a new due date')
  reopen(
    @CaseId() id: string,
    @Body() dto: ReopenItemDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'ReopenItem', ...dto }, ctx);
  }

  @Post(':id/look-back-schedule')
  @CommandRoute('Schedule the look-back (回头看); without a date the close-out default stands')
  scheduleLookBack(
    @CaseId() id: string,
    @Body() dto: ScheduleLookBackDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'ScheduleLookBack', ...dto }, ctx);
  }

  @Post(':id/look-back')
  @CommandRoute('Complete the look-back (回头看): pass → LookBackPassed; fail → reopened')
  lookBack(
    @CaseId() id: string,
    @Body() dto: CompleteLookBackDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'CompleteLookBack', ...dto }, ctx);
  }

  @Post(':id/escalations')
  @CommandRoute('Escalate (督办: 约谈, 挂牌督办, 通报批评, 函询, 批示, 责令限期履行)')
  escalate(
    @CaseId() id: string,
    @Body() dto: RaiseEscalationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run(
      'rectification',
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
    return this.cases.run('rectification', id, { type: 'ConfirmEscalationRung', ...dto }, ctx);
  }

  @Post(':id/escalation-proposals/waiver')
  @CommandRoute("Waive the 督办 ladder's proposed rung (supervising head): the deadline's ladder ends there")
  waiveProposedRung(
    @CaseId() id: string,
    @Body() dto: WaiveEscalationRungDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'WaiveEscalationRung', ...dto }, ctx);
  }
}
