import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { JURISDICTION_LEVELS, ROLES } from '@xj/domain';
import { OptionalField } from '../http/dto-decorators';

const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const REGION_ID = /^[a-z0-9][a-z0-9-]{0,39}(\/[a-z0-9][a-z0-9-]{0,39})?$/;

export class OrganisationNameDto {
  @ApiProperty({ example: '2026-12-07T09:00:00.000Z', description: 'From when it bore the name.' }) since!: string;
  @ApiProperty({ example: '新区应急管理局' }) zh!: string;
  @ApiProperty({ example: 'New District Emergency Management Bureau' }) en!: string;
}

export class AdministeredOrganisationDto {
  @ApiProperty({ example: 'xinqu.emergency' }) id!: string;
  @ApiProperty({ example: '新区应急管理局' }) nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ example: 'panjin/xinqu' }) regionId!: string;
  @ApiPropertyOptional({ example: 'xinqu' }) parentId?: string;
  @ApiPropertyOptional({ enum: JURISDICTION_LEVELS }) level?: string;
  @ApiProperty({ description: '撤销: no new case is addressed to it; its cases and history stay.' }) closed!: boolean;
  @ApiPropertyOptional() closedAt?: string;
  @ApiProperty({
    type: [OrganisationNameDto],
    description: 'Every name it had, oldest first (history shows the one in force then).',
  })
  names!: OrganisationNameDto[];
}

export class AdministeredOrganisationListDto {
  @ApiProperty({ type: [AdministeredOrganisationDto] }) items!: AdministeredOrganisationDto[];
}

export class AddOrganisationDto {
  @ApiProperty({ example: 'xinqu.emergency', description: 'Letters, digits, dot, dash, underscore; up to 80.' })
  @IsString()
  @Matches(ORG_ID)
  id!: string;
  @ApiProperty({ example: '新区应急管理局' }) @IsString() @Length(1, 100) nameZh!: string;
  @ApiProperty({ example: 'New District Emergency Management Bureau' }) @IsString() @Length(1, 100) nameEn!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: string;
  @ApiProperty({
    example: 'panjin/xinqu',
    description: '`city` or `city/county`. A new region begins with its party committee (role PartyLeadership).',
  })
  @IsString()
  @Matches(REGION_ID)
  regionId!: string;
  @ApiPropertyOptional({ example: 'xinqu' }) @OptionalField() @IsString() @Matches(ORG_ID) parentId?: string;
  @ApiPropertyOptional({ enum: JURISDICTION_LEVELS, description: 'Only for a unit above the city.' })
  @OptionalField()
  @IsIn(JURISDICTION_LEVELS)
  level?: string;
}

export class ChangeOrganisationDto {
  @ApiPropertyOptional({ example: '新区应急局', description: 'A rename: earlier acts keep the old name.' })
  @OptionalField()
  @IsString()
  @Length(1, 100)
  nameZh?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @Length(1, 100) nameEn?: string;
  @ApiPropertyOptional({ example: 'panjin' }) @OptionalField() @IsString() @Matches(ORG_ID) parentId?: string;
  @ApiPropertyOptional({ example: 'panjin/xinqu' }) @OptionalField() @IsString() @Matches(REGION_ID) regionId?: string;
}

export class CloseOrganisationDto {
  @ApiPropertyOptional({ example: '机构改革撤并' }) @OptionalField() @IsString() @Length(1, 500) reason?: string;
}
