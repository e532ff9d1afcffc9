import { CaseAggregates } from '../cases/case-aggregates';
import { caseDefinitionOf } from '../cases/execute-case-command';
import { CommandExecutor } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription } from '../event-store/event-store.types';
import { CATEGORY_OF, KIND_OF_CATEGORY, LadderConfig, timersOfCase } from './case-timers';
import { TimerStore } from './timer-store.port';

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
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
  }

  /** Indexes the events after the checkpoint up to the store's head, then returns (tests, benches, CLI). */
  async catchUp(): Promise<number> {
    let handled = 0;
    for (;;) {
      const from = await this.store.checkpoint();
      const page = await this.events.readAll({ fromPosition: from, maxCount: 1000 });
      const relevant = page.filter((e) => KIND_OF_CATEGORY[e.streamId.split('-')[0] ?? ''] !== undefined);
      for (const event of relevant) await this.handle(event);
      const last = page[page.length - 1];
      if (!last) return handled;
      if (relevant[relevant.length - 1] !== last) await this.store.replaceCases([], last.position);
      handled += relevant.length;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
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
    const category = event.streamId.split('-')[0] ?? '';
    const kind = KIND_OF_CATEGORY[category];
    if (!kind) return;
    const caseId = event.streamId.slice(category.length + 1);
    const { state } = await this.executor.load(caseDefinitionOf(this.aggregates, kind), caseId);
    const timers = timersOfCase(kind, caseId, state, this.config);
    await this.store.replaceCases([{ caseKind: kind, caseId, timers }], event.position);
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
