import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, Validate } from 'class-validator';
import { MAX_ADMINISTRATION_LOG_PAGE } from '@xj/application';
import { OptionalField } from '../http/dto-decorators';
import { IsInstantConstraint, restorePlus } from './dto/audit-query.dto';

const CURSOR_PATTERN = /^p:\d{1,20}$/;

/** The time window of a log read or export: inclusive ISO-8601 instants. */
export class LogWindowQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Inclusive.' })
  @OptionalField()
  @Transform(restorePlus)
  @Validate(IsInstantConstraint)
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00', description: 'Inclusive; default: now.' })
  @OptionalField()
  @Transform(restorePlus)
  @Validate(IsInstantConstraint)
  to?: string;
}

/** GET /api/v1/audit/administration-log */
export class AdministrationLogQueryDto extends LogWindowQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ADMINISTRATION_LOG_PAGE, default: 100 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ADMINISTRATION_LOG_PAGE)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (opaque).', example: 'p:42' })
  @OptionalField()
  @IsString()
  @Matches(CURSOR_PATTERN)
  cursor?: string;
}

class LogActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
  @ApiProperty() orgId!: string;
}

class AdministrationLogMetadataDto {
  @ApiProperty({ type: LogActorDto }) actor!: LogActorDto;
  @ApiProperty({ example: '2026-12-07T09:30:00.000Z' }) recordedAt!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty() commandId!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
}

export class AdministrationLogEntryDto {
  @ApiProperty({ example: 'administration-accounts' }) streamId!: string;
  @ApiProperty({ example: '0' }) revision!: string;
  @ApiProperty({ example: '17' }) position!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'AccountCreated' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What, and from what.' })
  data!: Record<string, unknown>;
  @ApiProperty({ type: AdministrationLogMetadataDto }) metadata!: AdministrationLogMetadataDto;
}

export class AdministrationLogPageDto {
  @ApiProperty({ type: [AdministrationLogEntryDto] }) entries!: AdministrationLogEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor`; null on the last page.' })
  nextCursor!: string | null;
}
