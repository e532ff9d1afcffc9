import { fold, isDomainError } from '@xj/domain';
import { EventStore } from '../event-store/event-store.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventActor, RecordedEvent } from '../event-store/event-store.types';
import { AggregateDefinition, streamIdOf } from './aggregate-definition';
import { CommandRejectedError, ConcurrencyExhaustedError, RevisionMismatchError } from './command-errors';
import { deterministicUuid } from './deterministic-id';

/** Where a command comes from: ids for tracing and, optionally, the revision the client pinned. */
export interface CommandContext {
  /** Unique per command; event ids derive from it, so re-executing the same command is a no-op. */
  readonly commandId: string;
  readonly correlationId: string;
  /** The message that caused this command; the command itself when it came from a user. */
  readonly causationId?: string;
  /** If-Match: the revision the client saw (`'no_stream'` for "must not exist"); no retries then. */
  readonly expectedRevision?: bigint | 'no_stream';
  /** Extra metadata recorded on every event (e.g. rulebook version); JSON values only. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

export interface CommandOutcome<S> {
  readonly streamId: string;
  /** Stream revision after the command (undefined: the stream still does not exist). */
  readonly revision: bigint | undefined;
  /** Global position of the last event this command wrote (or of the stream head if it wrote none). */
  readonly position: bigint | undefined;
  readonly state: S;
  /** Types of the events this command produced (empty when it changed nothing). */
  readonly eventTypes: readonly string[];
  /** True when the command had already been executed and nothing was written now. */
  readonly replayed: boolean;
}

export interface CommandExecutorOptions {
  /** Unpinned attempts on a concurrency conflict before giving up. */
  readonly maxAttempts?: number;
}

/**
 * The one generic command path (emmett style): load the stream, fold, decide, append with the
 * expected revision; on a concurrency conflict retry a bounded number of times unless the client
 * pinned a revision. A command already executed (its command id is on the stream) is not decided
 * again: its original outcome is returned.
 */
export class CommandExecutor {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    options: CommandExecutorOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  async execute<C extends { readonly actor: EventActor }, S, E extends { readonly type: string; readonly data: object }>(
    definition: AggregateDefinition<C, S, E>,
    aggregateId: string,
    command: C,
    context: CommandContext,
    /** Called with the current state before anything else; throws (e.g. CaseNotVisibleError) to stop. */
    guard?: (state: S) => void,
  ): Promise<CommandOutcome<S>> {
    const streamId = streamIdOf(definition.category, aggregateId);
    for (let attempt = 1; ; attempt += 1) {
      const history = await this.store.readStream(streamId);
      const head = history[history.length - 1];
      const state = fold(definition.decider, history.map(toDomainEvent<E>));
      guard?.(state);
      const already = history.filter((e) => e.metadata.commandId === context.commandId);
      if (already.length > 0) {
        const last = already[already.length - 1] as RecordedEvent;
        return { streamId, revision: head?.revision, position: last.position, state, eventTypes: already.map((e) => e.type), replayed: true };
      }
      this.checkPinned(context, head);
      const decision = definition.decider.decide(command, state);
      if (isDomainError(decision)) throw new CommandRejectedError(decision);
      if (decision.length === 0) {
        return { streamId, revision: head?.revision, position: head?.position, state, eventTypes: [], replayed: false };
      }
      const actor = { userId: command.actor.userId, role: command.actor.role, orgId: command.actor.orgId };
      const events = decision.map((event, index) => ({
        eventId: deterministicUuid(`${context.commandId}:${index}`),
        type: event.type,
        data: event.data,
        metadata: {
          ...context.metadata,
          schemaVersion: definition.schemaVersion,
          actor,
          commandId: context.commandId,
          correlationId: context.correlationId,
          causationId: context.causationId ?? context.commandId,
        },
      }));
      try {
        const result = await this.store.append(streamId, events, head ? head.revision : 'no_stream');
        const next = decision.reduce(definition.decider.evolve, state);
        return { streamId, revision: result.nextRevision, position: result.position, state: next, eventTypes: events.map((e) => e.type), replayed: false };
      } catch (error) {
        const conflict = error instanceof EventStoreError && error.code === 'STREAM.WRONG_EXPECTED_REVISION';
        if (!conflict) throw error;
        if (context.expectedRevision !== undefined) {
          throw new RevisionMismatchError(String(context.expectedRevision), String(error.details['actual'] ?? 'unknown'));
        }
        if (attempt >= this.maxAttempts) throw new ConcurrencyExhaustedError(attempt);
      }
    }
  }

  /** Loads and folds a stream: the single definition of a case's current state for reads. */
  async load<C, S, E extends { readonly type: string; readonly data: object }>(
    definition: AggregateDefinition<C, S, E>,
    aggregateId: string,
  ): Promise<{ readonly state: S; readonly revision: bigint | undefined; readonly position: bigint | undefined }> {
    const history = await this.store.readStream(streamIdOf(definition.category, aggregateId));
    const head = history[history.length - 1];
    return { state: fold(definition.decider, history.map(toDomainEvent<E>)), revision: head?.revision, position: head?.position };
  }

  private checkPinned(context: CommandContext, head: RecordedEvent | undefined): void {
    const pinned = context.expectedRevision;
    if (pinned === undefined) return;
    const actual = head ? head.revision : 'no_stream';
    if (pinned !== actual) throw new RevisionMismatchError(String(pinned), String(actual));
  }
}

/** Stored events are trusted: they were produced by the decider (upcasters would go here). */
const toDomainEvent = <E>(event: RecordedEvent): E => ({ type: event.type, data: event.data }) as E;
