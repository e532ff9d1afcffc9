import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_KINDS, DEADLINE_LIGHTS, DEADLINE_RULES, PROPOSED_ESCALATIONS } from '@xj/domain';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { OptionalField } from '../http/dto-decorators';
import { ID_PATTERN, LIMITS } from '../cases/dto/common.dto';

/** Paging of the 督办 lists (no read-your-writes: the timer index is not a projection with positions). */
export class EscalationProposalsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10_000, default: 0 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  skip?: number;
}

export class OverdueQueryDto extends EscalationProposalsQueryDto {
  @ApiPropertyOptional({ example: 'dawa.emergency', description: 'Only the deadlines this organisation has to meet.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  responsibleOrgId?: string;
}

/** One open deadline of a 督办 list (DeadlineLine in libs/application/src/deadlines/deadline-queries.ts). */
export class DeadlineLineDto {
  @ApiProperty({ enum: CASE_KINDS }) caseKind!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: DEADLINE_RULES }) rule!: string;
  @ApiProperty({ example: '2026-03-31' }) dueOn!: string;
  @ApiProperty() responsibleOrgId!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty({ enum: DEADLINE_LIGHTS, description: '红黄绿灯, computed for today' }) light!: string;
  @ApiProperty({ description: 'Working days past the due date (0 while in time).' }) workingDaysOverdue!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The ladder's last step so far (reminder-N, missed, urge, proposal, circular); null: none yet.",
  })
  lastStep!: string | null;
  @ApiProperty({
    enum: PROPOSED_ESCALATIONS,
    nullable: true,
    description: 'The proposed 函询 / 约谈 / 挂牌督办 waiting for a supervising head, else null.',
  })
  proposalAwaiting!: string | null;
}

export class DeadlineListDto {
  @ApiProperty({ type: [DeadlineLineDto] }) items!: DeadlineLineDto[];
  @ApiProperty() limit!: number;
  @ApiProperty() skip!: number;
}
