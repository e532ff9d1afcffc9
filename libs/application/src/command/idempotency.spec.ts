import { SqliteEventStore } from '@xj/sqlite-event-store';
import { IdempotencyKeyReusedError } from './command-errors';
import { deterministicUuid, sha256Hex } from './deterministic-id';
import { IdempotencyService, StoredResponse } from './idempotency';

const request = { actor: { userId: 'u-1', role: 'RuleOfLawOffice', orgId: 'o' }, key: 'key-1', fingerprint: 'POST /clues {"a":1}', correlationId: 'c' };
const created: StoredResponse = { status: 201, body: { id: 'x' }, headers: { etag: '"0"', location: '/api/v1/clues/x' } };
const problem = (status: number, code: string): StoredResponse => ({
  status,
  body: { type: `urn:xingji-link:problem:${code.toLowerCase()}`, title: 't', status, code, instance: '/api/v1/clues' },
  headers: { 'content-type': 'application/problem+json' },
});

/** The key's stream as every version names it (a stored format: old data directories hold it). */
const streamOf = (r: typeof request): string => `idempotency-${sha256Hex(`${r.actor.userId}\u0000${r.key}`).slice(0, 48)}`;

describe('IdempotencyService: only a success is a key\'s answer', () => {
  let store: SqliteEventStore;
  let service: IdempotencyService;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    service = new IdempotencyService(store);
  });
  afterEach(() => store.close());

  /** A record as versions before issue #13 wrote it, whatever the status. */
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

  it.each([
    [409, 'EVENT.ID_CONFLICT'],
    [409, 'COMMAND.CONCURRENCY_RETRIES_EXHAUSTED'],
    [412, 'COMMAND.REVISION_MISMATCH'],
    [422, 'VALIDATION.REQUIRED'],
    [503, 'STORE.UNAVAILABLE'],
  ])('does not record a %i %s: the key stays unanswered', async (status, code) => {
    expect(await service.record(request, problem(status, code))).toEqual(problem(status, code));
    expect(await store.readStream(streamOf(request))).toEqual([]);
    expect(await service.lookup(request)).toBeUndefined();
  });

  it('given a 409 recorded by an older version, then it is never replayed; the success recorded after it is, also by a fresh service (restart)', async () => {
    await storeOldRecord(problem(409, 'EVENT.ID_CONFLICT'));
    expect(await service.lookup(request)).toBeUndefined();
    expect(await service.record(request, created)).toEqual(created);
    expect(await new IdempotencyService(store).lookup(request)).toEqual(created);
    expect(await store.readStream(streamOf(request))).toHaveLength(2);
  });

  it('given an old failure recorded for another body, then that body does not bind the key', async () => {
    await storeOldRecord(problem(409, 'EVENT.ID_CONFLICT'));
    expect(await service.lookup({ ...request, fingerprint: 'POST /clues {"a":2}' })).toBeUndefined();
  });

  it('given a success recorded under the key, when another body looks it up, then 422', async () => {
    await service.record(request, created);
    await expect(service.lookup({ ...request, fingerprint: 'POST /clues {"a":2}' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('when attempts record the same success at once, after an old record or not, then one record and every attempt answers it', async () => {
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
