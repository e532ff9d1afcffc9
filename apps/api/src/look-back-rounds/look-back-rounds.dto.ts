import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { OptionalField } from '../http/dto-decorators';
import { DATE_PATTERN, ID_PATTERN, LIMITS } from '../cases/dto/common.dto';

/** 组织回头看 — the items closed (销号) in the period, in the region (default the caller's) and of the agency, if named. */
export class LaunchLookBackRoundDto {
  @ApiPropertyOptional({ description: 'Generated when omitted.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  roundId?: string;
  @ApiPropertyOptional({
    example: 'panjin/dawa',
    description: "县区 filter: the round's region; default the caller's own.",
  })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  regionId?: string;
  @ApiProperty({ example: '2026-01-01', description: '销号 from (inclusive)' })
  @Matches(DATE_PATTERN)
  closedFrom!: string;
  @ApiProperty({ example: '2026-06-30', description: '销号 to (inclusive)' }) @Matches(DATE_PATTERN) closedTo!: string;
  @ApiPropertyOptional({ example: 'dawa.emergency', description: 'Only this agency’s items.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  agencyOrgId?: string;
  @ApiPropertyOptional({
    example: '2026-10-30',
    description: 'The look-back date of every item; without it each keeps the date set at its close-out.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  lookBackOn?: string;
  @ApiPropertyOptional({
    example: '2026-07-06',
    description:
      '业务日期: the day the round was launched (default today; not after today nor before closedTo). Each item’s look-back is scheduled on it.',
  })
  @OptionalField()
  @Matches(DATE_PATTERN)
  occurredOn?: string;
}

export class LookBackRoundQueryDto {
  @ApiPropertyOptional({
    description:
      'Read-your-writes on the progress: an X-Global-Position. Waits up to 2 s; `stale` says if still behind.',
    example: '1042',
  })
  @OptionalField()
  @Matches(/^\d{1,20}$/)
  minPosition?: string;
}
