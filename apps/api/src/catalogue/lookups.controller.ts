import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AUDIT_DOMAIN_CONFIG } from '@xj/application';
import { OrganisationDirectory, UserStore } from '@xj/composition';
import { Actor, DomainConfig, OUTCOME_CATALOGUE, ROLES, Role, regionCovers } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OptionalField } from '../http/dto-decorators';
import { ApiReadModelResponses } from '../read-models/read-model-docs';
import {
  ColleagueLookupDto,
  OrganisationLookupDto,
  OutcomeLookupDto,
  RegionLookupDto,
  RulebookLookupDto,
} from './catalogue.dto';

export class OrganisationLookupQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only organisations acting in this role.' })
  @OptionalField()
  @IsIn(ROLES)
  role?: Role;
}

/**
 * What the forms choose from (issue 16): the active rulebook's situations and evidence, the
 * outcome catalogue, the organisations and regions the caller may address, and the caller's
 * colleagues. Reference data, readable by every signed-in user; nothing here names a case.
 */
@ApiTags('lookups')
@ApiBearerAuth()
@Controller('api/v1/lookups')
export class LookupsController {
  constructor(
    @Inject(AUDIT_DOMAIN_CONFIG) private readonly domainConfig: DomainConfig,
    private readonly directory: OrganisationDirectory,
    private readonly users: UserStore,
  ) {}

  @Get('situations')
  @ApiOperation({
    summary: '七种情形 — the situations, evidence checklists and statutory grounds of the rulebook in force',
  })
  @ApiOkResponse({ type: RulebookLookupDto })
  @ApiReadModelResponses()
  situations(): RulebookLookupDto {
    const book = this.domainConfig.currentRulebook;
    return {
      version: book.version,
      effectiveFrom: book.effectiveFrom,
      situations: book.rules.map((r) => ({ ...r, legalBasis: [...r.legalBasis], evidence: [...r.evidence] })),
      statutoryGrounds: book.statutoryGrounds.map((g) => ({ ...g, legalBasis: [...g.legalBasis] })),
    };
  }

  @Get('outcomes')
  @ApiOperation({ summary: '处理结果目录 — the outcome catalogue (DOMAIN.md §7), lightest first' })
  @ApiOkResponse({ type: OutcomeLookupDto })
  @ApiReadModelResponses()
  outcomes(): OutcomeLookupDto {
    return { outcomes: OUTCOME_CATALOGUE.map((o) => ({ ...o, legalBasis: [...o.legalBasis] })) };
  }

  @Get('organisations')
  @ApiOperation({
    summary:
      'Organisations the caller may address: those of its own region and the regions below it, and those of the regions above it (e.g. the city commission for county-level cadres)',
  })
  @ApiOkResponse({ type: OrganisationLookupDto })
  @ApiReadModelResponses()
  organisations(@Query() query: OrganisationLookupQueryDto, @CurrentActor() actor: Actor): OrganisationLookupDto {
    const organisations = this.directory.organisations
      .filter(
        (o) =>
          regionCovers(actor.regionId, o.regionId) ||
          regionCovers(o.regionId, actor.regionId) ||
          // The province is above every region of the deployment (厅局级 cadres go there, Decision 5).
          o.level === 'Province',
      )
      .filter((o) => query.role === undefined || o.role === query.role)
      // A closed organisation (撤销) takes no new case: it is not offered as an address.
      .filter((o) => !this.directory.isClosed(o.id))
      .map((o) => ({ ...o }));
    return { organisations };
  }

  @Get('regions')
  @ApiOperation({ summary: "The caller's region and the regions below it, with their names" })
  @ApiOkResponse({ type: RegionLookupDto })
  @ApiReadModelResponses()
  regions(@CurrentActor() actor: Actor): RegionLookupDto {
    const regions = this.directory
      .regions()
      .filter((r) => regionCovers(actor.regionId, r.id))
      .map((r) => ({ ...r, level: r.id.includes('/') ? 'County' : 'City' }));
    return { regions };
  }

  @Get('users')
  @ApiOperation({
    summary:
      "The users of the caller's organisation: id, name, role and position (no login names, no secrets). Empty where an external identity provider keeps the users.",
  })
  @ApiOkResponse({ type: ColleagueLookupDto })
  @ApiReadModelResponses()
  colleagues(@CurrentActor() actor: Actor): ColleagueLookupDto {
    const users = this.users
      .inOrganisation(actor.orgId)
      .map(({ userId, displayName, role, position }) => ({ userId, displayName, role, position }));
    return { orgId: actor.orgId, users };
  }
}
