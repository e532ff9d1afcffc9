import { CaseKind, localDateOf, stepDue } from '@xj/domain';
import { CaseAggregates, CaseCommandOf } from '../cases/case-aggregates';
import { caseDefinitionOf } from '../cases/execute-case-command';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { deterministicUuid } from '../command/deterministic-id';
import { DEADLINE_TIMER_ACTOR, LadderConfig } from './case-timers';
import { DeadlineTimer, TimerStore } from './timer-store.port';

export interface DeadlineTickerOptions {
  /** Between two ticks (DEADLINE_TICK_MS). */
  readonly intervalMs: number;
  /** Timers taken per read of the index (default 500); a tick reads until nothing is due. */
  readonly batchSize?: number;
  /**
   * Cases fired at once (default 64). Their appends meet in the event store's group commit (one
   * fsync for many firings on the embedded store); a case's own timers fire one after the other.
   */
  readonly concurrency?: number;
  /** Told of a firing the case refused (a met or moved deadline: harmless) and of failures. */
  readonly onError?: (error: unknown, timer?: DeadlineTimer) => void;
}

const ID_FIELD: Readonly<Record<CaseKind, string>> = {
  clue: 'clueId',
  referral: 'referralId',
  rectification: 'itemId',
  accountability: 'accountabilityId',
  campaign: 'campaignId',
};

/** The id of a firing: the same step of the same deadline is one command, whoever fires it and when. */
export const alarmCommandId = (timer: Pick<DeadlineTimer, 'caseKind' | 'caseId' | 'rule' | 'dueOn'>, step: string) =>
  deterministicUuid(`deadline-alarm:${timer.caseKind}:${timer.caseId}:${timer.rule}:${timer.dueOn}:${step}`);

/**
 * Fires due timers as events on their cases (issue 15 §2), through the one command path. Once
 * only, across restarts, re-deliveries and two tickers: the command id is derived from case, rule,
 * due date and step, and the command path recognises an id already on the stream; the decider
 * refuses a step that is not due or a deadline the case no longer carries, and decides nothing
 * for a step already fired. A timer is marked fired after its command; the indexer re-arms it
 * from the case's new state with the next step.
 */
export class DeadlineTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly store: TimerStore,
    private readonly executor: CommandExecutor,
    private readonly aggregates: CaseAggregates,
    private readonly config: LadderConfig,
    private readonly clock: { now(): Date },
    private readonly options: DeadlineTickerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One tick: fires every timer due at the clock's now. Returns how many commands it sent. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const at = now.toISOString();
    const today = localDateOf(at);
    const batch = this.options.batchSize ?? 500;
    let sent = 0;
    for (;;) {
      const due = await this.store.due(now.getTime(), batch);
      const byCase = new Map<string, DeadlineTimer[]>();
      for (const timer of due) {
        const key = `${timer.caseKind}:${timer.caseId}`;
        byCase.set(key, [...(byCase.get(key) ?? []), timer]);
      }
      const counts = await inParallel([...byCase.values()], this.options.concurrency ?? 64, async (timers) => {
        let fired = 0;
        for (const timer of timers) {
          const step = stepDue(timer, timer.progress, today, this.config.ladder, this.config.calendar);
          if (step === undefined) continue;
          await this.fire(timer, step, at);
          fired += 1;
        }
        return fired;
      });
      sent += counts.reduce((a, b) => a + b, 0);
      // After every command of the batch: a crash before this re-reads the timers and re-sends the
      // same command ids, which the command path answers without appending.
      await this.store.markFired(due);
      if (due.length < batch) return sent;
    }
  }

  private async fire(timer: DeadlineTimer, step: string, at: string): Promise<void> {
    const kind = timer.caseKind;
    const command = {
      type: 'FireDeadlineAlarm',
      actor: DEADLINE_TIMER_ACTOR,
      at,
      rule: timer.rule,
      dueOn: timer.dueOn,
      step,
      [ID_FIELD[kind]]: timer.caseId,
    } as unknown as CaseCommandOf[typeof kind];
    const commandId = alarmCommandId(timer, step);
    try {
      await this.executor.execute(caseDefinitionOf(this.aggregates, kind), timer.caseId, command, {
        commandId,
        correlationId: commandId,
      });
    } catch (error) {
      // A refusal is final (the deadline was met or moved meanwhile): the timer is done with.
      if (!(error instanceof CommandRejectedError)) throw error;
      this.options.onError?.(error, timer);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}

/** Runs `work` over `items`, at most `limit` at a time; results in the order of `items`. */
const inParallel = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
};
