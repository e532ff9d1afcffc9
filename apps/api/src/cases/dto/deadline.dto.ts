import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DEADLINE_RULES, DeadlineRule } from '@xj/domain';
import { OptionalField } from '../../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS } from './common.dto';

const RULE_DESCRIPTION =
  "The open deadline of the case, by its rule (the `rule` of the case's `deadline`, `planDeadline`, `transferDeadline`, …).";

/** 延期申请 — the party bearing the deadline asks to move it. */
export class RequestDeadlineExtensionDto {
  @ApiPropertyOptional({ description: 'Client-chosen id; generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  requestId?: string;
  @ApiProperty({ enum: DEADLINE_RULES, description: RULE_DESCRIPTION }) @IsIn(DEADLINE_RULES) rule!: DeadlineRule;
  @ApiProperty({ example: '2026-04-30', description: 'Must lie after the current due date.' })
  @Matches(DATE_PATTERN)
  proposedDueOn!: string;
  @ApiProperty({ example: '需委托第三方鉴定' }) @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** The supervising head grants a request, at the proposed date or another. */
export class ApproveDeadlineExtensionDto {
  @ApiProperty({ example: 'ext-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) requestId!: string;
  @ApiPropertyOptional({ example: '2026-04-15', description: 'The date granted; the proposed one when omitted.' })
  @OptionalField()
  @Matches(DATE_PATTERN)
  newDueOn?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @Length(1, LIMITS.text) opinion?: string;
}

/** The supervising head refuses a request, saying why. */
export class RefuseDeadlineExtensionDto {
  @ApiProperty({ example: 'ext-1' }) @IsString() @Length(1, LIMITS.id) @Matches(ID_PATTERN) requestId!: string;
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** 中止 — the clock of one deadline stops. */
export class PauseDeadlineDto {
  @ApiProperty({ enum: DEADLINE_RULES, description: RULE_DESCRIPTION }) @IsIn(DEADLINE_RULES) rule!: DeadlineRule;
  @ApiProperty({ example: '等待司法鉴定结论' }) @IsString() @Length(1, LIMITS.text) reason!: string;
}

/** 恢复 — the clock runs again from today with the working days left at the pause. */
export class ResumeDeadlineDto {
  @ApiProperty({ enum: DEADLINE_RULES, description: RULE_DESCRIPTION }) @IsIn(DEADLINE_RULES) rule!: DeadlineRule;
  @ApiPropertyOptional() @OptionalField() @IsString() @Length(1, LIMITS.text) reason?: string;
}

/** Names the deadline whose proposed 函询 / 约谈 / 挂牌督办 is decided: its rule and due date (as on EscalationRungProposed). */
class ProposedRungDto {
  @ApiProperty({ enum: DEADLINE_RULES, example: 'InspectionFeedbackRectification' })
  @IsIn(DEADLINE_RULES)
  rule!: (typeof DEADLINE_RULES)[number];
  @ApiProperty({ example: '2026-03-31' }) @Matches(DATE_PATTERN) dueOn!: string;
}

/** The supervising head confirms the proposed rung: it becomes an escalation (督办) against the responsible organisation. */
export class ConfirmEscalationRungDto extends ProposedRungDto {
  @ApiProperty({ description: 'Instructions for the escalation (批示).' })
  @IsString()
  @Length(1, LIMITS.text)
  note!: string;
}

/** The supervising head waives the proposed rung; this deadline's ladder ends there. */
export class WaiveEscalationRungDto extends ProposedRungDto {
  @ApiProperty() @IsString() @Length(1, LIMITS.text) reason!: string;
}
