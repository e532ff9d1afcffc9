import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DEADLINE_RULES } from '@xj/domain';
import { DATE_PATTERN, LIMITS } from './common.dto';

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
