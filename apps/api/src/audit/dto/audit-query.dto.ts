import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ACCESS_TARGET_KINDS, MAX_ACCESS_LOG_PAGE, MAX_HISTORY_PAGE } from '@xj/application';
import { isInstant } from '@xj/domain';
import { OptionalField } from '../../http/dto-decorators';
import { ID_PATTERN, LIMITS } from '../../cases/dto/common.dto';

const REVISION_PATTERN = /^\d{1,18}$/;
const CURSOR_PATTERN = /^[A-Za-z0-9_.:-]{1,160}$/;

/** An unencoded `+08:00` arrives as ` 08:00` (form decoding): take it back to the offset it was. */
export const restorePlus = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value;

@ValidatorConstraint({ name: 'isInstant' })
export class IsInstantConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isInstant(value);
  }
  defaultMessage(): string {
    return '$property must be an ISO-8601 instant with an offset, e.g. 2026-03-02T09:30:00+08:00';
  }
}

/** GET …/{id}/history */
export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'First revision of the page (inclusive).', default: '0', example: '0' })
  @OptionalField()
  @Matches(REVISION_PATTERN)
  fromRevision?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_HISTORY_PAGE, default: 100 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE)
  limit?: number;
}

/** GET …/{id}/as-of — exactly one of `at` and `revision`. */
export class AsOfQueryDto {
  @ApiPropertyOptional({
    description: 'Fold the events recorded at or before this instant.',
    example: '2026-03-04T09:30:00+08:00',
  })
  @OptionalField()
  @Transform(restorePlus)
  @Validate(IsInstantConstraint)
  at?: string;
  @ApiPropertyOptional({ description: 'Fold the events up to and including this revision.', example: '2' })
  @OptionalField()
  @Matches(REVISION_PATTERN)
  revision?: string;
}

/** GET /api/v1/audit/access-log — by case (caseKind + caseId), by reader (userId), or both. */
export class AccessLogQueryDto {
  @ApiPropertyOptional({
    enum: ACCESS_TARGET_KINDS,
    description: '`user`: the reads of the access log about that user.',
  })
  @OptionalField()
  @IsIn(ACCESS_TARGET_KINDS)
  caseKind?: (typeof ACCESS_TARGET_KINDS)[number];
  @ApiPropertyOptional({ example: 'c-2026-0001' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  caseId?: string;
  @ApiPropertyOptional({ example: 'user-auditor', description: 'The reader.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.short)
  userId?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00', description: 'Default: 31 days before `to`.' })
  @OptionalField()
  @Transform(restorePlus)
  @Validate(IsInstantConstraint)
  from?: string;
  @ApiPropertyOptional({ example: '2026-03-31T23:59:59+08:00', description: 'Default: now.' })
  @OptionalField()
  @Transform(restorePlus)
  @Validate(IsInstantConstraint)
  to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ACCESS_LOG_PAGE, default: 100 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ACCESS_LOG_PAGE)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (opaque).' })
  @OptionalField()
  @IsString()
  @Matches(CURSOR_PATTERN)
  cursor?: string;
}
