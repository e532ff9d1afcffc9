import { EventStore } from '../event-store/event-store.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventActor, JsonObject } from '../event-store/event-store.types';
import { IdempotencyKeyReusedError } from './command-errors';
import { deterministicUuid, sha256Hex } from './deterministic-id';

/** A response as first given, replayed for retries of the same request. */
export interface StoredResponse {
  readonly status: number;
  readonly body: JsonObject;
  readonly headers: Readonly<Record<string, string>>;
}

export interface IdempotentRequest {
  readonly actor: EventActor;
  readonly key: string;
  /** Method, route and canonical body: what "the same request" means. */
  readonly fingerprint: string;
  readonly correlationId: string;
}

/**
 * Idempotency-Key handling kept in the event store itself, so it survives restarts and works the
 * same on every store with no table of its own: one stream per (user, key) holds the fingerprint
 * of the request and the response first given. The command id is derived from (user, key), so a
 * retry that arrives before the response was recorded re-executes as the same command and the
 * command path recognises it (see CommandExecutor) — nothing is written twice.
 */
export class IdempotencyService {
  constructor(private readonly store: EventStore) {}

  /** The command id every attempt of this request uses. */
  commandIdFor(request: Pick<IdempotentRequest, 'actor' | 'key'>): string {
    return deterministicUuid(`idempotency:${request.actor.userId}:${request.key}`);
  }

  /** The response first given to this (user, key), if any; a different request under the key → 422. */
  async lookup(request: IdempotentRequest): Promise<StoredResponse | undefined> {
    const [first] = await this.store.readStream(this.streamOf(request), { maxCount: 1 });
    if (!first) return undefined;
    if (first.data['fingerprint'] !== sha256Hex(request.fingerprint)) throw new IdempotencyKeyReusedError();
    return first.data['response'] as unknown as StoredResponse;
  }

  /** Records the response; if a concurrent attempt recorded first, returns that one instead. */
  async record(request: IdempotentRequest, response: StoredResponse): Promise<StoredResponse> {
    const commandId = this.commandIdFor(request);
    try {
      await this.store.append(
        this.streamOf(request),
        [
          {
            eventId: deterministicUuid(`${commandId}:response`),
            type: 'IdempotentResponseRecorded',
            data: { fingerprint: sha256Hex(request.fingerprint), response: response as unknown as JsonObject },
            metadata: { schemaVersion: 1, actor: request.actor, commandId, correlationId: request.correlationId, causationId: commandId },
          },
        ],
        'no_stream',
      );
      return response;
    } catch (error) {
      const raced = error instanceof EventStoreError && (error.code === 'STREAM.WRONG_EXPECTED_REVISION' || error.code === 'EVENT.ID_CONFLICT');
      if (!raced) throw error;
      return (await this.lookup(request)) ?? response;
    }
  }

  private streamOf(request: Pick<IdempotentRequest, 'actor' | 'key'>): string {
    return `idempotency-${sha256Hex(`${request.actor.userId}\u0000${request.key}`).slice(0, 48)}`;
  }
}
