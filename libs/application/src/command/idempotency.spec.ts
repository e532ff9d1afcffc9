import { SqliteEventStore } from '@xj/sqlite-event-store';
import { IdempotencyKeyReusedError } from './command-errors';
import { deterministicUuid, sha256Hex } from './deterministic-id';
import { IdempotencyService, StoredResponse } from './idempotency';

const request = {
  actor: { userId: 'u-1', role: 'RuleOfLawOffice', orgId: 'o' },
  key: 'key-1',
  fingerprint: 'POST /clues {"a":1}',
  correlationId: 'c',
};
const otherBody = { ...request, fingerprint: 'POST /clues {"a":2}' };
/** An answer as the API serializes it; to this service it is any JSON object. */
const created = { status: 201, body: { id: 'x' }, headers: { etag: '"0"', location: '/api/v1/clues/x' } };
const problem = (status: number, code: string): StoredResponse => ({
  status,
  body: { type: `urn:xingji-link:problem:${code.toLowerCase()}`, title: 't', status, code, instance: '/api/v1/clues' },
  headers: { 'content-type': 'application/problem+json' },
});

/** The key's stream as every version names it (a stored format: old data directories hold it). */
const streamOf = (r: typeof request): string =>
  `idempotency-${sha256Hex(`${r.actor.userId}\u0000${r.key}`).slice(0, 48)}`;

describe("IdempotencyService: a key's recorded answer", () => {
  let store: SqliteEventStore;
  let service: IdempotencyService;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    service = new IdempotencyService(store);
  });
  afterEach(() => store.close());

  /** A record as versions before issue #14 wrote it: the HTTP response, whatever its status. */
  const storeOldRecord = async (response: StoredResponse, r = request): Promise<void> => {
    const commandId = service.commandIdFor(r);
    await store.append(
      streamOf(r),
      [
        {
          eventId: deterministicUuid(`${commandId}:response`),
          type: 'IdempotentResponseRecorded',
          data: { fingerprint: sha256Hex(r.fingerprint), response: response as never },
          metadata: { schemaVersion: 1, actor: r.actor, commandId, correlationId: 'old', causationId: commandId },
        },
      ],
      'no_stream',
    );
  };

  it('given an answer recorded under the key, then a fresh service (restart) gives it back as recorded, and another body under the key is refused (422)', async () => {
    const opaque = { anything: [1, { nested: 'value' }], status: 'not an HTTP status' };
    expect(await service.record(request, opaque)).toEqual(opaque);
    expect(await new IdempotencyService(store).lookup(request)).toEqual(opaque);
    await expect(service.lookup(otherBody)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream(streamOf(request))).toHaveLength(1);
  });

  it("given a success recorded by a version before #14, then it is the key's answer, and another body under the key is refused (422)", async () => {
    await storeOldRecord(created);
    expect(await service.lookup(request)).toEqual(created);
    await expect(service.lookup(otherBody)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it.each([
    [409, 'EVENT.ID_CONFLICT'],
    [409, 'COMMAND.CONCURRENCY_RETRIES_EXHAUSTED'],
    [412, 'COMMAND.REVISION_MISMATCH'],
    [422, 'VALIDATION.REQUIRED'],
    [503, 'STORE.UNAVAILABLE'],
  ])(
    'given a %i %s recorded by an older version, then it is never replayed nor binds the key; the answer recorded after it is, also by a fresh service',
    async (status, code) => {
      await storeOldRecord(problem(status, code));
      expect(await service.lookup(request)).toBeUndefined();
      expect(await service.lookup(otherBody)).toBeUndefined();
      expect(await service.record(request, created)).toEqual(created);
      expect(await new IdempotencyService(store).lookup(request)).toEqual(created);
      expect(await store.readStream(streamOf(request))).toHaveLength(2);
    },
  );

  it('when attempts record the same answer at once, after an old record or not, then one record and every attempt answers it', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => service.record(request, created)));
    expect(answers).toEqual(Array(6).fill(created));
    expect(await store.readStream(streamOf(request))).toHaveLength(1);

    const other = { ...request, key: 'key-2' };
    await storeOldRecord(problem(409, 'EVENT.ID_CONFLICT'), other);
    const later = await Promise.all(Array.from({ length: 6 }, () => service.record(other, created)));
    expect(later).toEqual(Array(6).fill(created));
    expect(await store.readStream(streamOf(other))).toHaveLength(2);
  });
});
