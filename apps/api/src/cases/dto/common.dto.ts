import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CADRE_RANKS, ESCALATION_TYPES } from '@xj/domain';
import { OptionalField } from '../../http/dto-decorators';

/** Limits shared by every DTO: no unbounded strings or arrays reach the domain or the store. */
export const LIMITS = { id: 100, short: 200, text: 4000, long: 20000, list: 100 } as const;
export const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class SubjectDto {
  @ApiProperty({ example: 's-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) subjectId!: string;
  @ApiProperty({ example: '张某' }) @IsString() @Length(1, LIMITS.short) name!: string;
  @ApiProperty({ example: '大洼区应急管理局' }) @IsString() @Length(1, LIMITS.short) unit!: string;
  @ApiProperty({ example: '局长' }) @IsString() @Length(1, LIMITS.short) post!: string;
  @ApiProperty({ enum: CADRE_RANKS }) @IsIn(CADRE_RANKS) cadreRank!: (typeof CADRE_RANKS)[number];
  @ApiProperty() @IsBoolean() isPartyMember!: boolean;
  @ApiProperty() @IsBoolean() isPublicOfficial!: boolean;
}

export class AttachmentDto {
  @ApiProperty({ example: '复议决定书' }) @IsString() @Length(1, LIMITS.short) title!: string;
  @ApiProperty({ example: 'doc://2026/0012' }) @IsString() @Length(1, LIMITS.short) documentRef!: string;
}

export class OrgRefDto {
  @ApiProperty({ example: 'panjin.ccdi' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) orgId!: string;
}

/** 督办 — the escalation overlay, on any case. */
export class RaiseEscalationDto {
  @ApiPropertyOptional({ description: 'Client-chosen id; generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  escalationId?: string;
  @ApiProperty({ enum: ESCALATION_TYPES }) @IsIn(ESCALATION_TYPES) escalationType!: (typeof ESCALATION_TYPES)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
  @ApiProperty({ example: 'dawa.emergency' })
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  targetOrgId!: string;
  @ApiPropertyOptional({ example: '2026-04-30', description: 'Required for OrderPerformance (责令限期履行).' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  performBy?: string;
}

export class SituationInputDto {
  @ApiProperty({ type: [String], example: ['FailToCorrectIllegalAct'] })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  @ArrayMaxSize(7)
  situationCodes!: string[];
  @ApiProperty({ type: [String], example: ['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF'] })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  @ArrayMaxSize(LIMITS.list)
  evidenceCodes!: string[];
  @ApiPropertyOptional({ type: [String], example: ['DerelictionOfDuty'] })
  @OptionalField()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  @ArrayMaxSize(10)
  statutoryGroundCodes?: string[];
  @ApiPropertyOptional() @OptionalField() @IsString() @Length(1, LIMITS.text) justification?: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(LIMITS.short, { each: true })
  @ArrayMaxSize(20)
  legalBasis?: string[];
}
