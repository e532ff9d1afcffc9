import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ANNUAL_FIGURES, ANNUAL_REPORT_SECTIONS } from '@xj/application';
import { OptionalField } from '../http/dto-decorators';
import { LIMITS } from '../cases/dto/common.dto';

const REGION_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** GET /api/v1/reports/annual(.xlsx|.docx) */
export class AnnualReportQueryDto {
  @ApiProperty({ example: '2025', description: 'The business year (1 January–31 December, China time).' })
  @IsString()
  @Matches(/^\d{4}$/)
  year!: string;
  @ApiPropertyOptional({ example: 'panjin/dawa', description: 'A county, or the city; absent: the whole city.' })
  @OptionalField()
  @IsString()
  @Length(1, LIMITS.short)
  @Matches(REGION_PATTERN)
  region?: string;
  @ApiPropertyOptional({ example: '1042' }) @OptionalField() @Matches(/^\d{1,20}$/) minPosition?: string;
}

class AnnualReportRowDto {
  @ApiProperty({ enum: Object.keys(ANNUAL_FIGURES) }) figure!: string;
  @ApiPropertyOptional({ description: "A breakdown's code (a source, a situation, a rank, an outcome, a type)" })
  code?: string;
  @ApiPropertyOptional({
    description:
      "The label catalogue's namespace of `code` (clueSource, situation, cadreRank, outcome, accountabilityType)",
  })
  codes?: string;
  @ApiProperty({ type: Number, nullable: true, description: 'A count, or a rate in [0, 1] (null: nothing to rate)' })
  value!: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The previous business year (同比), main figures only',
  })
  previousYear?: number | null;
}
class AnnualReportSectionDto {
  @ApiProperty({ enum: ANNUAL_REPORT_SECTIONS }) section!: string;
  @ApiProperty({ type: [AnnualReportRowDto] }) rows!: AnnualReportRowDto[];
}
class AnnualReportCampaignDto {
  @ApiProperty() campaignId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() periodFrom!: string;
  @ApiProperty() periodTo!: string;
  @ApiProperty() status!: string;
  @ApiProperty() unitsInspected!: number;
  @ApiProperty() findings!: number;
  @ApiProperty() feedbackOpinions!: number;
  @ApiProperty() clues!: number;
  @ApiProperty() referrals!: number;
  @ApiProperty() rectified!: number;
}
class AnnualReportPeriodDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

/** Response schema of GET /api/v1/reports/annual. */
export class AnnualReportDto {
  @ApiProperty() year!: number;
  @ApiPropertyOptional() region?: string;
  @ApiProperty({ type: AnnualReportPeriodDto }) period!: AnnualReportPeriodDto;
  @ApiProperty({ type: [AnnualReportSectionDto] }) sections!: AnnualReportSectionDto[];
  @ApiProperty({ type: [String] }) countiesWithoutReferrals!: string[];
  @ApiProperty({ type: [AnnualReportCampaignDto] }) campaigns!: AnnualReportCampaignDto[];
  @ApiProperty() stale!: boolean;
}
