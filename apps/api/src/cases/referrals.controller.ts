import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, Clock, ExecuteCaseCommand, LoadCaseQuery, deterministicUuid } from '@xj/application';
import { Actor, ClueState, OrgRef, ReferralState, ReferralTarget, TargetKind } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OrganisationDirectory } from '../auth/organisation-directory';
import { ApiProblem } from '../http/problem';
import { CaseCommandGateway } from './case-command.gateway';
import { CaseReader } from './case-reader';
import { ApiCommandResponses, ApiCreateResponses, ApiReadResponses, CaseIdPipe } from './api-docs';
import { RaiseEscalationDto } from './dto/common.dto';
import {
  ApproveReferralDto,
  CompleteTalkOrInquiryDto,
  ConcludeVerificationDto,
  DecideDisposalDto,
  DraftReferralDto,
  FeedBackResultDto,
  FileCaseDto,
  ForwardReferralDto,
  PartiallyAcceptReferralDto,
  PublishTypicalCaseDto,
  ReceiveReferralDto,
  RecordOutcomesDto,
  RerouteReferralDto,
  ResumeShelvedDto,
  ReturnReferralDto,
  SendReferralDto,
  transferPackageOf,
} from './dto/referral.dto';
import { RectificationPlanProcess } from './rectification-plan.process';

