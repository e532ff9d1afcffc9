import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, Clock } from '@xj/application';
import { Actor, ClueState } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { CaseCommandGateway } from './case-command.gateway';
import { CaseReader } from './case-reader';
import { ApiCommandResponses, ApiCreateResponses, ApiReadResponses, CaseIdPipe } from './api-docs';
import { RaiseEscalationDto } from './dto/common.dto';
import { OrganisationDirectory } from '../auth/organisation-directory';
import { requireAgencyWithin } from './org-checks';
import {
  AssignRectificationItemDto,
  CompleteLookBackDto,
  EvaluateRectificationDto,
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
    private readonly gateway: CaseCommandGateway,
    private readonly reader: CaseReader,
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private base(actor: Actor, itemId: string) {
    return { actor, at: this.clock.now().toISOString(), itemId };
  }

  @Post()
  @ApiOperation({ summary: 'Assign a rectification item directly (下达整改事项, e.g. 立行立改) — supervisor; the region is the clue\'s' })
  @ApiCreateResponses()
  async assign(@Body() dto: AssignRectificationItemDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    // The clue must be visible to the caller (404 otherwise); its region is the item's.
    const { state } = await this.reader.load(actor, 'clue', dto.clueId);
    const regionId = (state as ClueState).regionId ?? '';
    requireAgencyWithin(this.directory, dto.agencyOrgId, regionId);
    const id = dto.itemId ?? this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'AssignRectificationItem', ...this.base(actor, id), ...dto, itemId: id, regionId }, { creates: true });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one rectification item (current state, straight from its stream)' })
  @ApiReadResponses()
  async get(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.reader.send(res, actor, 'rectification', id);
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'Start rectification (整改) — the agency, on an assigned or reopened item' })
  @ApiCommandResponses()
  async start(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'StartRectification', ...this.base(actor, id) });
  }

  @Post(':id/report')
  @ApiOperation({ summary: 'Report (落实反馈) — the agency head signs (签字背书); evidence required' })
  @ApiCommandResponses()
  async report(@Param('id', CaseIdPipe) id: string, @Body() dto: ReportRectificationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'ReportRectification', ...this.base(actor, id), ...dto });
  }

  @Post(':id/evaluation')
  @ApiOperation({ summary: 'Evaluate (评估) — supervisor; reported never means rectified' })
  @ApiCommandResponses()
  async evaluate(@Param('id', CaseIdPipe) id: string, @Body() dto: EvaluateRectificationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'EvaluateRectification', ...this.base(actor, id), ...dto });
  }

  @Post(':id/close-out')
  @ApiOperation({ summary: 'Close out (销号) — supervisor head, after a passed evaluation' })
  @ApiCommandResponses()
  async closeOut(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'CloseItem', ...this.base(actor, id) });
  }

  @Post(':id/reopening')
  @ApiOperation({ summary: 'Reopen (重新整改) after a failed evaluation, with a new due date' })
  @ApiCommandResponses()
  async reopen(@Param('id', CaseIdPipe) id: string, @Body() dto: ReopenItemDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'ReopenItem', ...this.base(actor, id), ...dto });
  }

  @Post(':id/look-back-schedule')
  @ApiOperation({ summary: 'Schedule the look-back (回头看); without a date the close-out default stands' })
  @ApiCommandResponses()
  async scheduleLookBack(@Param('id', CaseIdPipe) id: string, @Body() dto: ScheduleLookBackDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'ScheduleLookBack', ...this.base(actor, id), ...dto });
  }

  @Post(':id/look-back')
  @ApiOperation({ summary: 'Complete the look-back (回头看): pass → LookBackPassed; fail → reopened' })
  @ApiCommandResponses()
  async lookBack(@Param('id', CaseIdPipe) id: string, @Body() dto: CompleteLookBackDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'CompleteLookBack', ...this.base(actor, id), ...dto });
  }

  @Post(':id/escalations')
  @ApiOperation({ summary: 'Escalate (督办: 约谈, 挂牌督办, 通报批评, 函询, 批示, 责令限期履行)' })
  @ApiCommandResponses()
  async escalate(@Param('id', CaseIdPipe) id: string, @Body() dto: RaiseEscalationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const escalationId = dto.escalationId ?? this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'rectification', id, { type: 'RaiseEscalation', ...this.base(actor, id), ...dto, escalationId });
  }
}
