import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  CLUE_SOURCES,
  DEADLINE_LIGHTS,
  CLUE_STATUSES,
  RECTIFICATION_MODES,
  RECTIFICATION_STATUSES,
  REFERRAL_STATUSES,
} from '@xj/domain';
import {
  CLUE_LEDGER_SORTS,
  CORRECTED_CASE_SORTS,
  CORRECTED_CASE_SOURCES,
  INBOX_SORTS,
  RECTIFICATION_SORTS,
} from '@xj/application';
import { OptionalField } from '../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS } from '../cases/dto/common.dto';

/**
 * Query parameters of the read-model endpoints. Only these fields are accepted (the global pipe
 * whitelists and rejects the rest), and their values only ever become filter VALUES, never keys.
 */

const REGION_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
const POSITION_PATTERN = /^\d{1,20}$/;

/** `?flag=true|false` → boolean (anything else stays a string and fails @IsBoolean). */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
/** `?status=A&status=B` or `?status=A,B` → ['A', 'B']. */
const toList = ({ value }: { value: unknown }): unknown =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .filter((v) => v !== '');
/** The statuses a case can be listed in ('None': the state before its first event, never stored). */
const CLUE_STEPS = CLUE_STATUSES.filter((s) => s !== 'None');
const ITEM_STATUSES = RECTIFICATION_STATUSES.filter((s) => s !== 'None');
const sortsOf = (fields: readonly string[]): string[] => [...fields, ...fields.map((f) => `-${f}`)];

/** ?light=: 红黄绿灯 as of today, on every list that has deadlines. */
const LightFilter = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      enum: DEADLINE_LIGHTS,
      description:
        '红黄绿灯 as of today (China time): red past due, yellow inside the reminder window, green in time. Sorting by the due date ascending sorts red → yellow → green.',
    }),
    OptionalField(),
    IsIn(DEADLINE_LIGHTS),
  );

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  skip?: number;
  @ApiPropertyOptional({
    description:
      'Read-your-writes: the X-Global-Position a command returned. Waits up to 2 s; the body says `stale` if the read model is still behind.',
    example: '1042',
  })
  @OptionalField()
  @Matches(POSITION_PATTERN)
  minPosition?: string;
}

export class RegionFilterDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'panjin/dawa',
    description: 'A county (or any region): the case region must be it or lie below it.',
  })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.short)
  @Matches(REGION_PATTERN)
  county?: string;
}

/** GET /api/v1/inbox */
export class InboxQueryDto extends RegionFilterDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, isArray: true, description: 'Repeat or comma-separate.' })
  @OptionalField()
  @Transform(toList)
  @ArrayMaxSize(REFERRAL_STATUSES.length)
  @IsIn(REFERRAL_STATUSES, { each: true })
  status?: string[];
  @ApiPropertyOptional({ example: 'ImproperPerformance' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(CODE_PATTERN)
  situation?: string;
  @ApiPropertyOptional({ description: 'Overdue on the deadline running now, as of today (China time).' })
  @OptionalField()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @LightFilter()
  light?: (typeof DEADLINE_LIGHTS)[number];
  @ApiPropertyOptional() @OptionalField() @Transform(toBoolean) @IsBoolean() fedBack?: boolean;
  @ApiPropertyOptional() @OptionalField() @Transform(toBoolean) @IsBoolean() closed?: boolean;
  @ApiPropertyOptional({ enum: sortsOf(INBOX_SORTS), default: '-firstSentAt' })
  @OptionalField()
  @IsIn(sortsOf(INBOX_SORTS))
  sort?: string;
}

/** GET /api/v1/ledgers/clues */
export class ClueLedgerQueryDto extends RegionFilterDto {
  @ApiPropertyOptional({ example: 'dawa.emergency' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  agencyOrgId?: string;
  @ApiPropertyOptional({ enum: CLUE_SOURCES }) @OptionalField() @IsIn(CLUE_SOURCES) source?: string;
  @ApiPropertyOptional({ example: 'ImproperPerformance' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(CODE_PATTERN)
  situation?: string;
  @ApiPropertyOptional({
    enum: CLUE_STEPS,
    isArray: true,
    description: 'The current step, or any of several: repeat or comma-separate.',
  })
  @OptionalField()
  @Transform(toList)
  @ArrayMaxSize(CLUE_STEPS.length)
  @IsIn(CLUE_STEPS, { each: true })
  step?: string[];
  @ApiPropertyOptional({ description: 'Next due date passed, as of today (China time).' })
  @OptionalField()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @LightFilter()
  light?: (typeof DEADLINE_LIGHTS)[number];
  @ApiPropertyOptional({ description: 'Case-insensitive text search on the summary (literal text).', example: '罚款' })
  @OptionalField()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ enum: sortsOf(CLUE_LEDGER_SORTS), default: '-receivedAt' })
  @OptionalField()
  @IsIn(sortsOf(CLUE_LEDGER_SORTS))
  sort?: string;
}

/** GET /api/v1/ledgers/rectification */
export class RectificationLedgerQueryDto extends RegionFilterDto {
  @ApiPropertyOptional({ example: 'dawa.emergency' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  agencyOrgId?: string;
  @ApiPropertyOptional() @OptionalField() @Length(1, LIMITS.id) @Matches(ID_PATTERN) clueId?: string;
  @ApiPropertyOptional({ enum: ITEM_STATUSES, isArray: true, description: 'Repeat or comma-separate.' })
  @OptionalField()
  @Transform(toList)
  @ArrayMaxSize(ITEM_STATUSES.length)
  @IsIn(ITEM_STATUSES, { each: true })
  status?: string[];
  @ApiPropertyOptional({ enum: RECTIFICATION_MODES }) @OptionalField() @IsIn(RECTIFICATION_MODES) mode?: string;
  @ApiPropertyOptional({ description: '整改时限 or 回头看 date passed, as of today (China time).' })
  @OptionalField()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @LightFilter()
  light?: (typeof DEADLINE_LIGHTS)[number];
  @ApiPropertyOptional({ enum: sortsOf(RECTIFICATION_SORTS), default: '-assignedAt' })
  @OptionalField()
  @IsIn(sortsOf(RECTIFICATION_SORTS))
  sort?: string;
}

export class PeriodDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Inclusive China date.' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Inclusive China date.' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  to?: string;
}

/** GET /api/v1/ledgers/corrected-cases */
export class CorrectedCasesQueryDto extends RegionFilterDto {
  @ApiPropertyOptional({ example: 'dawa.emergency' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  agencyOrgId?: string;
  @ApiPropertyOptional({ enum: CORRECTED_CASE_SOURCES }) @OptionalField() @IsIn(CORRECTED_CASE_SOURCES) source?: string;
  @ApiPropertyOptional({ enum: CLUE_STATUSES.filter((s) => s !== 'None') })
  @OptionalField()
  @IsIn(CLUE_STATUSES.filter((s) => s !== 'None'))
  status?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Instrument issued on or after (inclusive).' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Instrument issued on or before (inclusive).' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @OptionalField()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
  @ApiPropertyOptional({ enum: sortsOf(CORRECTED_CASE_SORTS), default: '-instrument.issuedOn' })
  @OptionalField()
  @IsIn(sortsOf(CORRECTED_CASE_SORTS))
  sort?: string;
}

/** GET /api/v1/statistics */
export class StatisticsQueryDto extends PeriodDto {
  @ApiPropertyOptional({ example: 'panjin/dawa' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.short)
  @Matches(REGION_PATTERN)
  county?: string;
  @ApiPropertyOptional({ example: '1042' }) @OptionalField() @Matches(POSITION_PATTERN) minPosition?: string;
}
