import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NewOrganisation, OrganisationAdministration, OrganisationChange, OrganisationView } from '@xj/composition';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import {
  AddOrganisationDto,
  AdministeredOrganisationDto,
  AdministeredOrganisationListDto,
  ChangeOrganisationDto,
  CloseOrganisationDto,
} from './organisations.dto';

/**
 * 组织机构管理 — the organisations and regions, maintained by the system administrator
 * (ORGANISATION_ADMINISTRATOR_ROLES); every change is an event of `administration-organisations`,
 * and every API replica and the worker follow it. Everyone's address look-ups stay at
 * GET /api/v1/lookups/organisations.
 */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/organisations')
@ApiResponse({ status: 403, description: 'AUTH.ROLE_NOT_ALLOWED — system administrators (the list: also auditors)' })
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationAdministration) {}

  @Get()
  @ApiOperation({
    summary: 'Every organisation, closed ones too, with every name it had (system administrators and auditors)',
  })
  @ApiResponse({ status: 200, type: AdministeredOrganisationListDto })
  list(@CurrentActor() actor: Actor): AdministeredOrganisationListDto {
    return { items: this.organisations.list(actor).map((o) => ({ ...o, names: [...o.names] })) };
  }

  @Post()
  @ApiOperation({
    summary: 'Add an organisation; the first of a new region (a county) is its party committee, which adds the region',
  })
  @ApiResponse({ status: 201, type: AdministeredOrganisationDto })
  @ApiResponse({ status: 409, description: 'ORGANISATION.ID_TAKEN, ORGANISATION.CLOSED (the parent)' })
  @ApiResponse({
    status: 422,
    description:
      'ORGANISATION.INVALID, ORGANISATION.UNKNOWN_PARENT, ORGANISATION.UNKNOWN_REGION, ORGANISATION.REGION_NEEDS_PARTY_UNIT',
  })
  add(@CurrentActor() actor: Actor, @Body() dto: AddOrganisationDto): Promise<OrganisationView> {
    return this.organisations.add(actor, dto as NewOrganisation);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename (earlier acts keep the old name) and/or move to another parent or region',
  })
  @ApiResponse({ status: 200, type: AdministeredOrganisationDto })
  @ApiResponse({ status: 404, description: 'ORGANISATION.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ORGANISATION.CLOSED (moving a closed one, or under one)' })
  @ApiResponse({
    status: 422,
    description:
      'ORGANISATION.INVALID, ORGANISATION.UNKNOWN_PARENT, ORGANISATION.UNKNOWN_REGION, ORGANISATION.PARENT_CYCLE',
  })
  change(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ChangeOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.change(actor, id, dto as OrganisationChange);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close (撤销): no new case is addressed to it; its cases, accounts and history stay' })
  @ApiResponse({ status: 200, type: AdministeredOrganisationDto })
  @ApiResponse({ status: 404, description: 'ORGANISATION.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ORGANISATION.CLOSED, ORGANISATION.LAST_ADMINISTRATION' })
  close(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CloseOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.close(actor, id, dto.reason);
  }
}
