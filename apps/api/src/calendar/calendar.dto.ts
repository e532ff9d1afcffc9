import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { DATE_PATTERN } from '../cases/dto/common.dto';

/** PUT /api/v1/calendar/{year}: one year's holiday table as the State Council's notice gives it. */
export class SetHolidayYearDto {
  @ApiProperty({
    description: 'Citation of the official notice: 国务院办公厅关于YYYY年部分节假日安排的通知, its 文号 and date.',
    maxLength: 500,
  })
  @IsString()
  @MaxLength(500)
  source!: string;

  @ApiProperty({ description: 'Days off (weekends inside a holiday block included), YYYY-MM-DD, inside the year.' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  @Matches(DATE_PATTERN, { each: true })
  holidays!: string[];

  @ApiProperty({ description: 'Weekend days worked instead (调休上班), YYYY-MM-DD, inside the year.' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  @Matches(DATE_PATTERN, { each: true })
  makeUpWorkdays!: string[];
}

const TABLE = {
  type: 'object',
  required: ['year', 'source', 'origin', 'holidays', 'makeUpWorkdays'],
  properties: {
    year: { type: 'integer' },
    source: { type: 'string' },
    origin: { type: 'string', enum: ['Shipped', 'File', 'Api'] },
    holidays: { type: 'array', items: { type: 'string', format: 'date' } },
    makeUpWorkdays: { type: 'array', items: { type: 'string', format: 'date' } },
  },
};

export const HOLIDAY_YEAR_SCHEMA = TABLE;

export const CALENDAR_SCHEMA = {
  type: 'object',
  required: ['years', 'missingYears', 'warningDays'],
  properties: {
    years: { type: 'array', items: TABLE },
    missingYears: {
      type: 'array',
      items: { type: 'integer' },
      description: 'Years without a table that deadlines counted today reach: deadlines in them are provisional.',
    },
    warningDays: { type: 'integer', description: 'A missing year is reported from this many days before it starts.' },
  },
};
