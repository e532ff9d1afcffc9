import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { EVALUATION_METHODS, EVALUATION_RESULTS, RECTIFICATION_MODES } from '@xj/domain';
import { OptionalField } from '../../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS } from './common.dto';

/**
 * 业务日期 of an act on an item (issue 17 item 7): the day it happened, when entered later (a 整改台账
 * caught up). Not after today, not before the item was assigned nor before its previous act.
 */
const BusinessDate =
  (description: string): PropertyDecorator =>
  (target, key) => {
    ApiPropertyOptional({ example: '2026-05-12', description: `业务日期: ${description}` })(target, key);
    OptionalField()(target, key);
    Matches(DATE_PATTERN)(target, key);
  };
const ACT_DATE =
  'the day it happened (default today; not after today, nor before the item was assigned or its previous step). Statistics count it on it.';

/** Only the 业务日期: the routes whose act needs nothing else (start, 销号). */
export class RectificationActDto {
  @BusinessDate(ACT_DATE) occurredOn?: string;
}

/** 下达整改事项 — the supervisor assigns an item directly (e.g. 立行立改 found on site). */
export class AssignRectificationItemDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  itemId?: string;
  @ApiProperty({ example: 'c-2026-0001', description: "The clue the item belongs to; its region is the item's." })
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  clueId!: string;
  @ApiProperty({ example: 'dawa.emergency', description: '整改责任单位 — the agency that must rectify.' })
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  agencyOrgId!: string;
  @ApiProperty({ enum: RECTIFICATION_MODES }) @IsIn(RECTIFICATION_MODES) mode!: (typeof RECTIFICATION_MODES)[number];
  @ApiProperty({ description: '问题内容' }) @IsString() @Length(1, LIMITS.text) issue!: string;
  @ApiProperty({ description: '整改措施' }) @IsString() @Length(1, LIMITS.text) measures!: string;
  @ApiPropertyOptional({
    example: '2026-05-29',
    description: '整改时限: required for Deadline; Immediate defaults to today; LongTerm: optional milestone.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  dueDate?: string;
  @ApiPropertyOptional({ description: 'Required for LongTerm (长期坚持).' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.text)
  longTermTarget?: string;
  @ApiProperty({ description: '第一责任人 — the unit head.' }) @IsString() @Length(1, LIMITS.short) owner!: string;
  @ApiProperty({ description: '责任人' }) @IsString() @Length(1, LIMITS.short) responsiblePerson!: string;
  @ApiPropertyOptional({ type: [String], example: ['doc://2026/0031'], description: 'Documents behind the item.' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.short, { each: true })
  evidence?: string[];
  @BusinessDate(
    'the day it was assigned (default today; not after today nor before the clue was received). Its due date counts from it; statistics count the item on it.',
  )
  occurredOn?: string;
}

/** 落实反馈 — the agency head signs the report (签字背书). */
export class ReportRectificationDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.long) report!: string;
  @ApiProperty({ type: [String], example: ['doc://2026/0042'], description: 'At least one piece of evidence.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.short, { each: true })
  evidence!: string[];
  @BusinessDate(`${ACT_DATE} Lateness is judged on it.`) occurredOn?: string;
}

/** 评估 */
export class EvaluateRectificationDto {
  @ApiProperty({ enum: EVALUATION_METHODS }) @IsIn(EVALUATION_METHODS) method!: (typeof EVALUATION_METHODS)[number];
  @ApiProperty({ enum: EVALUATION_RESULTS }) @IsIn(EVALUATION_RESULTS) result!: (typeof EVALUATION_RESULTS)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) notes!: string;
  @ApiPropertyOptional({ type: [String], description: 'Required on Fail; not allowed on Pass.' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, LIMITS.text, { each: true })
  failureReasons?: string[];
  @BusinessDate(ACT_DATE) occurredOn?: string;
}

/** 重新整改 */
export class ReopenItemDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, LIMITS.text, { each: true })
  reasons!: string[];
  @ApiProperty({ example: '2026-06-30' }) @Matches(DATE_PATTERN) newDueDate!: string;
  @BusinessDate(ACT_DATE) occurredOn?: string;
}

/** 回头看 scheduling */
export class ScheduleLookBackDto {
  @ApiPropertyOptional({ example: '2026-09-30', description: 'Without a date the default set at close-out stands.' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  lookBackOn?: string;
  @BusinessDate(ACT_DATE) occurredOn?: string;
}

/** 回头看 */
export class CompleteLookBackDto {
  @ApiProperty({ enum: EVALUATION_METHODS }) @IsIn(EVALUATION_METHODS) method!: (typeof EVALUATION_METHODS)[number];
  @ApiProperty({ enum: EVALUATION_RESULTS }) @IsIn(EVALUATION_RESULTS) result!: (typeof EVALUATION_RESULTS)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) notes!: string;
  @ApiPropertyOptional({ type: [String], description: 'Required on Fail.' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, LIMITS.text, { each: true })
  reasons?: string[];
  @ApiPropertyOptional({
    example: '2026-10-31',
    description: 'Required on Fail: due date of the renewed rectification.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  newDueDate?: string;
  @BusinessDate(`${ACT_DATE} A failure reopens the item on the same day.`) occurredOn?: string;
}
