import { EventStore } from '../event-store/event-store.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventActor, ExpectedRevision, JsonObject, RecordedEvent } from '../event-store/event-store.types';
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

const RECORDED = 'IdempotentResponseRecorded';

/**
 * Only a success is a key's answer. A conflict (409), a failed If-Match (412), a rate limit (429)
 * or a server error (5xx) says nothing definitive about the request: replaying one turned a race
 * whose command was written once into a 409 for ever (issue #13 item 1). Rejections (4xx domain
 * and validation errors) are not recorded either, unlike Stripe's API v1 and the SHOULD of
 * draft-ietf-httpapi-idempotency-key-header ("respond with the result of the previously completed
 * operation, success or an error"): a rejected command wrote nothing, and its command id is the
 * key's, so a retry can still write at most once — it is decided afresh on the case as it then
 * is, which answers the same rejection unless the case has moved on. Like Stripe, which records
 * nothing for a request that failed validation or ran into a concurrent one. Records of other
 * statuses made by earlier versions are ignored: never replayed, never binding the key.
 */
export const isRecordableAnswer = (response: Pick<StoredResponse, 'status'>): boolean => response.status >= 200 && response.status < 300;

/**
 * Idempotency-Key handling kept in the event store itself, so it survives restarts and works the
 * same on every store with no table of its own: one stream per (user, key) holds the fingerprint
 * of the request and the success first answered. The command id is derived from (user, key), so
 * a retry that arrives before the answer was recorded — racing the first attempt, or after a
 * crash between the append and the record — re-executes as the same command and the command path
 * rebuilds the original answer from the case's stream (see CommandExecutor): nothing is written
 * twice. The request's hash also goes on the command's events (`requestHash`), so another request
 * under the key is refused (422) from the case's stream when the record is missing.
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

  /** The success first answered to this (user, key), if any; a different request under the key → 422. */
  async lookup(request: IdempotentRequest): Promise<StoredResponse | undefined> {
    return this.answerIn(await this.store.readStream(this.streamOf(request)), request);
  }

  /**
   * Records a success as the key's answer (anything else is returned unrecorded, see
   * {@link isRecordableAnswer}); if a concurrent attempt recorded first, returns that one instead.
   */
  async record(request: IdempotentRequest, response: StoredResponse): Promise<StoredResponse> {
    if (!isRecordableAnswer(response)) return response;
    const commandId = this.commandIdFor(request);
    const stream = this.streamOf(request);
    // Usually the stream is new; after records an earlier version made of other statuses, the
    // answer goes after them (with an id of its own: the first record's id is taken).
    let expected: ExpectedRevision = 'no_stream';
    for (let attempt = 1; ; attempt += 1) {
      const eventId = deterministicUuid(expected === 'no_stream' ? `${commandId}:response` : `${commandId}:response:${expected + 1n}`);
      try {
        const data = { fingerprint: this.requestHashOf(request), response: response as unknown as JsonObject };
        const metadata = { schemaVersion: 1, actor: request.actor, commandId, correlationId: request.correlationId, causationId: commandId };
        await this.store.append(stream, [{ eventId, type: RECORDED, data, metadata }], expected);
        return response;
      } catch (error) {
        const raced = error instanceof EventStoreError && (error.code === 'STREAM.WRONG_EXPECTED_REVISION' || error.code === 'EVENT.ID_CONFLICT');
        if (!raced || attempt >= 3) throw error;
        const records = await this.store.readStream(stream);
        const recorded = this.answerIn(records, request);
        if (recorded) return recorded;
        const head = records[records.length - 1];
        if (head) expected = head.revision;
      }
    }
  }

  private answerIn(records: readonly RecordedEvent[], request: IdempotentRequest): StoredResponse | undefined {
    const answer = records.find((record) => record.type === RECORDED && isRecordableAnswer({ status: Number((record.data['response'] as JsonObject | undefined)?.['status']) }));
    if (!answer) return undefined;
    if (answer.data['fingerprint'] !== this.requestHashOf(request)) throw new IdempotencyKeyReusedError();
    return answer.data['response'] as unknown as StoredResponse;
  }

  private streamOf(request: Pick<IdempotentRequest, 'actor' | 'key'>): string {
    return `idempotency-${sha256Hex(`${request.actor.userId}\u0000${request.key}`).slice(0, 48)}`;
  }
}
