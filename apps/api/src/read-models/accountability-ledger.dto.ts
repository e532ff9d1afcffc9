import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Length, Matches } from 'class-validator';
import { ACCOUNTABILITY_SORTS } from '@xj/application';
import { ACCOUNTABILITY_STATUSES, ACCOUNTABILITY_TYPES, CADRE_RANKS, WRONGFUL_CASE_GROUNDS } from '@xj/domain';
import { OptionalField } from '../http/dto-decorators';
import { ID_PATTERN, LIMITS } from '../cases/dto/common.dto';
import { RegionFilterDto } from './read-model-query.dto';

const SORTS = [...ACCOUNTABILITY_SORTS, ...ACCOUNTABILITY_SORTS.map((f) => `-${f}`)];
const STATUSES = ACCOUNTABILITY_STATUSES.filter((s) => s !== 'None');

/** GET /api/v1/ledgers/accountability */
export class AccountabilityLedgerQueryDto extends RegionFilterDto {
  @ApiPropertyOptional({ description: 'The cases arising from this clue (the link shown on its page).' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  clueId?: string;
  @ApiPropertyOptional({ enum: ACCOUNTABILITY_TYPES })
  @OptionalField()
  @IsIn(ACCOUNTABILITY_TYPES)
  accountabilityType?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @OptionalField() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'panjin.justice' })
  @OptionalField()
  @Length(1, LIMITS.id)
  @Matches(ID_PATTERN)
  decidingOrgId?: string;
  @ApiPropertyOptional({ enum: SORTS, default: '-openedOn' }) @OptionalField() @IsIn(SORTS) sort?: string;
}

class AccountablePersonDto {
  @ApiProperty() subjectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() post!: string;
  @ApiProperty({ enum: CADRE_RANKS }) cadreRank!: string;
  @ApiProperty({ type: [String] }) measureCodes!: string[];
}
class AccountableUnitDto {
  @ApiProperty() subjectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ type: [String] }) measureCodes!: string[];
}

/** One line of the 追责问责台账. */
export class AccountabilityLedgerItemDto {
  @ApiProperty() accountabilityId!: string;
  @ApiProperty({ enum: ACCOUNTABILITY_TYPES }) accountabilityType!: string;
  @ApiPropertyOptional({ enum: WRONGFUL_CASE_GROUNDS }) ground?: string;
  @ApiPropertyOptional() clueId?: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() countyId!: string;
  @ApiProperty() decidingOrgId!: string;
  @ApiProperty() decidingOrgRole!: string;
  @ApiProperty() openedByOrgId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() openedOn!: string;
  @ApiPropertyOptional() investigatedOn?: string;
  @ApiPropertyOptional() decisionDate?: string;
  @ApiPropertyOptional() documentNo?: string;
  @ApiProperty({ type: [AccountablePersonDto] }) persons!: AccountablePersonDto[];
  @ApiProperty({ type: [AccountableUnitDto] }) units!: AccountableUnitDto[];
  @ApiPropertyOptional() executedOn?: string;
  @ApiPropertyOptional() withdrawnOn?: string;
  @ApiPropertyOptional() withdrawalReason?: string;
  @ApiPropertyOptional() archivedOn?: string;
  @ApiProperty() updatedAt!: string;
}

export class AccountabilityLedgerPageDto {
  @ApiProperty({ type: [AccountabilityLedgerItemDto] }) items!: AccountabilityLedgerItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() skip!: number;
  @ApiProperty({ description: 'True when minPosition was given and not reached in time.' }) stale!: boolean;
}
