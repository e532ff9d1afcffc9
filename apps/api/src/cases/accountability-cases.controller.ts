import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, DecidingOrganisation } from '@xj/domain';
import { OrganisationDirectory } from '@xj/composition';
import { CurrentActor } from '../auth/auth.guard';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { CaseId } from './api-docs';
import { CaseCommandResult, CaseCommands } from './case-commands';
import { CaseReader, CaseView } from './case-reader';
import { CommandRoute, CreateRoute, ReadRoute } from './case-routes';
import { subjectOf } from './dto/common.dto';
import { requireKnownRegion } from './org-checks';
import {
  AccountabilityActDto,
  DecideAccountabilityDto,
  OpenAccountabilityCaseDto,
  WithdrawAccountabilityDto,
} from './dto/accountability.dto';

/**
 * 追责问责 — accountability outside the commission (issue 17): 行政执法过错责任追究 and 行政错案问责,
 * decided by the justice bureau or the agency itself; 立项 → 调查 → 决定 → 执行 → 归档.
 */
@ApiTags('accountability-cases')
@ApiBearerAuth()
@Controller('api/v1/accountability-cases')
export class AccountabilityCasesController {
  constructor(
    private readonly cases: CaseCommands,
    private readonly reader: CaseReader,
    private readonly directory: OrganisationDirectory,
  ) {}

  @Post()
  @CreateRoute(
    '立项 — open an accountability case (justice bureau, the agency itself, rule-of-law office); on a clue it takes the clue’s region',
  )
  async open(
    @Body() dto: OpenAccountabilityCaseDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    // A linked clue must be visible to the caller (404 otherwise); its region is the case's. Without
    // one, the region named must be known (the decider checks it lies within the opener's).
    if (dto.clueId === undefined && dto.regionId !== undefined) requireKnownRegion(this.directory, dto.regionId);
    const regionId =
      dto.clueId === undefined
        ? (dto.regionId ?? ctx.actor.regionId)
        : ((await this.reader.load(ctx.actor, 'clue', dto.clueId)).state.regionId ?? ctx.actor.regionId);
    const org = this.directory.get(dto.decidingOrgId ?? ctx.actor.orgId);
    const decidingOrg: DecidingOrganisation | undefined = org && {
      orgId: org.id,
      role: org.role,
      regionId: org.regionId,
    };
    const { decidingOrgId: _named, ...rest } = dto;
    return this.cases.run(
      'accountability',
      dto.accountabilityId ?? ctx.newId('case-id'),
      { type: 'OpenAccountabilityCase', ...rest, regionId, decidingOrg },
      ctx,
      { creates: true },
    );
  }

  @Get(':id')
  @ReadRoute('Read one accountability case (current state, straight from its stream)')
  get(@CaseId() id: string, @CurrentActor() actor: Actor, @Req() req: Request): Promise<CaseView<'accountability'>> {
    return this.reader.read(req, actor, 'accountability', id);
  }

  @Post(':id/investigation')
  @CommandRoute('调查 — the deciding organisation starts the investigation')
  investigate(
    @CaseId() id: string,
    @Body() dto: AccountabilityActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('accountability', id, { type: 'StartAccountabilityInvestigation', ...dto }, ctx);
  }

  @Post(':id/decision')
  @CommandRoute(
    '决定 — the deciding organisation’s head: persons (with cadre rank) and units held accountable, and measures',
  )
  decide(
    @CaseId() id: string,
    @Body() dto: DecideAccountabilityDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    const held = dto.held.map((h) => ({ subject: subjectOf(h.subject), measureCodes: h.measureCodes }));
    return this.cases.run('accountability', id, { type: 'DecideAccountability', ...dto, held }, ctx);
  }

  @Post(':id/execution')
  @CommandRoute('执行 — the measures were carried out')
  execute(
    @CaseId() id: string,
    @Body() dto: AccountabilityActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('accountability', id, { type: 'RecordAccountabilityExecuted', ...dto }, ctx);
  }

  @Post(':id/archiving')
  @CommandRoute('归档 — after execution, or after a withdrawal')
  archive(
    @CaseId() id: string,
    @Body() dto: AccountabilityActDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('accountability', id, { type: 'ArchiveAccountability', ...dto }, ctx);
  }

  @Post(':id/withdrawal')
  @CommandRoute('撤销立项 / 不予追究 — before a decision, by the deciding organisation’s head, with a reason')
  withdraw(
    @CaseId() id: string,
    @Body() dto: WithdrawAccountabilityDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<CaseCommandResult> {
    return this.cases.run('accountability', id, { type: 'WithdrawAccountability', ...dto }, ctx);
  }
}
