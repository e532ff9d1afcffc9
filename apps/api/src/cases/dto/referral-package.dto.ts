import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CLUE_SOURCES, SECRECY_LEVELS, TransferPackage } from '@xj/domain';
import { NestedArray, OptionalField } from '../../http/dto-decorators';
import { AttachmentDto, DATE_PATTERN, ID_PATTERN, LIMITS, SubjectDto, subjectOf } from './common.dto';

/** 移送材料 — the transfer package of R0 (行政复议法 art. 85: "违法的事实材料"). */
export class TransferPackageDto {
  @ApiProperty({ description: '移送函 — cover letter.' }) @IsString() @Length(1, LIMITS.text) transferLetter!: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) clueSummary!: string;
  @ApiProperty({ enum: CLUE_SOURCES }) @IsIn(CLUE_SOURCES) source!: (typeof CLUE_SOURCES)[number];
  @ApiProperty({ example: '盘复〔2026〕12号' }) @IsString() @Length(1, LIMITS.short) sourceRef!: string;
  @ApiProperty({ type: [String], example: ['FailToCorrectIllegalAct'], description: '七种情形 claimed (0..n).' })
  @IsArray()
  @ArrayMaxSize(7)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  situationCodes!: string[];
  @ApiPropertyOptional({
    type: [String],
    example: ['DerelictionOfDuty'],
    description: '贪污贿赂 / 失职渎职 (行政复议法 art. 86).',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  statutoryGroundCodes?: string[];
  @ApiProperty({ type: [SubjectDto], description: '被反映人 — at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => SubjectDto)
  subjects!: SubjectDto[];
  @ApiProperty({ description: 'Who, what, when, where, which act or decision.' })
  @IsString()
  @Length(1, LIMITS.long)
  facts!: string;
  @ApiProperty({ type: [AttachmentDto] })
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => AttachmentDto)
  evidence!: AttachmentDto[];
  @ApiProperty({ type: [String], example: ['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF'] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  evidenceCodes!: string[];
  @ApiPropertyOptional({ description: '核查报告, when the clue was verified first.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.long)
  verificationReport?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, LIMITS.short, { each: true })
  legalBasis!: string[];
  @ApiProperty({ description: "移送意见 — the transferor's opinion." })
  @IsString()
  @Length(1, LIMITS.text)
  transferorOpinion!: string;
  @ApiProperty({ example: '市委法治办 王某 0427-1234567' }) @IsString() @Length(1, LIMITS.short) contact!: string;
  @ApiProperty({ enum: SECRECY_LEVELS }) @IsIn(SECRECY_LEVELS) secrecyLevel!: (typeof SECRECY_LEVELS)[number];
  @ApiPropertyOptional({
    description: 'Required for a discretionary transfer (行政复议法 art. 85) and for situation `Other`.',
  })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.text)
  justification?: string;
}

/** R0 拟移送 — the transfer package plus the clue it is drafted from. */
export class DraftReferralDto extends TransferPackageDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  referralId?: string;
  @ApiProperty({ example: 'c-2026-0001' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) clueId!: string;
  @ApiPropertyOptional({
    example: '2026-03-02',
    description: 'When the clue met the transfer conditions (default today); the transfer deadline runs from it.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  conditionsMetOn?: string;
}

/**
 * The package as plain JSON data for the command: the event store takes JSON only, so no DTO class
 * instances and no `undefined` members (an absent optional field stays absent).
 */
export const transferPackageOf = (dto: TransferPackageDto): TransferPackage => ({
  transferLetter: dto.transferLetter,
  clueSummary: dto.clueSummary,
  source: dto.source,
  sourceRef: dto.sourceRef,
  situationCodes: [...dto.situationCodes],
  ...(dto.statutoryGroundCodes !== undefined ? { statutoryGroundCodes: [...dto.statutoryGroundCodes] } : {}),
  subjects: dto.subjects.map(subjectOf),
  facts: dto.facts,
  evidence: dto.evidence.map((e) => ({ title: e.title, documentRef: e.documentRef })),
  evidenceCodes: [...dto.evidenceCodes],
  ...(dto.verificationReport !== undefined ? { verificationReport: dto.verificationReport } : {}),
  legalBasis: [...dto.legalBasis],
  transferorOpinion: dto.transferorOpinion,
  contact: dto.contact,
  secrecyLevel: dto.secrecyLevel,
  ...(dto.justification !== undefined ? { justification: dto.justification } : {}),
});