/** 移送 — transfer of a clue's persons to the 纪委监委 or the 任免机关 (DOMAIN.md §4.2, R0–R14). */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly gateway: CaseCommandGateway,
    private readonly reader: CaseReader,
    private readonly plans: RectificationPlanProcess,
    private readonly directory: OrganisationDirectory,
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private base(actor: Actor, referralId: string) {
    return { actor, at: this.clock.now().toISOString(), referralId };
  }

  @Post()
  @ApiOperation({ summary: 'R0 Draft a referral (拟移送) with its transfer package; records the rulebook evaluation' })
  @ApiCreateResponses()
  async draft(@Body() dto: DraftReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    // The clue must be visible to the caller (404 otherwise); the domain checks its region and status.
    const clue = (await this.reader.load(actor, 'clue', dto.clueId)).state as ClueState;
    const id = dto.referralId ?? this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'referral', id, {
      type: 'DraftReferral',
      ...this.base(actor, id),
      clueId: dto.clueId,
      clue: { regionId: clue.regionId ?? '', status: clue.status },
      package: transferPackageOf(dto),
      ...(dto.conditionsMetOn !== undefined ? { conditionsMetOn: dto.conditionsMetOn } : {}),
    }, { creates: true });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one referral (current state, straight from its stream)' })
  @ApiReadResponses()
  async get(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.reader.send(res, actor, 'referral', id);
  }

  @Post(':id/approval')
  @ApiOperation({ summary: 'R1 Approve the draft (审批) — office head' })
  @ApiCommandResponses()
  async approve(@Param('id', CaseIdPipe) id: string, @Body() dto: ApproveReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'ApproveReferral', ...this.base(actor, id), ...dto });
  }

  @Post(':id/sending')
  @ApiOperation({ summary: 'R2 Send (移送) to a discipline commission or an appointing authority; recorded on the clue' })
  @ApiCommandResponses()
  async send(@Param('id', CaseIdPipe) id: string, @Body() dto: SendReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const base = this.base(actor, id);
    const target = this.target(dto.target.orgId, dto.target.kind);
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'SendReferral', ...base, target }, { after: (c) => this.recordSentOnClue(id, base.at, c) });
  }

  @Post(':id/receipt')
  @ApiOperation({ summary: 'R3 Register receipt (登记) — the holder\'s 案管室' })
  @ApiCommandResponses()
  async receive(@Param('id', CaseIdPipe) id: string, @Body() dto: ReceiveReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'ReceiveReferral', ...this.base(actor, id), ...dto });
  }

  @Post(':id/forwarding')
  @ApiOperation({ summary: 'R4 Forward (转送) to the competent commission (实施条例 art. 171(2))' })
  @ApiCommandResponses()
  async forward(@Param('id', CaseIdPipe) id: string, @Body() dto: ForwardReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const forwardTo = this.orgRef(dto.forwardTo.orgId, 'DisciplineCommission');
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'ForwardReferral', ...this.base(actor, id), forwardTo, reason: dto.reason });
  }

  @Post(':id/return')
  @ApiOperation({ summary: 'R5 Return (退回): no supervisory jurisdiction (实施条例 art. 171(4))' })
  @ApiCommandResponses()
  async returnReferral(@Param('id', CaseIdPipe) id: string, @Body() dto: ReturnReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'ReturnReferral', ...this.base(actor, id), ...dto });
  }

  @Post(':id/rerouting')
  @ApiOperation({ summary: 'R5→R2 Re-route (改送) a returned referral to the appointing authority (行政复议法 art. 85); recorded on the clue' })
  @ApiCommandResponses()
  async reroute(@Param('id', CaseIdPipe) id: string, @Body() dto: RerouteReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const base = this.base(actor, id);
    const target = this.target(dto.target.orgId, 'AppointingAuthority');
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'RerouteReferral', ...base, target }, { after: (c) => this.recordSentOnClue(id, base.at, c) });
  }

  @Post(':id/acceptance')
  @ApiOperation({ summary: 'R6 Accept (受理) for every subject' })
  @ApiCommandResponses()
  async accept(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'AcceptReferral', ...this.base(actor, id) });
  }

  @Post(':id/partial-acceptance')
  @ApiOperation({ summary: 'R6 Partially accept (部分受理, 实施条例 art. 171(3)); the other subjects go to a child referral forwarded to the competent commission' })
  @ApiCommandResponses()
  async partiallyAccept(@Param('id', CaseIdPipe) id: string, @Body() dto: PartiallyAcceptReferralDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const base = this.base(actor, id);
    const forwardTo = this.orgRef(dto.forwardTo.orgId, 'DisciplineCommission');
    const childReferralId = dto.childReferralId ?? this.gateway.newCaseId(req, actor);
    const command = { type: 'PartiallyAcceptReferral' as const, ...base, acceptedSubjectIds: dto.acceptedSubjectIds, forwardTo, childReferralId, reason: dto.reason };
    await this.gateway.run(req, res, actor, 'referral', id, command, {
      after: (c) => this.openChild(actor, base.at, id, childReferralId, forwardTo, dto.reason, c),
    });
  }

  @Post(':id/disposal')
  @ApiOperation({ summary: 'R7 Decide the disposal method (处置: 谈话函询 / 初步核实 / 暂存待查 / 予以了结) — commission head' })
  @ApiCommandResponses()
  async dispose(@Param('id', CaseIdPipe) id: string, @Body() dto: DecideDisposalDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'DecideDisposal', ...this.base(actor, id), ...dto });
  }

  @Post(':id/resumption')
  @ApiOperation({ summary: 'R10 Resume a shelved referral (暂存待查 → 初步核实) on new evidence' })
  @ApiCommandResponses()
  async resume(@Param('id', CaseIdPipe) id: string, @Body() dto: ResumeShelvedDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'ResumeShelved', ...this.base(actor, id), ...dto });
  }

  @Post(':id/talk-or-inquiry-result')
  @ApiOperation({ summary: 'R8 Complete the talk or inquiry letter (谈话函询): concluded, or problems surfaced → 初核' })
  @ApiCommandResponses()
  async talkOrInquiry(@Param('id', CaseIdPipe) id: string, @Body() dto: CompleteTalkOrInquiryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'CompleteTalkOrInquiry', ...this.base(actor, id), ...dto });
  }

  @Post(':id/case-filing')
  @ApiOperation({ summary: 'R9 File a case (立案, 监察法 art. 42) after preliminary verification' })
  @ApiCommandResponses()
  async fileCase(@Param('id', CaseIdPipe) id: string, @Body() dto: FileCaseDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'FileCase', ...this.base(actor, id), ...dto });
  }

  @Post(':id/verification-conclusion')
  @ApiOperation({ summary: 'R9 Conclude the preliminary verification without a case (初核 → 予以了结)' })
  @ApiCommandResponses()
  async concludeVerification(@Param('id', CaseIdPipe) id: string, @Body() dto: ConcludeVerificationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'ConcludeVerification', ...this.base(actor, id), ...dto });
  }

  @Post(':id/outcomes')
  @ApiOperation({ summary: 'R11 Record the outcomes per subject (处理结果, DOMAIN.md §7)' })
  @ApiCommandResponses()
  async recordOutcomes(@Param('id', CaseIdPipe) id: string, @Body() dto: RecordOutcomesDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'RecordOutcomes', ...this.base(actor, id), ...dto });
  }

  @Post(':id/result-feedback')
  @ApiOperation({ summary: 'R12 Feed the result back to the transferor (结果反馈)' })
  @ApiCommandResponses()
  async feedBack(@Param('id', CaseIdPipe) id: string, @Body() dto: FeedBackResultDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'FeedBackResult', ...this.base(actor, id), ...dto });
  }

  @Post(':id/typical-case')
  @ApiOperation({ summary: 'R13 Publish a typical case (典型案例通报), optionally anonymised' })
  @ApiCommandResponses()
  async publishTypicalCase(@Param('id', CaseIdPipe) id: string, @Body() dto: PublishTypicalCaseDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'PublishTypicalCase', ...this.base(actor, id), ...dto });
  }

  @Post(':id/closure')
  @ApiOperation({ summary: 'R14 Close (办结): needs the result fed back and the clue\'s rectification items closed or long-term' })
  @ApiCommandResponses()
  async close(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    // The rectification facts are read from the items' own streams, never taken from the client.
    const referral = (await this.reader.load(actor, 'referral', id)).state as ReferralState;
    const linkedRectification = referral.status === 'None' ? [] : await this.plans.itemSnapshots(referral.clueId);
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'CloseReferral', ...this.base(actor, id), linkedRectification });
  }

  @Post(':id/escalations')
  @ApiOperation({ summary: 'Escalate (督办: 约谈, 挂牌督办, 通报批评, 函询, 批示, 责令限期履行)' })
  @ApiCommandResponses()
  async escalate(@Param('id', CaseIdPipe) id: string, @Body() dto: RaiseEscalationDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const escalationId = dto.escalationId ?? this.gateway.newCaseId(req, actor);
    await this.gateway.run(req, res, actor, 'referral', id, { type: 'RaiseEscalation', ...this.base(actor, id), ...dto, escalationId });
  }

  /** An organisation of the directory acting in the given role, with its region (never the client's word). */
  private orgRef(orgId: string, kind: TargetKind): OrgRef {
    const org = this.directory.get(orgId);
    if (!org || org.role !== kind) throw new ApiProblem(422, 'REFERRAL.UNKNOWN_TARGET', `No ${kind} with this id is known.`);
    return { orgId: org.id, regionId: org.regionId };
  }

  private target(orgId: string, kind: TargetKind): ReferralTarget {
    return { kind, ...this.orgRef(orgId, kind) };
  }

  /**
   * R2 / 改送 → C14: the clue learns that its proposed referral went out (this stops its transfer
   * deadline). A referral the clue never proposed is skipped: the clue would reject it. The
   * command id derives from the pair, so a retry records nothing twice.
   */
  private async recordSentOnClue(referralId: string, at: string, correlationId: string): Promise<void> {
    const referral = (await this.queryBus.execute(new LoadCaseQuery('referral', referralId))).state as ReferralState;
    if (referral.status === 'None') return;
    const { clueId } = referral;
    const clue = (await this.queryBus.execute(new LoadCaseQuery('clue', clueId))).state as ClueState;
    if (!clue.referralIds.includes(referralId)) return;
    const office: Actor = { userId: 'process:referral-sent', role: 'RuleOfLawOffice', position: 'Head', orgId: referral.ownerOrgId, regionId: referral.regionId };
    await this.commandBus.execute(
      new ExecuteCaseCommand('clue', clueId, { type: 'RecordReferralSent', actor: office, at, clueId, referralId, sentAt: at }, {
        commandId: deterministicUuid(`referral-sent:${referralId}:${clueId}`),
        correlationId,
      }),
    );
  }

  /**
   * R6 部分受理 → the child referral for the forwarded subjects, opened on behalf of the same
   * commission with the parent's package, rulebook version and evaluation (the child cannot read the
   * parent's stream). The command id derives from parent and child, so a retry opens nothing twice.
   */
  private async openChild(actor: Actor, at: string, parentId: string, childId: string, forwardTo: OrgRef, reason: string, correlationId: string): Promise<void> {
    const parent = (await this.queryBus.execute(new LoadCaseQuery('referral', parentId))).state as ReferralState;
    if (parent.status === 'None' || !parent.childReferralIds.includes(childId)) return;
    const forwarded = new Set(parent.forwardedSubjectIds);
    await this.commandBus.execute(
      new ExecuteCaseCommand('referral', childId, {
        type: 'OpenForwardedReferral',
        actor,
        at,
        referralId: childId,
        parentReferralId: parentId,
        clueId: parent.clueId,
        regionId: parent.regionId,
        ownerOrgId: parent.ownerOrgId,
        package: { ...parent.package, subjects: parent.package.subjects.filter((s) => forwarded.has(s.subjectId)) },
        rulebookVersion: parent.rulebookVersion,
        evaluation: parent.evaluation,
        forwardedBy: actor.orgId,
        forwardTo,
        reason,
      }, { commandId: deterministicUuid(`open-child:${parentId}:${childId}`), correlationId }),
    );
  }
}
