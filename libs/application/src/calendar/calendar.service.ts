import {
  Actor,
  BusinessCalendar,
  CALENDAR_CATEGORY,
  CALENDAR_FILES_USER_ID,
  CALENDAR_STREAM_ID,
  CalendarCommand,
  CalendarEvent,
  CalendarSource,
  CalendarState,
  HolidayYearInForce,
  Instant,
  LocalDate,
  addDays,
  createCalendarDecider,
  holidayYearsInForce,
  isYearRecorded,
} from '@xj/domain';
import { AggregateDefinition, streamIdOf } from '../command/aggregate-definition';
import { CommandContext, CommandExecutor, CommandOutcome } from '../command/command-executor';
import { deterministicUuid } from '../command/deterministic-id';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription } from '../event-store/event-store.types';

/** The system as the calendar decider knows it when it records the files' years. */
export const CALENDAR_FILES_ACTOR: Actor = {
  userId: CALENDAR_FILES_USER_ID,
  role: 'Administrator',
  position: 'Head',
  orgId: 'system',
  regionId: '',
};

/** The command id of recording a file's year: the same in every process and after every restart. */
export const holidayYearFileCommandId = (year: number): string => deterministicUuid(`record-holiday-year-file:${year}`);

/** How long before a year starts its missing table is reported (issue 15 §4: 60 days). */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * The business calendar every decider of this process uses, following the calendar stream
 * (`calendar-prc`) at run time: the shipped and file tables (`base`) overridden year by year by the
 * ones set through the API. Every process (API replicas, the worker) holds one:
 * - `start()` catches up and then follows the stream through a subscription filtered to the
 *   calendar category, so a table set on another replica reaches this one without a restart;
 * - `refresh()` reads what the stream holds beyond what is known (one short read), and `set()`
 *   refreshes after its own append, so the next command in this process decides with the new
 *   table at once.
 * Replay does not depend on it: every computed deadline is recorded on its event.
 */
export class CalendarService implements CalendarSource {
  readonly definition: AggregateDefinition<CalendarCommand, CalendarState, CalendarEvent>;
  private state: CalendarState = { years: {} };
  private revision: bigint | undefined;
  private lastPosition: bigint | undefined;
  private calendar: BusinessCalendar;
  private subscription: Subscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly base: readonly HolidayYearInForce[],
  ) {
    this.definition = { category: CALENDAR_CATEGORY, decider: createCalendarDecider(base), schemaVersion: 1 };
    this.calendar = this.build();
  }

  current(): BusinessCalendar {
    return this.calendar;
  }

  /** The tables in force, by year, with where each came from. */
  inForce(): readonly HolidayYearInForce[] {
    return holidayYearsInForce(this.base, this.state);
  }

  /**
   * The years without a table that matter today: this year, and the next one from
   * {@link CALENDAR_WARNING_DAYS} days before it starts (deadlines counted now already reach it).
   */
  missingYears(today: LocalDate): number[] {
    const years = new Set([Number(today.slice(0, 4)), Number(addDays(today, CALENDAR_WARNING_DAYS).slice(0, 4))]);
    return [...years].filter((year) => !this.calendar.hasTableFor(year));
  }

  /** Reads the calendar stream past the last revision known here. */
  async refresh(): Promise<void> {
    const fromRevision = this.revision === undefined ? 0n : this.revision + 1n;
    const events = await this.store.readStream(this.streamId, { fromRevision });
    for (const event of events) this.apply(event);
  }

  /** Sets a year's table (the decider checks role and table), then decides with it from now on. */
  async set(command: CalendarCommand, context: CommandContext): Promise<CommandOutcome<CalendarState>> {
    const outcome = await new CommandExecutor(this.store).execute(
      this.definition,
      CALENDAR_STREAM_ID,
      command,
      context,
    );
    await this.refresh();
    return outcome;
  }

  /**
   * Records on the stream each file year it does not hold yet (origin File, by the system), so the
   * recount process treats a table added by file as one set through the API. The command id is
   * the year's: two processes starting at once, or a restart after a crash, write it once. Returns
   * the years recorded (two processes racing may both name a year they wrote once).
   */
  async recordFileYears(at: Instant): Promise<number[]> {
    await this.refresh();
    const recorded: number[] = [];
    for (const { table, origin } of this.base) {
      if (origin !== 'File' || isYearRecorded(this.state, table.year)) continue;
      const commandId = holidayYearFileCommandId(table.year);
      const outcome = await new CommandExecutor(this.store).execute(
        this.definition,
        CALENDAR_STREAM_ID,
        { type: 'RecordHolidayYearFile', actor: CALENDAR_FILES_ACTOR, at, year: table.year },
        { commandId, correlationId: commandId },
      );
      if (outcome.eventTypes.length > 0 && !outcome.replayed) recorded.push(table.year);
    }
    await this.refresh();
    return recorded;
  }

  /** Catches up, then follows the calendar stream live. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.subscription) return;
    const fromPosition = this.lastPosition;
    this.subscription = this.store.subscribe({
      ...(fromPosition !== undefined ? { fromPosition } : {}),
      filter: { categories: [CALENDAR_CATEGORY] },
      handler: async (event) => {
        if (event.streamId !== this.streamId) return;
        if (this.revision !== undefined && event.revision <= this.revision) return;
        if (event.revision === (this.revision ?? -1n) + 1n) this.apply(event);
        else await this.refresh();
      },
    });
    // A failed subscription leaves the last calendar in force; refresh() still reads on demand.
    this.subscription.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  private get streamId(): string {
    return streamIdOf(CALENDAR_CATEGORY, CALENDAR_STREAM_ID);
  }

  private apply(event: RecordedEvent): void {
    this.state = this.definition.decider.evolve(this.state, {
      type: event.type,
      data: event.data,
    } as unknown as CalendarEvent);
    this.revision = event.revision;
    this.lastPosition = event.position;
    this.calendar = this.build();
  }

  private build(): BusinessCalendar {
    return new BusinessCalendar(this.inForce().map((entry) => entry.table));
  }
}
