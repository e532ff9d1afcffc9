import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { NestedArray, OptionalField } from '../../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS } from './common.dto';

const BUSINESS_DATE =
  '业务日期: the day it happened (default today; not after today nor before the campaign was planned). Statistics count it on it.';

/** 督察组 */
export class InspectionTeamDto {
  @ApiProperty({ example: '第一督察组' }) @IsString() @Length(1, LIMITS.short) name!: string;
  @ApiProperty({ description: '组长' }) @IsString() @Length(1, LIMITS.short) lead!: string;
  @ApiProperty({ type: [String], description: '组员' })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.short, { each: true })
  members!: string[];
}

/** 督察方案 — the office head plans a 法治督察 campaign. */
export class PlanCampaignDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  campaignId?: string;
  @ApiPropertyOptional({ example: 'panjin/dawa', description: "The campaign's region; default the office's own." })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  regionId?: string;
  @ApiProperty({ example: '2025年度法治督察' }) @IsString() @Length(1, LIMITS.short) title!: string;
  @ApiProperty({ example: '2025-03-01' }) @Matches(DATE_PATTERN) periodFrom!: string;
  @ApiProperty({ example: '2025-06-30' }) @Matches(DATE_PATTERN) periodTo!: string;
  @ApiProperty({ type: [InspectionTeamDto] })
  @NestedArray(() => InspectionTeamDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  teams!: InspectionTeamDto[];
  @ApiProperty({ type: [String], description: '督察专题' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.short, { each: true })
  topics!: string[];
  @ApiProperty({
    type: [String],
    example: ['dawa.emergency'],
    description: '被督察单位 — enforcement agencies of the region.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.id, { each: true })
  @Matches(ID_PATTERN, { each: true })
  unitOrgIds!: string[];
  @ApiPropertyOptional({ example: '2025-03-01', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** Read-your-writes on the figures. */
export class CampaignFiguresQueryDto {
  @ApiPropertyOptional({
    description:
      'Read-your-writes: the X-Global-Position a command returned. Waits up to 2 s; the body says `stale` if the read model is still behind.',
    example: '1042',
  })
  @OptionalField()
  @Matches(/^\d{1,20}$/)
  minPosition?: string;
}

/** A dated act without other input: start, close. */
export class CampaignActDto {
  @ApiPropertyOptional({ example: '2025-03-02', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** 督察发现 — a finding at one unit; it opens a clue linked to the campaign. */
export class RecordCampaignFindingDto {
  @ApiPropertyOptional({ description: 'Default: the id of the clue it opens.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  findingId?: string;
  @ApiProperty({ example: 'dawa.emergency', description: 'One of the supervised units.' })
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  unitOrgId!: string;
  @ApiPropertyOptional({ description: 'One of the campaign topics.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.short)
  topic?: string;
  @ApiProperty({ description: '问题描述 — becomes the clue summary.' })
  @IsString()
  @Length(1, LIMITS.text)
  summary!: string;
  @ApiPropertyOptional({ description: 'The id of the clue it opens; generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  clueId?: string;
  @ApiPropertyOptional({ example: '2025-03-03', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** 督察反馈意见 — to one unit. */
export class IssueCampaignFeedbackDto {
  @ApiProperty({ example: 'dawa.emergency' })
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  unitOrgId!: string;
  @ApiProperty({ example: '蓬法督反〔2025〕1号', description: '文号' })
  @IsString()
  @Length(1, LIMITS.id)
  documentNo!: string;
  @ApiProperty({ description: '反馈意见' }) @IsString() @Length(1, LIMITS.text) opinion!: string;
  @ApiPropertyOptional({ example: '2025-04-01', description: `发文日期. ${BUSINESS_DATE}` })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** 督察通报 */
export class IssueCampaignCircularDto {
  @ApiProperty({ example: '蓬法督通〔2025〕1号', description: '文号' })
  @IsString()
  @Length(1, LIMITS.id)
  documentNo!: string;
  @ApiProperty({ type: [String], description: '共性问题' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.text, { each: true })
  commonProblems!: string[];
  @ApiPropertyOptional({ example: '2025-05-01', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}
