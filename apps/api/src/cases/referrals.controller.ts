import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, ForwardTarget, OrgRef, ReferralTarget, TargetKind, localDateOf } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OrganisationDirectory } from '@xj/composition';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { ApiProblem } from '../http/problem';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CaseReader, CaseView } from './case-reader';
import { CommandRoute, CreateRoute, ReadRoute } from './case-routes';
import { RaiseEscalationDto } from './dto/common.dto';
import { ConfirmEscalationRungDto, WaiveEscalationRungDto } from './dto/deadline.dto';
import {
  ApproveReferralDto,
  CompleteTalkOrInquiryDto,
  RecordTalkOrInquiryHeldDto,
  ConcludeVerificationDto,
  DecideDisposalDto,
  DraftReferralDto,
  FeedBackResultDto,
  FileCaseDto,
  ForwardReferralDto,
  PartiallyAcceptReferralDto,
  PartiallyReturnReferralDto,
  PublishTypicalCaseDto,
  ReceiveReferralDto,
  RecordOrganisationalHandlingDoneDto,
  RecordOutcomesDto,
  RerouteReferralDto,
  ResumeShelvedDto,
  ReturnReferralDto,
  SendReferralDto,
  transferPackageOf,
} from './dto/referral.dto';
import { RectificationPlanProcess } from './rectification-plan.process';
import { escalationTargetOf, requireOpen } from './org-checks';

