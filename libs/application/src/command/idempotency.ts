import { EventStore } from '../event-store/event-store.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventActor, ExpectedRevision, JsonObject, RecordedEvent } from '../event-store/event-store.types';
import { IdempotencyKeyReusedError } from './command-errors';
import { deterministicUuid, sha256Hex } from './deterministic-id';

/**
 * A key's answer as the caller serialized it (the API: status, headers and body). Opaque here:
 * stored and given back as recorded.
 */
export type IdempotentAnswer = JsonObject;

/**
 * The HTTP response that versions before issue #14 recorded (`IdempotentResponseRecorded`),
 * errors included. Read only to upcast such a record: a 2xx one is the key's answer (the API
 * still serializes its answers in this form); any other is ignored.
 */
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

const RECORDED = 'IdempotentAnswerRecorded';
const LEGACY_RECORDED = 'IdempotentResponseRecorded';

/**
 * The answer a record holds, if it holds one. Only successes are a key's answer (issue #13 item
 * 1): the caller records nothing else. Versions before #14 recorded errors too — a conflict
 * replayed for ever turned a race whose command was written once into a 409 — so their records
 * of other statuses are ignored: never replayed, never binding the key.
 */
const answerOf = (record: RecordedEvent): IdempotentAnswer | undefined => {
  if (record.type === RECORDED) return record.data['answer'] as JsonObject | undefined;
  if (record.type !== LEGACY_RECORDED) return undefined;
  const response = record.data['response'] as JsonObject | undefined;
  const status = Number(response?.['status']);
  return status >= 200 && status < 300 ? response : undefined;
};

/**
 * Idempotency-Key handling kept in the event store itself, so it survives restarts and works the
 * same on every store with no table of its own: one stream per (user, key) holds the fingerprint
 * of the request and the answer first given. The command id is derived from (user, key), so a
 * retry that arrives before the answer was recorded — racing the first attempt, or after a crash
 * between the append and the record — re-executes as the same command and the command path
 * rebuilds the original outcome from the case's stream (see CommandExecutor): nothing is written
 * twice. The request's hash also goes on the command's events (`requestHash`), so another request
 * under the key is refused (422) from the case's stream when the record is missing.
 *
 * Only successes are recorded (the caller's part), unlike Stripe's API v1 and the SHOULD of
 * draft-ietf-httpapi-idempotency-key-header ("respond with the result of the previously completed
 * operation, success or an error"): a rejected command wrote nothing, and its command id is the
 * key's, so a retry can still write at most once — it is decided afresh on the case as it then
 * is. Like Stripe, which records nothing for a request that failed validation or ran into a
 * concurrent one.
 */
export class IdempotencyService {
  constructor(private readonly store: EventStore) {}

  /** The command id every attempt of this request uses. */
  commandIdFor(request: Pick<IdempotentRequest, 'actor' | 'key'>): string {
    return deterministicUuid(`idempotency:${request.actor.userId}:${request.key}`);
  }

  /** What identifies the request under its key: stored with the answer and on the command's events. */
  requestHashOf(request: Pick<IdempotentRequest, 'fingerprint'>): string {
    return sha256Hex(request.fingerprint);
  }

  /** The answer first given to this (user, key), if any; a different request under the key → 422. */
  async lookup(request: IdempotentRequest): Promise<IdempotentAnswer | undefined> {
    return this.answerIn(await this.store.readStream(this.streamOf(request)), request);
  }

  /** Records the key's answer (a success); if a concurrent attempt recorded first, returns that one instead. */
  async record(request: IdempotentRequest, answer: IdempotentAnswer): Promise<IdempotentAnswer> {
    const commandId = this.commandIdFor(request);
    const stream = this.streamOf(request);
    // Usually the stream is new; after records an earlier version made of other statuses, the
    // answer goes after them (with an id of its own: the first record's id is taken).
    let expected: ExpectedRevision = 'no_stream';
    for (let attempt = 1; ; attempt += 1) {
      const eventId = deterministicUuid(
        expected === 'no_stream' ? `${commandId}:response` : `${commandId}:response:${expected + 1n}`,
      );
      try {
        const data = { fingerprint: this.requestHashOf(request), answer };
        const metadata = {
          schemaVersion: 1,
          actor: request.actor,
          commandId,
          correlationId: request.correlationId,
          causationId: commandId,
        };
        await this.store.append(stream, [{ eventId, type: RECORDED, data, metadata }], expected);
        return answer;
      } catch (error) {
        const raced =
          error instanceof EventStoreError &&
          (error.code === 'STREAM.WRONG_EXPECTED_REVISION' || error.code === 'EVENT.ID_CONFLICT');
        if (!raced || attempt >= 3) throw error;
        const records = await this.store.readStream(stream);
        const recorded = this.answerIn(records, request);
        if (recorded) return recorded;
        const head = records[records.length - 1];
        if (head) expected = head.revision;
      }
    }
  }

  private answerIn(records: readonly RecordedEvent[], request: IdempotentRequest): IdempotentAnswer | undefined {
    for (const record of records) {
      const answer = answerOf(record);
      if (answer === undefined) continue;
      if (record.data['fingerprint'] !== this.requestHashOf(request)) throw new IdempotencyKeyReusedError();
      return answer;
    }
    return undefined;
  }

  private streamOf(request: Pick<IdempotentRequest, 'actor' | 'key'>): string {
    return `idempotency-${sha256Hex(`${request.actor.userId}\u0000${request.key}`).slice(0, 48)}`;
  }
}
