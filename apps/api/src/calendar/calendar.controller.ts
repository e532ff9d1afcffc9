import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CALENDAR_WARNING_DAYS, CLOCK, CalendarService, Clock, mayPerform } from '@xj/application';
import { CALENDAR_YEARS, HolidayYearInForce, HolidayYearOrigin, localDateOf } from '@xj/domain';
import { CommandCtx, CommandRequestContext } from '../http/command-context.decorator';
import { ApiProblem } from '../http/problem';
import { CALENDAR_SCHEMA, HOLIDAY_YEAR_SCHEMA, SetHolidayYearDto } from './calendar.dto';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

export interface HolidayYearView {
  readonly year: number;
  readonly source: string;
  readonly origin: HolidayYearOrigin;
  readonly holidays: readonly string[];
  readonly makeUpWorkdays: readonly string[];
}

export interface CalendarView {
  readonly years: readonly HolidayYearView[];
  readonly missingYears: readonly number[];
  readonly warningDays: number;
}

const yearOf = (value: string): number => {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max))
    throw new ApiProblem(
      400,
      'CALENDAR.YEAR_INVALID',
      `The year must be a whole number from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}.`,
    );
  return year;
};

/**
 * 节假日安排 — the holiday tables the deadlines are counted with: shipped, from files under
 * `$DATA_DIR/calendar/`, or set here by an administrator (recorded on the calendar stream).
 * Everyone signed in reads them; a year without a table makes its deadlines provisional.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The holiday tables in force, and the years missing (everyone signed in)' })
  @ApiResponse({ status: 200, description: 'Every year with a table.', schema: CALENDAR_SCHEMA })
  async list(): Promise<CalendarView> {
    await this.calendar.refresh();
    return {
      years: this.calendar.inForce().map(viewOf),
      missingYears: this.calendar.missingYears(localDateOf(this.clock.now().toISOString())),
      warningDays: CALENDAR_WARNING_DAYS,
    };
  }

  @Get(':year')
  @ApiOperation({ summary: "One year's holiday table (everyone signed in)" })
  @ApiParam({ name: 'year', example: 2026 })
  @ApiResponse({ status: 200, description: 'The table in force.', schema: HOLIDAY_YEAR_SCHEMA })
  @problem(400, 'CALENDAR.YEAR_INVALID')
  @problem(404, 'CALENDAR.YEAR_MISSING — no table: deadlines in that year are provisional')
  async get(@Param('year') value: string): Promise<HolidayYearView> {
    const year = yearOf(value);
    await this.calendar.refresh();
    const entry = this.calendar.inForce().find((e) => e.table.year === year);
    if (!entry)
      throw new ApiProblem(
        404,
        'CALENDAR.YEAR_MISSING',
        `No holiday table for ${year}: deadlines in it are counted on weekends alone and marked provisional.`,
      );
    return viewOf(entry);
  }

  @Put(':year')
  @ApiOperation({
    summary: "Set a year's holiday table (the system administrator)",
    description:
      'Recorded as an event on the calendar stream (who, when, the table, the one it replaced). The next command in every process counts with it; open provisional deadlines in that year are recomputed (DeadlineRecomputed). Setting the table in force again changes nothing.',
  })
  @ApiParam({ name: 'year', example: 2027 })
  @ApiResponse({ status: 200, description: 'The table now in force.', schema: HOLIDAY_YEAR_SCHEMA })
  @problem(400, 'CALENDAR.YEAR_INVALID, REQUEST.VALIDATION_FAILED')
  @problem(403, 'AUTH.ROLE_NOT_ALLOWED — administrators only')
  @problem(
    422,
    'CALENDAR.DATE_OUTSIDE_YEAR, CALENDAR.DATE_BOTH, CALENDAR.DATES_INVALID, CALENDAR.DATE_DUPLICATE, CALENDAR.MAKE_UP_NOT_WEEKEND, CALENDAR.SOURCE_REQUIRED',
  )
  async set(
    @Param('year') value: string,
    @Body() dto: SetHolidayYearDto,
    @CommandCtx() ctx: CommandRequestContext,
  ): Promise<HolidayYearView> {
    const year = yearOf(value);
    // The domain refuses anyone else too (calendar.decider.ts); this is the one table of 三员分立.
    if (!mayPerform(ctx.actor.role, 'calendar'))
      throw new ApiProblem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Only the system administrator sets a holiday table.');
    await this.calendar.set(
      {
        type: 'SetHolidayYear',
        actor: ctx.actor,
        at: ctx.at,
        year,
        source: dto.source,
        holidays: dto.holidays,
        makeUpWorkdays: dto.makeUpWorkdays,
      },
      {
        commandId: ctx.commandId,
        correlationId: ctx.correlationId,
        ...(ctx.requestHash !== undefined ? { requestHash: ctx.requestHash } : {}),
      },
    );
    const entry = this.calendar.inForce().find((e) => e.table.year === year);
    if (!entry) throw new Error(`calendar: ${year} not in force after it was set`);
    return viewOf(entry);
  }
}

const viewOf = (entry: HolidayYearInForce): HolidayYearView => ({
  year: entry.table.year,
  source: entry.table.source,
  origin: entry.origin,
  holidays: entry.table.holidays,
  makeUpWorkdays: entry.table.makeUpWorkdays,
});
