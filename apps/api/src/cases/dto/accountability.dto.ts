import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import {
  ACCOUNTABILITY_MEASURES,
  ACCOUNTABILITY_TYPES,
  AccountabilityType,
  WRONGFUL_CASE_GROUNDS,
  WrongfulCaseGround,
} from '@xj/domain';
import { NestedArray, NestedObject, OptionalField } from '../../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS, SubjectDto } from './common.dto';

const MEASURE_CODES = ACCOUNTABILITY_MEASURES.map((m) => m.code);
const BUSINESS_DATE =
  '业务日期: the day it happened (default today; not after today nor before the case was opened). Statistics count it on it.';

/** 立项 — 行政执法过错责任追究 or 行政错案问责, usually on a clue (issue 17). */
export class OpenAccountabilityCaseDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  accountabilityId?: string;
  @ApiProperty({ enum: ACCOUNTABILITY_TYPES })
  @IsIn(ACCOUNTABILITY_TYPES)
  accountabilityType!: AccountabilityType;
  @ApiPropertyOptional({ enum: WRONGFUL_CASE_GROUNDS, description: '错案来源: required for WrongfulCase only.' })
  @OptionalField()
  @IsIn(WRONGFUL_CASE_GROUNDS)
  ground?: WrongfulCaseGround;
  @ApiPropertyOptional({
    example: 'c-2026-0001',
    description: "The clue it arises from; the case takes the clue's region.",
  })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  clueId?: string;
  @ApiPropertyOptional({
    example: 'panjin/dawa',
    description: "Without a clue: the case's region (within the opener's); the opener's own region when omitted.",
  })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.short)
  regionId?: string;
  @ApiPropertyOptional({
    example: 'panjin.justice',
    description: '追责决定机关 — the justice bureau or the agency itself; the opener’s own organisation when omitted.',
  })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  decidingOrgId?: string;
  @ApiProperty({ description: '案由 — what went wrong, which act or decision.' })
  @IsString()
  @Length(1, LIMITS.text)
  summary!: string;
  @ApiPropertyOptional({ example: '2026-05-12', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** One person or unit held accountable, with its measures. */
export class HeldAccountableDto {
  @ApiProperty({ type: SubjectDto, description: 'A person (with cadre rank) or, with kind Unit, a unit.' })
  @NestedObject(() => SubjectDto)
  subject!: SubjectDto;
  @ApiProperty({ type: [String], enum: MEASURE_CODES, description: '追责措施 — a person’s or a unit’s, by kind.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEASURE_CODES.length)
  @IsIn(MEASURE_CODES, { each: true })
  measureCodes!: string[];
}

/** 决定 — by the deciding organisation's head. */
export class DecideAccountabilityDto {
  @ApiProperty({ type: [HeldAccountableDto], description: '责任人和责任单位 — at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @NestedArray(() => HeldAccountableDto)
  held!: HeldAccountableDto[];
  @ApiPropertyOptional({ example: '七司追〔2026〕3号' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  documentNo?: string;
  @ApiPropertyOptional({ example: '2026-05-20', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  decisionDate?: string;
}

/** 调查 / 执行 / 归档 — an act with its business date. */
export class AccountabilityActDto {
  @ApiPropertyOptional({ example: '2026-05-12', description: BUSINESS_DATE })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

/** 撤销立项 / 不予追究 — before a decision, by the deciding organisation's head. */
export class WithdrawAccountabilityDto extends AccountabilityActDto {
  @ApiProperty({ description: '理由 — e.g. no fault found (经调查不存在执法过错).' })
  @IsString()
  @Length(1, LIMITS.text)
  reason!: string;
}
