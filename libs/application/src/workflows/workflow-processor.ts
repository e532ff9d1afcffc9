import { Workflow, WorkflowCommand, WorkflowEvent } from '@xj/domain';
import { CaseAggregates } from '../cases/case-aggregates';
import { caseDefinitionOf } from '../cases/execute-case-command';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { deterministicUuid } from '../command/deterministic-id';
import { categoryOf } from '../event-store/append-preparation';
import { EventStore } from '../event-store/event-store.port';
import { JsonValue, RecordedEvent, Subscription } from '../event-store/event-store.types';
import { ReadModelStore } from '../read-models/read-model-store.port';

/** DI token for the list of workflows the processor runs (composition: one line per workflow). */
export const WORKFLOWS = Symbol('WORKFLOWS');

/** Where a reported failure happened. */
export interface WorkflowFailureContext {
  readonly workflow: string;
  readonly instanceId?: string;
  /** Global position of the event being handled. */
  readonly position?: string;
  readonly command?: { readonly kind: string; readonly id: string; readonly type: string };
}

export interface WorkflowProcessorOptions {
  /**
   * Told of every failure: a command the domain refused (final: the processor moves on) and a
   * feed or store failure (the processor resubscribes from the saved checkpoints).
   */
  readonly onError?: (error: unknown, context?: WorkflowFailureContext) => void;
  /** Events a workflow passes over between two checkpoint saves, at most (default 200). */
  readonly checkpointEvery?: number;
  /** After this long with no event, the positions reached are saved (default 1000 ms). */
  readonly idleSaveMs?: number;
  /** Wait before resubscribing after a failure (default 1000 ms). */
  readonly restartDelayMs?: number;
}

/** The read-model projection holding a workflow's checkpoint and its instances' state. */
export const workflowStoreName = (workflow: Pick<Workflow<unknown>, 'name'>): string => `workflow-${workflow.name}`;
/** The collection of a workflow's instance states: `{ _id: instance, _position, state }`. */
export const WORKFLOW_INSTANCES = 'instances';

interface Track {
  readonly workflow: Workflow<unknown>;
  readonly store: string;
  /** Position of the last event this workflow is done with (undefined: none yet). */
  handled: bigint | undefined;
  saved: bigint | undefined;
}

/**
 * Runs workflows (pure decide/evolve, libs/domain) from one checkpointed event-store subscription.
 *
 * Each workflow has its own checkpoint and instance states in the read-model store, so one added
 * later (or a new version) starts from the first event while the others carry on; the
 * subscription starts after the lowest checkpoint. For an event a workflow consumes: load the
 * instance's state, `decide`, send the commands through the command path (CommandExecutor, as
 * HTTP commands go) with ids derived from their keys, then store `evolve`'s state together with
 * the workflow's checkpoint (one transaction in the embedded store).
 *
 * At least once: a crash between two commands of one event leaves the state and checkpoint before
 * that event, so it is decided again from the same state — the same commands, the same ids — and
 * the command path answers those already on their streams as replays, writing nothing. Two
 * processors on the same stores act once for the same reason; a state stored at or after an
 * event's position says its commands were all sent, and the event is passed over. A refusal by the
 * domain is final and reported; any other failure stops the feed, which resumes from the checkpoints.
 */
