import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CopyRecipient } from '@xj/domain';
import { OrganisationDirectory } from '@xj/composition';
import { UserStore } from '@xj/composition';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { ApiProblem } from '../http/problem';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CommandRoute } from './case-routes';
import { NameCaseHandlersDto, SendCarbonCopyDto } from './dto/case-access.dto';
import { requireOpen } from './org-checks';

/**
 * Who besides the parties reads a case: 抄送 of a referral or of a clue's supervision instrument,
 * and the named handlers of a 机密 referral. What each grants is the domain's visibility rule
 * (libs/domain/src/access); these routes only record them.
 */
@ApiTags('case access')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseAccessController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly directory: OrganisationDirectory,
    private readonly users: UserStore,
  ) {}

  @Post('clues/:id/carbon-copies')
  @CommandRoute('抄送 the supervision instrument to further organisations: they read the clue (only read)')
  copyClue(
    @CaseId() id: string,
    @Body() dto: SendCarbonCopyDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('clue', id, { type: 'SendCarbonCopy', copyTo: this.recipients(dto), note: dto.note }, ctx);
  }

  @Post('referrals/:id/carbon-copies')
  @CommandRoute('抄送 the referral to further organisations: they read it (only read)')
  copyReferral(
    @CaseId() id: string,
    @Body() dto: SendCarbonCopyDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run(
      'referral',
      id,
      { type: 'SendCarbonCopy', copyTo: this.recipients(dto), note: dto.note },
      ctx,
    );
  }

  @Post('referrals/:id/handlers')
  @CommandRoute(
    '知悉范围 of a 机密 referral: the head of an organisation working on it names its handlers (replaces its earlier list)',
  )
  nameHandlers(
    @CaseId() id: string,
    @Body() dto: NameCaseHandlersDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    // The directory says where each user works; the domain checks it after the case's own rules.
    const handlers = dto.userIds.map((userId) => ({ userId, orgId: this.users.byUserId(userId)?.orgId ?? null }));
    return this.cases.run('referral', id, { type: 'NameCaseHandlers', handlers }, ctx);
  }

  /** Organisations of the directory, with their regions (never the client's word). */
  private recipients(dto: SendCarbonCopyDto): CopyRecipient[] {
    return dto.copyTo.map(({ orgId }) => {
      const org = this.directory.get(orgId);
      if (!org) throw new ApiProblem(422, 'CASE.UNKNOWN_RECIPIENT', 'A copy recipient is not a known organisation.');
      requireOpen(this.directory, org.id);
      return { orgId: org.id, regionId: org.regionId };
    });
  }
}
