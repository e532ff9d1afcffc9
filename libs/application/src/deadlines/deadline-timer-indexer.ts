import { CaseKind } from '@xj/domain';
import { CaseAggregates } from '../cases/case-aggregates';
import { caseDefinitionOf } from '../cases/execute-case-command';
import { CommandExecutor } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription } from '../event-store/event-store.types';
import { CATEGORY_OF, KIND_OF_CATEGORY, LadderConfig, timersOfCase } from './case-timers';
import { CaseTimers, TimerStore } from './timer-store.port';

const caseOf = (event: RecordedEvent): { readonly kind: CaseKind; readonly caseId: string } | undefined => {
  const category = event.streamId.split('-')[0] ?? '';
  const kind = KIND_OF_CATEGORY[category];
  return kind ? { kind, caseId: event.streamId.slice(category.length + 1) } : undefined;
};

/** Lets timers and HTTP requests in: with the embedded store every read completes synchronously. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface CatchUpOptions {
  /** Events per read (default 1,000). */
  readonly pageSize?: number;
  /** Events read before the cases they touched are folded and written (default 1,000,000). */
  readonly windowEvents?: number;
  /** Cases folded and written per transaction (default 500). */
  readonly casesPerWrite?: number;
}

export interface DeadlineTimerIndexerOptions {
  readonly onError?: (error: unknown) => void;
  /** Wait before resubscribing after a failure (default 1000 ms). */
  readonly restartDelayMs?: number;
}

/**
 * Keeps the timer index in step with the cases (issue 15 §2), fed by an event-store subscription
 * on the three case categories from the index's own checkpoint, saved in the same write as the
 * timers. For each event it folds the case and replaces its timers with timersOfCase(state):
 * idempotent, so a re-delivered event (at least once) or a rebuild from position 0 (`clear()`)
 * arrives at the same index, and since the ladder's progress is in the state, a rebuild never
 * re-arms a step already fired.
 */
export class DeadlineTimerIndexer {
  private running = false;
  /** Set by stop(): a catch-up in the loop ends after its page. */
  private stopping = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly store: TimerStore,
    private readonly executor: CommandExecutor,
    private readonly aggregates: CaseAggregates,
    private readonly config: LadderConfig,
    private readonly options: DeadlineTimerIndexerOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
  }

  /**
   * Indexes the events after the checkpoint up to the store's head, then returns (start-up, tests,
   * benches, CLI). A case's timers depend only on its state at the head, so the backlog is read
   * first for the cases it touches (in pages of `pageSize` events, up to `windowEvents` at a time),
   * and each of them is then folded ONCE, not once per page it appears in: on a store indexed from
   * zero (an upgrade, a cleared index) that is every case once instead of each long-lived case many
   * times over. The folded cases are written `casesPerWrite` at a time and the window's checkpoint
   * with the last of them, so a crash half-way saves no checkpoint and the window is done again
   * (replacing a case's timers is idempotent). Between writes it yields to the event loop: with the
   * embedded store every read completes synchronously, and the API must answer meanwhile.
   */
  async catchUp(options: CatchUpOptions = {}): Promise<number> {
    const pageSize = options.pageSize ?? 1000;
    const windowEvents = options.windowEvents ?? 1_000_000;
    const casesPerWrite = options.casesPerWrite ?? 500;
    let handled = 0;
    for (;;) {
      const touched = new Map<string, { kind: CaseKind; caseId: string }>();
      let from = await this.store.checkpoint();
      let read = 0;
      while (read < windowEvents) {
        const page = await this.events.readAll({ fromPosition: from, maxCount: pageSize });
        const last = page[page.length - 1];
        if (!last) break;
        for (const event of page) {
          const target = caseOf(event);
          if (target === undefined) continue;
          touched.set(event.streamId, target);
          handled += 1;
        }
        read += page.length;
        from = last.position;
        await yieldToEventLoop();
        if (this.stopping) return handled;
      }
      if (read === 0 || from === undefined) return handled;
      const cases = [...touched.values()];
      for (let first = 0; first < cases.length || first === 0; first += casesPerWrite) {
        const batch = cases.slice(first, first + casesPerWrite);
        const timers = await Promise.all(batch.map(({ kind, caseId }) => this.timersOf(kind, caseId)));
        const lastBatch = first + casesPerWrite >= cases.length;
        await this.store.replaceCases(timers, lastBatch ? from : undefined);
        await yieldToEventLoop();
        if (this.stopping && !lastBatch) return handled;
      }
      if (this.stopping) return handled;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // The backlog in pages (each case folded once per page), then event by event.
        await this.catchUp();
        const from = await this.store.checkpoint();
        if (!this.running) return;
        this.subscription = this.events.subscribe({
          fromPosition: from,
          filter: { categories: Object.values(CATEGORY_OF) },
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
    const target = caseOf(event);
    if (!target) return;
    await this.store.replaceCases([await this.timersOf(target.kind, target.caseId)], event.position);
  }

  /** The case's timers as its whole stream now says (idempotent: a re-delivery changes nothing). */
  private async timersOf(kind: CaseKind, caseId: string): Promise<CaseTimers> {
    const { state } = await this.executor.load(caseDefinitionOf(this.aggregates, kind), caseId);
    return { caseKind: kind, caseId, timers: timersOfCase(kind, caseId, state, this.config) };
  }

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
