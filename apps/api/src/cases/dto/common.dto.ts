import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { CADRE_RANKS, CadreRank, ESCALATION_TYPES, SUBJECT_KINDS, Subject, SubjectKind, UnitSubject } from '@xj/domain';
import { OptionalField } from '../../http/dto-decorators';

/** Limits shared by every DTO: no unbounded strings or arrays reach the domain or the store. */
export const LIMITS = { id: 100, short: 200, text: 4000, long: 20000, list: 100 } as const;
export const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const isPerson = (s: SubjectDto): boolean => s.kind !== 'Unit';

/**
 * A person (被反映人), or with `kind: 'Unit'` a unit held accountable as a unit (issue 17 item 8). A
 * person's post, rank and flags are required for a person only; sent for a unit they reach the
 * domain, which refuses them (VALIDATION.UNIT_SUBJECT_FIELDS), rather than being dropped unseen.
 */
export class SubjectDto {
  @ApiPropertyOptional({ enum: SUBJECT_KINDS, description: 'Person when absent.' })
  @OptionalField()
  @IsIn(SUBJECT_KINDS)
  kind?: SubjectKind;
  @ApiProperty({ example: 's-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) subjectId!: string;
  @ApiProperty({ example: '张某', description: "A person's name, or the unit's name." })
  @IsString()
  @Length(1, LIMITS.short)
  name!: string;
  @ApiProperty({ example: '大洼区应急管理局', description: "The person's unit; for a unit, the agency it belongs to." })
  @IsString()
  @Length(1, LIMITS.short)
  unit!: string;
  @ApiPropertyOptional({ example: '局长', description: 'Required for a person.' })
  @ValidateIf(isPerson)
  @IsString()
  @Length(1, LIMITS.short)
  post?: string;
  @ApiPropertyOptional({ enum: CADRE_RANKS, description: 'Required for a person.' })
  @ValidateIf(isPerson)
  @IsIn(CADRE_RANKS)
  cadreRank?: CadreRank;
  @ApiPropertyOptional({ description: 'Required for a person.' })
  @ValidateIf(isPerson)
  @IsBoolean()
  isPartyMember?: boolean;
  @ApiPropertyOptional({ description: 'Required for a person.' })
  @ValidateIf(isPerson)
  @IsBoolean()
  isPublicOfficial?: boolean;
}

/** The domain's subject from a validated DTO: plain data, an absent field stays absent. */
export const subjectOf = (s: SubjectDto): Subject => {
  if (s.kind === 'Unit') {
    const personOnly = {
      ...(s.post !== undefined ? { post: s.post } : {}),
      ...(s.cadreRank !== undefined ? { cadreRank: s.cadreRank } : {}),
      ...(s.isPartyMember !== undefined ? { isPartyMember: s.isPartyMember } : {}),
      ...(s.isPublicOfficial !== undefined ? { isPublicOfficial: s.isPublicOfficial } : {}),
    };
    // Kept so that the domain refuses them with VALIDATION.UNIT_SUBJECT_FIELDS.
    return { kind: 'Unit', subjectId: s.subjectId, name: s.name, unit: s.unit, ...personOnly } as UnitSubject;
  }
  // isPerson made class-validator require these.
  return {
    subjectId: s.subjectId,
    name: s.name,
    unit: s.unit,
    post: s.post!,
    cadreRank: s.cadreRank!,
    isPartyMember: s.isPartyMember!,
    isPublicOfficial: s.isPublicOfficial!,
  };
};

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
