import { CLUE_CATEGORY } from '@xj/domain';
import { CaseAggregates } from '../cases/case-aggregates';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription } from '../event-store/event-store.types';
import { ReadModelStore } from '../read-models/read-model-store.port';
import { PLAN_SUBMITTED_EVENT, assignmentsOfPlanEvent } from './rectification-assignment';

/** Where a reported failure happened: a clue's plan, and the item when one was being assigned. */
export interface PlanFailureContext {
  readonly clueId: string;
  readonly itemId?: string;
}

export interface RectificationPlanProcessOptions {
  /**
   * Told of every failure: an assignment the domain refused (the manager moves on to the next
   * item) and a feed or store failure (the manager resubscribes from its saved checkpoint).
   */
  readonly onError?: (error: unknown, context?: PlanFailureContext) => void;
  /** Other clue events handled between two checkpoint saves, at most (default 200). */
  readonly checkpointEvery?: number;
  /** After this long with no event, the position reached is saved (default 1000 ms). */
  readonly idleSaveMs?: number;
  /** Wait before resubscribing after a failure (default 1000 ms). */
  readonly restartDelayMs?: number;
}

/**
 * C7 → §4.3, durably: every item of a submitted rectification plan becomes a RectificationItem.
 * The API assigns the items within the plan request so that clients see them at once; if that
 * process dies between the clue's event and the items, this manager — fed by an event-store
 * subscription on the `clue` category that resumes from its saved checkpoint — assigns them.
 * Both run the same commands with the same command ids (rectification-assignment.ts), and the
 * command path recognises an id already on the stream, so each item is assigned once whichever
 * runs first, or both at once.
 *
 * At least once: an event handled but not yet checkpointed is handled again after a restart,
 * which writes nothing for the same reason.
 */
export class RectificationPlanProcessManager {
  /** The checkpoint is kept with the read models' (a projection name and version of its own). */
  static readonly CHECKPOINT_NAME = 'rectification-plan-process';
  static readonly CHECKPOINT_VERSION = 1;

  private readonly checkpointEvery: number;
  private readonly idleSaveMs: number;
  private readonly restartDelayMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private handled: bigint | undefined;
  private saved: bigint | undefined;
  private sinceSave = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly checkpoints: ReadModelStore,
    private readonly executor: CommandExecutor,
    private readonly aggregates: Pick<CaseAggregates, 'clue' | 'rectification'>,
    private readonly options: RectificationPlanProcessOptions = {},
  ) {
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 200);
    this.idleSaveMs = options.idleSaveMs ?? 1000;
    this.restartDelayMs = options.restartDelayMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the subscription (the event in hand is finished first) and saves the position reached. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
    try {
      await this.save();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Subscribes from the saved checkpoint; after a failure, waits and does so again. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        const from = await this.checkpoints.checkpoint(
          RectificationPlanProcessManager.CHECKPOINT_NAME,
          RectificationPlanProcessManager.CHECKPOINT_VERSION,
        );
        if (!this.running) return;
        this.handled = this.saved = from;
        this.sinceSave = 0;
        this.subscription = this.events.subscribe({
          fromPosition: from,
          filter: { categories: [CLUE_CATEGORY] },
          handler: (event) => this.handle(event),
        });
        await this.subscription.done;
      } catch (error) {
        this.options.onError?.(error);
      }
      this.subscription = undefined;
      this.clearIdle();
      if (this.running) await this.delay(this.restartDelayMs);
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    this.clearIdle();
    if (event.type === PLAN_SUBMITTED_EVENT) {
      await this.assignPlan(event);
      this.handled = event.position;
      // Plans are rare and each costs a load and several commands: never redo one needlessly.
      await this.save();
    } else {
      this.handled = event.position;
      this.sinceSave += 1;
      if (this.sinceSave >= this.checkpointEvery) await this.save();
    }
    this.armIdle();
  }

  private async assignPlan(event: RecordedEvent): Promise<void> {
    const clueId = event.streamId.slice(CLUE_CATEGORY.length + 1);
    const { state } = await this.executor.load(this.aggregates.clue, clueId);
    const plan = assignmentsOfPlanEvent(event, state);
    if (!plan) {
      this.options.onError?.(new Error(`Clue ${clueId} has a plan but no registration to assign its items from.`), {
        clueId,
      });
      return;
    }
    for (const { itemId, commandId, command } of plan.assignments) {
      try {
        await this.executor.execute(this.aggregates.rectification, itemId, command, { ...plan.context, commandId });
      } catch (error) {
        // A refusal is final (it would be refused again), so it must not hold up later plans;
        // anything else (the store, a conflict) may pass, and stops the feed to be retried.
        if (!(error instanceof CommandRejectedError)) throw error;
        this.options.onError?.(error, { clueId, itemId });
      }
    }
  }

  private async save(): Promise<void> {
    const position = this.handled;
    if (position === undefined || (this.saved !== undefined && position <= this.saved)) return;
    await this.checkpoints.commit(
      RectificationPlanProcessManager.CHECKPOINT_NAME,
      RectificationPlanProcessManager.CHECKPOINT_VERSION,
      [],
      position,
    );
    if (this.saved === undefined || position > this.saved) this.saved = position;
    this.sinceSave = 0;
  }

  /** Saves once the feed goes quiet; a failing save stops the feed, which resumes from the last saved checkpoint. */
  private armIdle(): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.save().catch((error: unknown) => {
        this.options.onError?.(error);
        void this.subscription?.stop();
      });
    }, this.idleSaveMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
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
