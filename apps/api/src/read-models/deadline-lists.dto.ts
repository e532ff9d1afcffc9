import { ApiPropertyOptional } from '@nestjs/swagger';
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
