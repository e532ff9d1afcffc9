import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { MEETING_DECISION_TYPES } from '@xj/domain';
import { NestedArray, NestedObject, OptionalField } from '../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS } from '../cases/dto/common.dto';

const CASE_KINDS = ['clue', 'referral', 'rectification'] as const;

/** A case the meeting discussed or a decision moves. */
export class MeetingCaseRefDto {
  @ApiProperty({ enum: CASE_KINDS }) @IsIn(CASE_KINDS) kind!: (typeof CASE_KINDS)[number];
  @ApiProperty({ example: 'c-2026-0001' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) id!: string;
}

/** 议定事项 */
export class MeetingDecisionDto {
  @ApiProperty({ example: 'd-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) decisionId!: string;
  @ApiProperty({ enum: MEETING_DECISION_TYPES, description: 'Refer 移送, Escalate 督办, Other' })
  @IsIn(MEETING_DECISION_TYPES)
  decisionType!: (typeof MEETING_DECISION_TYPES)[number];
  @ApiProperty() @IsString() @Length(1, LIMITS.text) text!: string;
  @ApiProperty({ type: [MeetingCaseRefDto], description: 'The cases it moves; each one of those discussed.' })
  @NestedArray(() => MeetingCaseRefDto)
  @ArrayMaxSize(LIMITS.list)
  cases!: MeetingCaseRefDto[];
}

/** 联席会议 — office and commission. */
export class RecordJointMeetingDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  meetingId?: string;
  @ApiPropertyOptional({ example: 'panjin', description: "The meeting's region; default the caller's own." })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  regionId?: string;
  @ApiPropertyOptional({ example: '2026-06-10', description: '会议日期 (业务日期: not after today; default today).' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  heldOn?: string;
  @ApiProperty({ type: [String], example: ['panjin.rol-office', 'panjin.ccdi'], description: '参会单位' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.id, { each: true })
  @Matches(ID_PATTERN, { each: true })
  organisationIds!: string[];
  @ApiProperty({ type: [String], description: '参会人员 (name and post)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.short, { each: true })
  persons!: string[];
  @ApiProperty({ type: [MeetingCaseRefDto], description: '研究的案件' })
  @NestedArray(() => MeetingCaseRefDto)
  @ArrayMaxSize(LIMITS.list)
  casesDiscussed!: MeetingCaseRefDto[];
  @ApiProperty({ type: [MeetingDecisionDto] })
  @NestedArray(() => MeetingDecisionDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.list)
  decisions!: MeetingDecisionDto[];
}

const ACT_KINDS = ['referral', 'escalation'] as const;

export class MeetingActRefDto {
  @ApiProperty({ enum: ACT_KINDS }) @IsIn(ACT_KINDS) kind!: (typeof ACT_KINDS)[number];
  @ApiProperty({ example: 'r-2026-0007' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) id!: string;
}

/** Links a decision to the referral sent or the escalation raised to carry it out. */
export class LinkMeetingDecisionDto {
  @ApiProperty({ example: 'd-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) decisionId!: string;
  @ApiProperty({ type: MeetingActRefDto }) @NestedObject(() => MeetingActRefDto) act!: MeetingActRefDto;
}

export class CaseMeetingsQueryDto {
  @ApiPropertyOptional({ description: 'Read-your-writes: an X-Global-Position (waits up to 2 s).', example: '1042' })
  @OptionalField()
  @Matches(/^\d{1,20}$/)
  minPosition?: string;
}
