import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  CLUE_CATEGORIES,
  CLUE_EVALUATION_METHODS,
  CLUE_EVALUATION_RESULTS,
  CLUE_SOURCES,
  DISMISSAL_REASONS,
  PLAN_ITEM_MODES,
  SUPERVISION_INSTRUMENT_KINDS,
} from '@xj/domain';
import { NestedArray, NestedObject, OptionalField } from '../../http/dto-decorators';
import { AttachmentDto, DATE_PATTERN, ID_PATTERN, LIMITS, SituationInputDto, SubjectDto } from './common.dto';

export class AgencyDto {
  @ApiProperty({ example: 'dawa.emergency' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) orgId!: string;
  @ApiProperty({ example: '大洼区应急管理局' }) @IsString() @Length(1, LIMITS.short) name!: string;
}

/** C1 线索登记 */
export class RegisterClueDto {
  @ApiProperty({ example: 'panjin/dawa', description: 'Region the clue belongs to (city or county path).' })
  @IsString()
  @Length(1, LIMITS.short)
  @Matches(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/)
  regionId!: string;
  @ApiProperty({ enum: CLUE_SOURCES }) @IsIn(CLUE_SOURCES) source!: (typeof CLUE_SOURCES)[number];
  @ApiProperty({ example: '盘复〔2026〕12号' }) @IsString() @Length(1, LIMITS.short) sourceRef!: string;
  @ApiProperty({ example: '2026-03-02T09:00:00+08:00' }) @IsISO8601({ strict: true }) receivedAt!: string;
  @ApiProperty({ type: AgencyDto }) @NestedObject(() => AgencyDto) agency!: AgencyDto;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) summary!: string;
  @ApiPropertyOptional({ type: [SubjectDto] })
  @OptionalField()
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => SubjectDto)
  subjects?: SubjectDto[];
  @ApiPropertyOptional({ type: [AttachmentDto] })
  @OptionalField()
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

/** C2 线索分析 */
export class StartAnalysisDto {
  @ApiProperty({ example: 'user-office' }) @IsString() @Length(1, LIMITS.id) analystUserId!: string;
}

/** C3 / C5 予以了结 */
export class DismissClueDto {
  @ApiProperty({ enum: DISMISSAL_REASONS }) @IsIn(DISMISSAL_REASONS) reason!: (typeof DISMISSAL_REASONS)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) explanation!: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @Length(1, LIMITS.long) verificationReport?: string;
}

/** C4 问题核实 */
export class StartVerificationDto extends SituationInputDto {
  @ApiProperty({ enum: CLUE_CATEGORIES }) @IsIn(CLUE_CATEGORIES) category!: (typeof CLUE_CATEGORIES)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) verificationPlan!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  team!: string[];
}

export class InstrumentDto {
  @ApiProperty({ enum: SUPERVISION_INSTRUMENT_KINDS })
  @IsIn(SUPERVISION_INSTRUMENT_KINDS)
  kind!: (typeof SUPERVISION_INSTRUMENT_KINDS)[number];
  @ApiProperty({ example: '盘法督〔2026〕3号' }) @IsString() @Length(1, LIMITS.short) documentNo!: string;
  @ApiPropertyOptional({
    example: '2026-03-02',
    description:
      '送达日期 — when the agency received the instrument; its period runs from it (行政复议法 art. 76), else from issuance (the deadline says which: runsFrom).',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  servedOn?: string;
}

/** C6 问题监督 */
export class IssueSupervisionInstrumentDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.long) verificationReport!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.short, { each: true })
  responsibleUnits!: string[];
  @ApiProperty({ type: InstrumentDto }) @NestedObject(() => InstrumentDto) instrument!: InstrumentDto;
  @ApiPropertyOptional({ example: '2026-04-30' }) @OptionalField() @Matches(DATE_PATTERN) dueDate?: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(7)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  situationCodes?: string[];
  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @MaxLength(LIMITS.id, { each: true })
  evidenceCodes?: string[];
}

/** A further instrument on the clue (issue 17 §6: 意见书 → 决定书) */
export class IssueFollowUpInstrumentDto {
  @ApiProperty({ type: InstrumentDto }) @NestedObject(() => InstrumentDto) instrument!: InstrumentDto;
  @ApiProperty({ example: '监督意见书送达后30日内未自行纠正' }) @IsString() @Length(1, LIMITS.text) reason!: string;
  @ApiPropertyOptional({ example: '2026-05-30' }) @OptionalField() @Matches(DATE_PATTERN) dueDate?: string;
}

export class PlanItemDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  itemId?: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) issue!: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) measures!: string;
  @ApiProperty({ enum: PLAN_ITEM_MODES }) @IsIn(PLAN_ITEM_MODES) mode!: (typeof PLAN_ITEM_MODES)[number];
  @ApiPropertyOptional({ example: '2026-05-29' }) @OptionalField() @Matches(DATE_PATTERN) dueDate?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @Length(1, LIMITS.text) longTermTarget?: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.short) responsiblePerson!: string;
  @ApiProperty({ description: '第一责任人 — the unit head.' }) @IsString() @Length(1, LIMITS.short) owner!: string;
}

/** C7 问题整改 — the agency's plan; each item becomes a rectification item. */
export class SubmitRectificationPlanDto {
  @ApiProperty({ type: [PlanItemDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedArray(() => PlanItemDto)
  items!: PlanItemDto[];
  @ApiPropertyOptional({
    example: '2026-04-08',
    description:
      '业务日期: the day the plan was submitted (default today; not after today nor before the clue was received). Its items are assigned on it and their due dates count from it.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** C8 落实反馈 */
export class SubmitRectificationFeedbackDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.long) report!: string;
  @ApiProperty({ type: [AttachmentDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => AttachmentDto)
  evidence!: AttachmentDto[];
}

/** C10 / C11 评估 → 销号 or 重新整改; C12 回头看 */
export class EvaluateClueDto {
  @ApiProperty({ enum: CLUE_EVALUATION_RESULTS })
  @IsIn(CLUE_EVALUATION_RESULTS)
  result!: (typeof CLUE_EVALUATION_RESULTS)[number];
  @ApiProperty({ enum: CLUE_EVALUATION_METHODS })
  @IsIn(CLUE_EVALUATION_METHODS)
  method!: (typeof CLUE_EVALUATION_METHODS)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) notes!: string;
  @ApiPropertyOptional({ type: [String] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  failureReasons?: string[];
  @ApiPropertyOptional({ example: '2026-06-30' }) @OptionalField() @Matches(DATE_PATTERN) newDueDate?: string;
}

/** C14 移送建议 */
export class ProposeReferralDto extends SituationInputDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  referralId?: string;
}

/** 典型案例 by the office (issue 17): anonymised on publication. */
export class PublishClueTypicalCaseDto {
  @ApiProperty({
    description:
      'The case as it is to be circulated. Published anonymised: the persons named in the clue become 张某, resident ID and mobile numbers are masked.',
  })
  @IsString()
  @Length(1, LIMITS.long)
  text!: string;
  @ApiPropertyOptional({
    example: '2026-06-20',
    description:
      '业务日期: the day it was published (default today; not after today nor before the clue was closed). Statistics count it on it.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}
