import { DynamicModule, Inject, Logger, Module, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CLOCK, CalendarService, Clock, EVENT_STORE, EventStore } from '@xj/application';
import { BusinessCalendar, DomainConfig, HolidayYearInForce, createDomainConfig } from '@xj/domain';
import { AppConfig } from '../config/app-config';
import { loadHolidayYears } from './holiday-year-files';

/**
 * The calendar of one process, created before the DI container so that the DomainConfig every
 * decider is built with reads through it: `domainConfig.calendar` is the CalendarService's
 * calendar once the module has started it (it catches up before the application serves), the
 * shipped and file tables until then.
 */
export class CalendarWiring {
  readonly base: readonly HolidayYearInForce[];
  readonly domainConfig: DomainConfig;
  private service: CalendarService | undefined;

  /** Loads the files under `$DATA_DIR/calendar/` (a bad file throws: the process does not start). */
  constructor(config: Pick<AppConfig, 'dataDir'>) {
    this.base = loadHolidayYears(config);
    const fallback = new BusinessCalendar(this.base.map((entry) => entry.table));
    this.domainConfig = createDomainConfig({
      calendarSource: { current: () => this.service?.current() ?? fallback },
    });
  }

  attach(store: EventStore): CalendarService {
    this.service ??= new CalendarService(store, this.base);
    return this.service;
  }

  module(): DynamicModule {
    return {
      module: CalendarModule,
      providers: [
        {
          provide: CalendarService,
          useFactory: (store: EventStore) => this.attach(store),
          inject: [EVENT_STORE],
        },
      ],
      exports: [CalendarService],
    };
  }
}

/**
 * Starts the calendar (catch-up, then the subscription) before the application serves, recording
 * first the file years the stream does not hold yet (so their provisional deadlines are recounted,
 * as after a PUT); stops it before the store closes.
 */
@Module({})
export class CalendarModule implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    @Inject(CalendarService) private readonly calendar: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      await this.calendar.recordFileYears(this.clock.now().toISOString());
    } catch (error) {
      // The files are in force either way; a store that cannot take the record now (read-only, down)
      // must not stop the start: the next start records the year and the recount follows then.
      new Logger('calendar').warn(`calendar files not recorded on the stream: ${String(error)}`);
    }
    await this.calendar.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.calendar.stop();
  }
}
