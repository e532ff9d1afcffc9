import { CALENDAR_CATEGORY, HolidayYearSetData } from '@xj/domain';
import { CaseAggregates, CaseKind } from '../cases/case-aggregates';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription } from '../event-store/event-store.types';
import { PROVISIONAL_CASES, PROVISIONAL_DEADLINES } from '../projections/provisional-deadlines.projection';
import { ReadModelStore } from '../read-models/read-model-store.port';
import {
  CalendarChange,
  CaseDeadlines,
  HOLIDAY_YEAR_SET_EVENT,
  calendarChangeOf,
  openDeadlinesOf,
  planRecomputes,
} from './deadline-recompute.plan';

/** Where a reported failure happened. */
export interface RecomputeFailureContext {
  readonly year: number;
  readonly kind?: CaseKind;
  readonly caseId?: string;
}

export interface DeadlineRecomputeOptions {
  /** Told of every failure: a recount the domain refused (the process moves on) and a feed or store failure (it resumes from its checkpoint). */
  readonly onError?: (error: unknown, context?: RecomputeFailureContext) => void;
  /** How long to wait for the provisional-deadline index to reach the calendar event (default 60 s). */
  readonly indexWaitMs?: number;
  /** Wait before resubscribing after a failure (default 1000 ms). */
  readonly restartDelayMs?: number;
  /** Cases read from the index per page (default 500). */
  readonly pageSize?: number;
}

/** The calendar this process decides with, brought up to date before a recount (the CalendarService). */
export interface RefreshableCalendar {
  refresh(): Promise<void>;
}

/** The index's read-your-writes (the ProjectionRunner). */
export interface IndexFreshness {
  waitFor(position: bigint, timeoutMs: number, projections?: readonly string[]): Promise<boolean>;
}

const KINDS: Readonly<Record<string, CaseKind>> = {
  clue: 'clue',
  referral: 'referral',
  rectification: 'rectification',
  campaign: 'campaign',
};

/**
 * Issue 15 §4, durably: when a year's holiday table is set (HolidayYearSet on `calendar-prc`), every
 * open provisional deadline reaching that year is recounted through the one command path. Fed by
 * an event-store subscription on the `calendar` category that resumes from its saved checkpoint;
 * for each table it brings this process's calendar up to date, waits until the
 * provisional-deadline index has seen the event, loads each indexed case, plans
 * (deadline-recompute.plan.ts) and sends the commands. The checkpoint is saved after each table.
 *
 * At least once: a table handled but not checkpointed is handled again after a restart; the
 * commands carry deterministic ids, so the command path writes nothing the second time (and two
 * processes running at once write each recount once). A refusal (the deadline was met meanwhile)
 * is final and reported; anything else stops the feed, which resumes from the checkpoint.
 *
 * Not a workflow on the WorkflowProcessor: a workflow routes each event to one instance and decides
 * from that instance's stored state, while one table fans out to every case the index names and the
 * open deadlines come from loading each case with the refreshed calendar. It runs beside the
 * processor (ProcessesModule); the planning is pure (deadline-recompute.plan.ts).
 */
export class DeadlineRecomputeProcess {
  static readonly CHECKPOINT_NAME = 'deadline-recompute-process';
  static readonly CHECKPOINT_VERSION = 1;

  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly executor: CommandExecutor,
    private readonly aggregates: CaseAggregates,
    private readonly calendar: RefreshableCalendar,
    private readonly index: IndexFreshness,
    private readonly options: DeadlineRecomputeOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the subscription; the table in hand is finished first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const from = await this.readModels.checkpoint(
          DeadlineRecomputeProcess.CHECKPOINT_NAME,
          DeadlineRecomputeProcess.CHECKPOINT_VERSION,
        );
        if (!this.running) return;
        this.subscription = this.events.subscribe({
          ...(from !== undefined ? { fromPosition: from } : {}),
          filter: { categories: [CALENDAR_CATEGORY] },
          handler: (event) => this.handle(event),
        });
        await this.subscription.done;
      } catch (error) {
        this.options.onError?.(error);
      }
      this.subscription = undefined;
      if (this.running) await this.delay(this.options.restartDelayMs ?? 1000);
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    if (event.type === HOLIDAY_YEAR_SET_EVENT) {
      await this.recount(calendarChangeOf(event.eventId, event.data as unknown as HolidayYearSetData), event.position);
    }
    await this.readModels.commit(
      DeadlineRecomputeProcess.CHECKPOINT_NAME,
      DeadlineRecomputeProcess.CHECKPOINT_VERSION,
      [],
      event.position,
    );
  }

  private async recount(change: CalendarChange, position: bigint): Promise<void> {
    await this.calendar.refresh();
    const indexed = await this.index.waitFor(position, this.options.indexWaitMs ?? 60_000, [PROVISIONAL_DEADLINES]);
    if (!indexed) throw new Error(`The provisional-deadline index has not reached the ${change.year} table yet.`);
    const pageSize = this.options.pageSize ?? 500;
    for (let skip = 0; ; skip += pageSize) {
      const page = await this.readModels.find(PROVISIONAL_DEADLINES, PROVISIONAL_CASES, {
        filter: { years: change.year },
        skip,
        limit: pageSize,
      });
      for (const doc of page.items) await this.recountCase(change, doc['kind'], doc['caseId']);
      if (page.items.length < pageSize) return;
    }
  }

  private async recountCase(change: CalendarChange, kindValue: unknown, caseId: unknown): Promise<void> {
    const kind = typeof kindValue === 'string' ? KINDS[kindValue] : undefined;
    if (kind === undefined || typeof caseId !== 'string') return;
    const definition = this.aggregates[kind] as CaseAggregates['clue'];
    const { state } = await this.executor.load(definition, caseId);
    const deadlines: CaseDeadlines = openDeadlinesOf(kind, caseId, state);
    for (const { commandId, command } of planRecomputes(change, [deadlines])) {
      try {
        await this.executor.execute(definition, caseId, command as Parameters<typeof definition.decider.decide>[0], {
          commandId,
          correlationId: change.eventId,
          causationId: change.eventId,
        });
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        this.options.onError?.(error, { year: change.year, kind, caseId });
      }
    }
  }

  /** A wait that stop() cuts short. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
