import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CaseKind } from '@xj/application';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CommandRoute } from './case-routes';
import {
  ApproveDeadlineExtensionDto,
  PauseDeadlineDto,
  RefuseDeadlineExtensionDto,
  RequestDeadlineExtensionDto,
  ResumeDeadlineDto,
} from './dto/deadline.dto';

const REQUEST = '延期申请 — request an extension of one open deadline (the party bearing it)';
const APPROVE = "Approve an extension request (the supervising head; the holding commission's head for its periods)";
const REFUSE = 'Refuse an extension request, with a reason (the supervising head)';
const PAUSE = '中止 — pause one open deadline (the supervising head); the working days left are kept';
const RESUME = '恢复 — resume a paused deadline: the working days left run from today (the supervising head)';

/**
 * 延期申请 and 中止/恢复 on the open deadlines of clues, referrals and rectification items (issue 15
 * §2). One controller for the three kinds: the routes are the same, the deciders say who may.
 */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseDeadlinesController {
  constructor(private readonly cases: CaseCommands) {}

  @Post('clues/:id/deadline-extensions')
  @CommandRoute(REQUEST)
  requestOnClue(
    @CaseId() id: string,
    @Body() dto: RequestDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.request('clue', id, dto, ctx);
  }

  @Post('clues/:id/deadline-extension-approvals')
  @CommandRoute(APPROVE)
  approveOnClue(
    @CaseId() id: string,
    @Body() dto: ApproveDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'ApproveDeadlineExtension', ...dto }, ctx);
  }

  @Post('clues/:id/deadline-extension-refusals')
  @CommandRoute(REFUSE)
  refuseOnClue(
    @CaseId() id: string,
    @Body() dto: RefuseDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'RefuseDeadlineExtension', ...dto }, ctx);
  }

  @Post('clues/:id/deadline-pauses')
  @CommandRoute(PAUSE)
  pauseOnClue(
    @CaseId() id: string,
    @Body() dto: PauseDeadlineDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'PauseDeadline', ...dto }, ctx);
  }

  @Post('clues/:id/deadline-resumptions')
  @CommandRoute(RESUME)
  resumeOnClue(
    @CaseId() id: string,
    @Body() dto: ResumeDeadlineDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'ResumeDeadline', ...dto }, ctx);
  }

  @Post('referrals/:id/deadline-extensions')
  @CommandRoute(REQUEST)
  requestOnReferral(
    @CaseId() id: string,
    @Body() dto: RequestDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.request('referral', id, dto, ctx);
  }

  @Post('referrals/:id/deadline-extension-approvals')
  @CommandRoute(APPROVE)
  approveOnReferral(
    @CaseId() id: string,
    @Body() dto: ApproveDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ApproveDeadlineExtension', ...dto }, ctx);
  }

  @Post('referrals/:id/deadline-extension-refusals')
  @CommandRoute(REFUSE)
  refuseOnReferral(
    @CaseId() id: string,
    @Body() dto: RefuseDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'RefuseDeadlineExtension', ...dto }, ctx);
  }

  @Post('referrals/:id/deadline-pauses')
  @CommandRoute(PAUSE)
  pauseOnReferral(
    @CaseId() id: string,
    @Body() dto: PauseDeadlineDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'PauseDeadline', ...dto }, ctx);
  }

  @Post('referrals/:id/deadline-resumptions')
  @CommandRoute(RESUME)
  resumeOnReferral(
    @CaseId() id: string,
    @Body() dto: ResumeDeadlineDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('referral', id, { type: 'ResumeDeadline', ...dto }, ctx);
  }

  @Post('rectification-items/:id/deadline-extensions')
  @CommandRoute(REQUEST)
  requestOnItem(
    @CaseId() id: string,
    @Body() dto: RequestDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.request('rectification', id, dto, ctx);
  }

  @Post('rectification-items/:id/deadline-extension-approvals')
  @CommandRoute(APPROVE)
  approveOnItem(
    @CaseId() id: string,
    @Body() dto: ApproveDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'ApproveDeadlineExtension', ...dto }, ctx);
  }

  @Post('rectification-items/:id/deadline-extension-refusals')
  @CommandRoute(REFUSE)
  refuseOnItem(
    @CaseId() id: string,
    @Body() dto: RefuseDeadlineExtensionDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'RefuseDeadlineExtension', ...dto }, ctx);
  }

  @Post('rectification-items/:id/deadline-pauses')
  @CommandRoute(PAUSE)
  pauseOnItem(
    @CaseId() id: string,
    @Body() dto: PauseDeadlineDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'PauseDeadline', ...dto }, ctx);
  }

  @Post('rectification-items/:id/deadline-resumptions')
  @CommandRoute(RESUME)
  resumeOnItem(
    @CaseId() id: string,
    @Body() dto: ResumeDeadlineDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('rectification', id, { type: 'ResumeDeadline', ...dto }, ctx);
  }

  /** The request id is the client's, or derived from the Idempotency-Key so a retry names the same request. */
  private request(
    kind: CaseKind,
    id: string,
    dto: RequestDeadlineExtensionDto,
    ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const input = {
      type: 'RequestDeadlineExtension' as const,
      ...dto,
      requestId: dto.requestId ?? ctx.newId('case-id'),
    };
    return this.cases.run(kind, id, input, ctx);
  }
}