/** 移送 — transfer of a clue's persons to the 纪委监委 or the 任免机关 (DOMAIN.md §4.2, R0–R14). */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly reader: CaseReader,
    private readonly plans: RectificationPlanProcess,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Post()
  @CreateRoute('R0 Draft a referral (拟移送) with its transfer package; records the rulebook evaluation')
  async draft(@Body() dto: DraftReferralDto, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    // The clue must be visible to the caller (404 otherwise); the domain checks its region and status.
    const { state: clue } = await this.reader.load(ctx.actor, 'clue', dto.clueId);
    const command = {
      type: 'DraftReferral' as const,
      clueId: dto.clueId,
      clue: {
        regionId: clue.regionId ?? '',
        status: clue.status,
        ...(clue.receivedAt !== undefined ? { receivedOn: localDateOf(clue.receivedAt) } : {}),
      },
      package: transferPackageOf(dto),
      ...(dto.conditionsMetOn !== undefined ? { conditionsMetOn: dto.conditionsMetOn } : {}),
    };
    return this.cases.run('referral', dto.referralId ?? ctx.newId('case-id'), command, ctx, { creates: true });
  }

  @Get(':id')
  @ReadRoute('Read one referral (current state, straight from its stream)')
  get(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<CaseView<'referral'>> {
    return this.reader.read(req, actor, 'referral', id);
  }

  @Post(':id/approval')
  @CommandRoute('R1 Approve the draft (审批) — office head')
  approve(
    @CaseId() id: string,
    @Body() dto: ApproveReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ApproveReferral', ...dto }, ctx);
  }

  @Post(':id/sending')
  @CommandRoute(
    'R2 Send (移送) to a discipline commission or an appointing authority; the clue records it shortly after (workflow)',
  )
  send(
    @CaseId() id: string,
    @Body() dto: SendReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const target = this.target(dto.target.orgId, dto.target.kind);
    const occurredOn = dto.occurredOn !== undefined ? { occurredOn: dto.occurredOn } : {};
    return this.cases.run('referral', id, { type: 'SendReferral', target, ...occurredOn }, ctx);
  }

  @Post(':id/receipt')
  @CommandRoute("R3 Register receipt (登记) — the holder's 案管室")
  receive(
    @CaseId() id: string,
    @Body() dto: ReceiveReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ReceiveReferral', ...dto }, ctx);
  }

  @Post(':id/forwarding')
  @CommandRoute('R4 Forward (转送) to the competent commission (实施条例 art. 171(2))')
  forward(
    @CaseId() id: string,
    @Body() dto: ForwardReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const forwardTo = this.orgRef(dto.forwardTo.orgId, 'DisciplineCommission');
    return this.cases.run('referral', id, { type: 'ForwardReferral', forwardTo, reason: dto.reason }, ctx);
  }

  @Post(':id/return')
  @CommandRoute('R5 Return (退回): no supervisory jurisdiction (实施条例 art. 171(4))')
  returnReferral(
    @CaseId() id: string,
    @Body() dto: ReturnReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ReturnReferral', ...dto }, ctx);
  }

  @Post(':id/rerouting')
  @CommandRoute(
    'R5→R2 Re-route (改送) a returned referral to the appointing authority (行政复议法 art. 85); the clue records it shortly after (workflow)',
  )
  reroute(
    @CaseId() id: string,
    @Body() dto: RerouteReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const target = this.target(dto.target.orgId, 'AppointingAuthority');
    return this.cases.run('referral', id, { type: 'RerouteReferral', target }, ctx);
  }

  @Post(':id/acceptance')
  @CommandRoute('R6 Accept (受理) for every subject')
  accept(@CaseId() id: string, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'AcceptReferral' }, ctx);
  }

  @Post(':id/partial-acceptance')
  @CommandRoute(
    'R6 Partially accept (部分受理, 实施条例 art. 171(3)); the other subjects go to a child referral forwarded to the competent commission or the appointing authority (任免机关), opened shortly after (workflow)',
  )
  partiallyAccept(
    @CaseId() id: string,
    @Body() dto: PartiallyAcceptReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const forwardTo = this.forwardTarget(dto.forwardTo.orgId);
    const childReferralId = dto.childReferralId ?? ctx.newId('case-id');
    const command = {
      type: 'PartiallyAcceptReferral' as const,
      acceptedSubjectIds: dto.acceptedSubjectIds,
      forwardTo,
      childReferralId,
      reason: dto.reason,
    };
    return this.cases.run('referral', id, command, ctx, {
      createdCases: [{ kind: 'referral', id: childReferralId }],
    });
  }

  @Post(':id/partial-return')
  @CommandRoute(
    '部分退回 (实施条例 art. 171(1)(4)): accept some subjects and return the others to the owning office in a child referral that opens Returned, shortly after (workflow), for the office to re-route',
  )
  partiallyReturn(
    @CaseId() id: string,
    @Body() dto: PartiallyReturnReferralDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const childReferralId = dto.childReferralId ?? ctx.newId('case-id');
    const command = {
      type: 'PartiallyReturnReferral' as const,
      returnedSubjectIds: dto.returnedSubjectIds,
      childReferralId,
      reason: dto.reason,
    };
    return this.cases.run('referral', id, command, ctx, {
      createdCases: [{ kind: 'referral', id: childReferralId }],
    });
  }

  @Post(':id/disposal')
  @CommandRoute('R7 Decide the disposal method (处置: 谈话函询 / 初步核实 / 暂存待查 / 予以了结) — commission head')
  dispose(
    @CaseId() id: string,
    @Body() dto: DecideDisposalDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'DecideDisposal', ...dto }, ctx);
  }

  @Post(':id/resumption')
  @CommandRoute('R10 Resume a shelved referral (暂存待查 → 初步核实) on new evidence')
  resume(
    @CaseId() id: string,
    @Body() dto: ResumeShelvedDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ResumeShelved', ...dto }, ctx);
  }

  @Post(':id/talk-or-inquiry-held')
  @CommandRoute(
    'R8 Record the talk held or the written reply received (谈话 / 函询回复): the conclusion is due 30 days later',
  )
  talkOrInquiryHeld(
    @CaseId() id: string,
    @Body() dto: RecordTalkOrInquiryHeldDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'RecordTalkOrInquiryHeld', ...dto }, ctx);
  }

  @Post(':id/talk-or-inquiry-result')
  @CommandRoute('R8 Complete the talk or inquiry letter (谈话函询): concluded, or problems surfaced → 初核')
  talkOrInquiry(
    @CaseId() id: string,
    @Body() dto: CompleteTalkOrInquiryDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'CompleteTalkOrInquiry', ...dto }, ctx);
  }

  @Post(':id/case-filing')
  @CommandRoute('R9 File a case (立案, 监察法 art. 42) after preliminary verification')
  fileCase(
    @CaseId() id: string,
    @Body() dto: FileCaseDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'FileCase', ...dto }, ctx);
  }

  @Post(':id/verification-conclusion')
  @CommandRoute('R9 Conclude the preliminary verification without a case (初核 → 予以了结)')
  concludeVerification(
    @CaseId() id: string,
    @Body() dto: ConcludeVerificationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ConcludeVerification', ...dto }, ctx);
  }

  @Post(':id/outcomes')
  @CommandRoute(
    'R11 Add outcomes per subject (处理结果, DOMAIN.md §7), each with its deciding body; they accumulate until complete (issue 17 §5)',
  )
  recordOutcomes(
    @CaseId() id: string,
    @Body() dto: RecordOutcomesDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'RecordOutcomes', ...dto }, ctx);
  }

  @Post(':id/outcomes-complete')
  @CommandRoute(
    'R11 → R12 Declare outcomes left open complete (处理结果已齐备): the 10-working-day feedback deadline starts (重庆 art. 20)',
  )
  completeOutcomes(@CaseId() id: string, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'CompleteOutcomes' }, ctx);
  }

  @Post(':id/result-feedback')
  @CommandRoute('R12 Feed the result back to the transferor (结果反馈)')
  feedBack(
    @CaseId() id: string,
    @Body() dto: FeedBackResultDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'FeedBackResult', ...dto }, ctx);
  }

  @Post(':id/organisational-handling-done')
  @CommandRoute(
    'Record the organisational handling (组织调整 / 组织处理) carried out: due within 1 month of the decision ([S2] 问责条例 art. 9)',
  )
  organisationalHandlingDone(
    @CaseId() id: string,
    @Body() dto: RecordOrganisationalHandlingDoneDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'RecordOrganisationalHandlingDone', ...dto }, ctx);
  }

  @Post(':id/typical-case')
  @CommandRoute('R13 Publish a typical case (典型案例通报), optionally anonymised')
  publishTypicalCase(
    @CaseId() id: string,
    @Body() dto: PublishTypicalCaseDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'PublishTypicalCase', ...dto }, ctx);
  }

  @Post(':id/closure')
  @CommandRoute("R14 Close (办结): needs the result fed back and the clue's rectification items closed or long-term")
  async close(@CaseId() id: string, @CommandCtx() ctx: CommandRequestContext): Promise<CaseCommandResult> {
    // The rectification facts are read from the items' own streams, never taken from the client.
    const { state: referral } = await this.reader.load(ctx.actor, 'referral', id);
    const linkedRectification = referral.status === 'None' ? [] : await this.plans.itemSnapshots(referral.clueId);
    return this.cases.run('referral', id, { type: 'CloseReferral', linkedRectification }, ctx);
  }

  @Post(':id/escalations')
  @CommandRoute('Escalate (督办: 约谈, 挂牌督办, 通报批评, 函询, 批示, 责令限期履行)')
  escalate(
    @CaseId() id: string,
    @Body() dto: RaiseEscalationDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run(
      'referral',
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
    return this.cases.run('referral', id, { type: 'ConfirmEscalationRung', ...dto }, ctx);
  }

  @Post(':id/escalation-proposals/waiver')
  @CommandRoute("Waive the 督办 ladder's proposed rung (supervising head): the deadline's ladder ends there")
  waiveProposedRung(
    @CaseId() id: string,
    @Body() dto: WaiveEscalationRungDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'WaiveEscalationRung', ...dto }, ctx);
  }

  /** An organisation of the directory acting in the given role, with its region (never the client's word). */
  private orgRef(orgId: string, kind: TargetKind): OrgRef {
    const org = this.directory.get(orgId);
    if (!org || org.role !== kind)
      throw new ApiProblem(422, 'REFERRAL.UNKNOWN_TARGET', `No ${kind} with this id is known.`);
    requireOpen(this.directory, org.id);
    return { orgId: org.id, regionId: org.regionId, ...(org.level ? { level: org.level } : {}) };
  }

  /**
   * The rest of a partial acceptance: a commission (sent without `kind`, as before) or a 任免机关
   * (实施条例 art. 171(3) 转送有管辖权的机关); the directory's role says which.
   */
  private forwardTarget(orgId: string): ForwardTarget {
    const kind =
      this.directory.get(orgId)?.role === 'AppointingAuthority' ? 'AppointingAuthority' : 'DisciplineCommission';
    const ref = this.orgRef(orgId, kind);
    return kind === 'AppointingAuthority' ? { ...ref, kind } : ref;
  }

  private target(orgId: string, kind: TargetKind): ReferralTarget {
    return { kind, ...this.orgRef(orgId, kind) };
  }
}