export class WorkflowProcessor {
  private readonly checkpointEvery: number;
  private readonly idleSaveMs: number;
  private readonly restartDelayMs: number;
  private readonly tracks: Track[];
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private sinceSave = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    private readonly executor: CommandExecutor,
    private readonly aggregates: CaseAggregates,
    workflows: readonly Workflow<unknown>[],
    private readonly options: WorkflowProcessorOptions = {},
  ) {
    const names = new Set(workflows.map((w) => w.name));
    if (names.size !== workflows.length) throw new Error('Two workflows share a name.');
    this.tracks = workflows.map((workflow) => ({
      workflow,
      store: workflowStoreName(workflow),
      handled: undefined,
      saved: undefined,
    }));
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 200);
    this.idleSaveMs = options.idleSaveMs ?? 1000;
    this.restartDelayMs = options.restartDelayMs ?? 1000;
  }

  start(): void {
    if (this.running || this.tracks.length === 0) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the subscription (the event in hand is finished first) and saves the positions reached. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.subscription?.stop();
    await this.loop;
    this.clearIdle();
    try {
      await this.save();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** The saved checkpoint of each workflow (decimal strings; null before its first). */
  async checkpoints(): Promise<Record<string, string | null>> {
    const entries = await Promise.all(
      this.tracks.map(async ({ workflow, store }) => {
        const position = await this.store.checkpoint(store, workflow.version);
        return [workflow.name, position === undefined ? null : String(position)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Subscribes after the lowest saved checkpoint; after a failure, waits and does so again. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        for (const track of this.tracks) {
          track.handled = track.saved = await this.store.checkpoint(track.store, track.workflow.version);
        }
        if (!this.running) return;
        this.sinceSave = 0;
        const positions = this.tracks.map((t) => t.handled);
        const from = positions.includes(undefined)
          ? undefined
          : positions.reduce((low, p) => (p !== undefined && low !== undefined && p < low ? p : low));
        const categories = [...new Set(this.tracks.flatMap((t) => t.workflow.categories))];
        this.subscription = this.events.subscribe({
          fromPosition: from,
          filter: { categories },
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
    const input = workflowEventOf(event);
    for (const track of this.tracks) {
      if (track.handled !== undefined && event.position <= track.handled) continue;
      const { workflow } = track;
      const consumed = workflow.categories.includes(input.category) && workflow.eventTypes.includes(input.type);
      const instanceId = consumed ? workflow.instanceOf(input) : undefined;
      if (instanceId === undefined) track.handled = event.position;
      else await this.step(track, input, event, instanceId);
    }
    this.sinceSave += 1;
    if (this.sinceSave >= this.checkpointEvery) await this.save();
    this.armIdle();
  }

  private async step(track: Track, input: WorkflowEvent, event: RecordedEvent, instanceId: string): Promise<void> {
    const { workflow, store } = track;
    const doc = await this.store.get(store, WORKFLOW_INSTANCES, instanceId, workflow.version);
    // Stored at or after this event: its commands were all sent before the state was (another
    // processor's, or a commit the checkpoint did not follow into: MongoDB saves them apart).
    if (doc === undefined || BigInt(doc._position) < event.position) {
      const state = doc === undefined ? workflow.initialState() : (doc['state'] as unknown);
      for (const command of workflow.decide(input, state)) await this.send(track, command, event, instanceId);
      const next = workflow.evolve(state, input);
      const position = String(event.position);
      await this.store.commit(
        store,
        workflow.version,
        [
          {
            collection: WORKFLOW_INSTANCES,
            id: instanceId,
            doc: { _id: instanceId, _position: position, state: next as JsonValue },
          },
        ],
        event.position,
      );
      track.saved = event.position;
    }
    track.handled = event.position;
  }

  private async send(track: Track, command: WorkflowCommand, event: RecordedEvent, instanceId: string): Promise<void> {
    try {
      await this.executor.execute(caseDefinitionOf(this.aggregates, command.kind), command.id, command.command, {
        commandId: deterministicUuid(command.key),
        correlationId: event.metadata.correlationId,
        causationId: event.eventId,
      });
    } catch (error) {
      // A refusal is final (it would be refused again): report it and go on. Anything else (the
      // store, a conflict) may pass: it stops the feed, to be retried from the checkpoint.
      if (!(error instanceof CommandRejectedError)) throw error;
      this.options.onError?.(error, {
        workflow: track.workflow.name,
        instanceId,
        position: String(event.position),
        command: { kind: command.kind, id: command.id, type: command.command.type },
      });
    }
  }

  /** Saves every workflow's position reached that is not saved yet. */
  private async save(): Promise<void> {
    for (const track of this.tracks) {
      const position = track.handled;
      if (position === undefined || (track.saved !== undefined && position <= track.saved)) continue;
      await this.store.commit(track.store, track.workflow.version, [], position);
      track.saved = position;
    }
    this.sinceSave = 0;
  }

  /** Saves once the feed goes quiet; a failing save stops the feed, which resumes from the saved checkpoints. */
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

/** A stored event as workflows see it: `clue-42` → category `clue`, stream id `42`. */
const workflowEventOf = (event: RecordedEvent): WorkflowEvent => {
  const category = categoryOf(event.streamId);
  return {
    category,
    streamId: event.streamId.slice(category.length + 1),
    eventId: event.eventId,
    type: event.type,
    data: event.data,
  };
};
