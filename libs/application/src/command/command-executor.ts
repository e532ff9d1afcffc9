import { fold, isDomainError } from '@xj/domain';
import { EventStore } from '../event-store/event-store.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventActor, RecordedEvent } from '../event-store/event-store.types';
import { AggregateDefinition, streamIdOf } from './aggregate-definition';
import {
  CommandRejectedError,
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  RevisionMismatchError,
} from './command-errors';
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
  /**
   * Hash of the request this command answers (Idempotency-Key), recorded on its events as
   * `requestHash`: another request under the same key is refused (IdempotencyKeyReusedError)
   * from the stream itself, even when the key's answer was never recorded.
   */
  readonly requestHash?: string;
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
  /**
   * True when the command had already been executed and nothing was written now; revision,
   * position and state are then those of the command's own last event, as first answered.
   */
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
 * again: its original outcome is returned — also when another attempt of it (a retry racing the
 * first) wins the append, which then fails with a conflict for this one.
 */
export class CommandExecutor {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    options: CommandExecutorOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  async execute<
    C extends { readonly actor: EventActor },
    S,
    E extends { readonly type: string; readonly data: object },
  >(
    definition: AggregateDefinition<C, S, E>,
    aggregateId: string,
    command: C,
    context: CommandContext,
    /** Called with the current state before anything else; throws (e.g. CaseNotVisibleError) to stop. */
    guard?: (state: S) => void,
  ): Promise<CommandOutcome<S>> {
    const streamId = streamIdOf(definition.category, aggregateId);
    let history = await this.store.readStream(streamId);
    for (let attempt = 1; ; attempt += 1) {
      const head = history[history.length - 1];
      const state = fold(definition.decider, history.map(toDomainEvent<E>));
      guard?.(state);
      const replay = replayOf(definition, streamId, history, context);
      if (replay) return replay;
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
          ...(context.requestHash === undefined ? {} : { requestHash: context.requestHash }),
          schemaVersion: definition.schemaVersion,
          actor,
          commandId: context.commandId,
          correlationId: context.correlationId,
          causationId: context.causationId ?? context.commandId,
        },
      }));
      try {
        const result = await this.store.append(streamId, events, head ? head.revision : 'no_stream');
        let next: S | undefined;
        return {
          streamId,
          revision: result.nextRevision,
          position: result.position,
          // Folded when first read: most callers never read it (a ledger import line, a workflow
          // step), and evolving a case's state is a good part of a command's allocations.
          get state(): S {
            return (next ??= decision.reduce(definition.decider.evolve, state));
          },
          eventTypes: events.map((e) => e.type),
          replayed: false,
        };
      } catch (error) {
        const conflict =
          error instanceof EventStoreError &&
          (error.code === 'STREAM.WRONG_EXPECTED_REVISION' || error.code === 'EVENT.ID_CONFLICT');
        if (!conflict) throw error;
        // Another attempt of this command may have appended first: its events carry the same ids
        // but other data (e.g. its own `at`), hence the conflict. Its answer is this one's.
        history = await this.store.readStream(streamId);
        const replay = replayOf(definition, streamId, history, context);
        if (replay) return replay;
        if (error.code === 'EVENT.ID_CONFLICT') throw error;
        if (context.expectedRevision !== undefined) {
          throw new RevisionMismatchError(
            String(context.expectedRevision),
            String(history[history.length - 1]?.revision ?? 'no_stream'),
          );
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
    return {
      state: fold(definition.decider, history.map(toDomainEvent<E>)),
      revision: head?.revision,
      position: head?.position,
    };
  }

  private checkPinned(context: CommandContext, head: RecordedEvent | undefined): void {
    const pinned = context.expectedRevision;
    if (pinned === undefined) return;
    const actual = head ? head.revision : 'no_stream';
    if (pinned !== actual) throw new RevisionMismatchError(String(pinned), String(actual));
  }
}

/**
 * The outcome of a command already on the stream, as it was first answered: revision, position
 * and state as of its own last event (later commands do not change what it answered). Events
 * written before `requestHash` was recorded carry none and are accepted.
 */
const replayOf = <C, S, E extends { readonly type: string; readonly data: object }>(
  definition: AggregateDefinition<C, S, E>,
  streamId: string,
  history: readonly RecordedEvent[],
  context: CommandContext,
): CommandOutcome<S> | undefined => {
  const own = history.filter((e) => e.metadata.commandId === context.commandId);
  const last = own[own.length - 1];
  if (!last) return undefined;
  const hashes = own.map((e) => e.metadata['requestHash']).filter((hash) => typeof hash === 'string');
  if (context.requestHash !== undefined && hashes.some((hash) => hash !== context.requestHash))
    throw new IdempotencyKeyReusedError();
  const state = fold(definition.decider, history.slice(0, history.indexOf(last) + 1).map(toDomainEvent<E>));
  // Array.from, not own.map: arrays the driver returns may belong to another realm (jest's vm),
  // and the answer is stored as plain JSON, which the store checks by prototype.
  return {
    streamId,
    revision: last.revision,
    position: last.position,
    state,
    eventTypes: Array.from(own, (e) => e.type),
    replayed: true,
  };
};

/** Stored events are trusted: they were produced by the decider (upcasters would go here). */
const toDomainEvent = <E>(event: RecordedEvent): E => ({ type: event.type, data: event.data }) as E;
