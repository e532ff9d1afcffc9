import { SqliteEventStore } from '@xj/sqlite-event-store';
import { deterministicUuid } from '../command/deterministic-id';
import { FixedClock } from '../event-store/clock.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventStore } from '../event-store/event-store.port';
import { AccessLog } from './access-log';
import { ACCESS_BATCH_TYPE } from './access-log.codec';
import { AccessRecord } from './access-log.types';
import { ACCESS_LOG_DIRECTORY_STREAM, accessIndexStreamOf, accessLogStreamOf } from './access-log-segments';

const auditor = { userId: 'u-auditor', role: 'Auditor', orgId: 'panjin.audit', position: 'Staff', regionId: 'panjin' };
const agency = { userId: 'u-agency', role: 'EnforcementAgency', orgId: 'dawa.emergency' };
const request = (n: number) => ({ correlationId: `corr-${n}`, clientIp: '10.0.0.7' });
const read = (o: Partial<AccessRecord> = {}): AccessRecord => ({
  target: { kind: 'clue', id: 'C1' },
  action: 'history',
  outcome: 'allowed',
  reader: auditor,
  request: request(1),
  ...o,
});
const meta = {
  schemaVersion: 1,
  actor: { userId: 'u', role: 'r', orgId: 'o' },
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};

/** What the design before #13 wrote for one read: the record in the target's stream, a copy in the reader's index. */
const legacyRead = async (store: EventStore, record: AccessRecord & { at: string }, n: number): Promise<void> => {
  const eventId = deterministicUuid(`legacy-${n}`);
  const data = {
    ...record,
    by: { userId: record.reader.userId, role: record.reader.role, orgId: record.reader.orgId },
    request: { method: 'GET', path: '/old/path', ...record.request },
  };
  const type = record.outcome === 'allowed' ? 'CaseRead' : 'CaseReadDenied';
  const streamId = accessLogStreamOf(record.target);
  const appended = await store.append(streamId, [{ eventId, type, data, metadata: meta }], 'any');
  const logged = { streamId, eventId, revision: String(appended.nextRevision), position: String(appended.position) };
  await store.append(
    accessIndexStreamOf(record.reader.userId),
    [{ eventId: deterministicUuid(`copy-${n}`), type, data: { ...data, logged }, metadata: meta }],
    'any',
  );
};

const streamsOf = async (store: EventStore): Promise<string[]> =>
  [...new Set((await store.readAll()).map((e) => e.streamId))].sort();

describe('AccessLog (read auditing) on the embedded store', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;
  let log: AccessLog;
  let ids = 0;
  beforeEach(() => {
    clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
    store = new SqliteEventStore({ filename: ':memory:', clock });
    ids = 0;
    log = new AccessLog(store, clock, { newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}` });
  });
  afterEach(() => store.close());

  it('given reads made together, then they are stored as compact records of ONE batch event in the day segment, and each entry says where', async () => {
    const [a, b] = await Promise.all([
      log.record(read({ detail: 'x' })),
      log.record(read({ reader: agency, outcome: 'denied', action: 'details', request: request(2) })),
    ]);
    const [batch] = await store.readStream('accesslog-20260302.main');
    expect(batch).toMatchObject({
      type: ACCESS_BATCH_TYPE,
      eventId: '00000000-0000-4000-8000-000000000001',
      revision: 0n,
      metadata: { actor: { userId: 'system:access-log' }, schemaVersion: 1 },
    });
    expect((batch?.data['rec'] as unknown[]).length).toBe(2);
    expect(a).toEqual({
      ...read({ detail: 'x' }),
      at: '2026-03-02T01:00:00.000Z',
      eventId: batch?.eventId,
      streamId: 'accesslog-20260302.main',
      revision: '0',
      position: String(batch?.position),
      index: 0,
    });
    expect(b).toMatchObject({ outcome: 'denied', index: 1, eventId: batch?.eventId });
    expect(await streamsOf(store)).toEqual(['accesslog-20260302.main', ACCESS_LOG_DIRECTORY_STREAM]);
  });

  it('given reads of many ids that do not exist, then no stream is created per id', async () => {
    await log.record(read());
    const before = await streamsOf(store);
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        log.record(read({ target: { kind: 'clue', id: `nx-${n}` }, outcome: 'denied', action: 'details' })),
      ),
    );
    expect(await streamsOf(store)).toEqual(before);
    expect((await log.byTarget({ kind: 'clue', id: 'nx-7' }, { limit: 10 })).entries.map((e) => e.outcome)).toEqual([
      'denied',
    ]);
  });

  it('given reads by two users of two cases, then per case and per user queries each return exactly theirs, in order', async () => {
    await log.record(read());
    clock.advance(60_000);
    await log.record(read({ reader: agency, outcome: 'denied', request: request(2) }));
    clock.advance(60_000);
    await log.record(read({ target: { kind: 'referral', id: 'R1' }, action: 'explanation', request: request(3) }));
    const byCase = await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10 });
    expect(byCase.entries.map((e) => [e.reader.userId, e.outcome])).toEqual([
      ['u-auditor', 'allowed'],
      ['u-agency', 'denied'],
    ]);
    const byUser = await log.byReader('u-auditor', { limit: 10 });
    expect(byUser.entries.map((e) => [e.target.kind, e.target.id, e.action])).toEqual([
      ['clue', 'C1', 'history'],
      ['referral', 'R1', 'explanation'],
    ]);
    expect(byUser.entries[0]).toEqual(byCase.entries[0]);
    expect((await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10, userId: 'u-agency' })).entries).toHaveLength(1);
    expect(
      (await log.byReader('u-auditor', { limit: 10, target: { kind: 'referral', id: 'R1' } })).entries,
    ).toHaveLength(1);
    expect((await log.byTarget({ kind: 'clue', id: 'C2' }, { limit: 10 })).entries).toEqual([]);
  });

  it('given a time window and a page size, then only entries inside the window are returned and the cursor continues without repeats, across days', async () => {
    for (let n = 0; n < 7; n += 1) {
      await log.record(read({ request: request(n) }));
      clock.advance(10 * 3_600_000);
    }
    const window = await log.byTarget(
      { kind: 'clue', id: 'C1' },
      { limit: 10, from: '2026-03-02T20:00:00Z', to: '2026-03-03T18:00:00Z' },
    );
    expect(window.entries.map((e) => e.request.correlationId)).toEqual(['corr-2', 'corr-3', 'corr-4']);
    const first = await log.byReader('u-auditor', { limit: 3 });
    const second = await log.byReader('u-auditor', { limit: 3, cursor: first.nextCursor ?? 'none' });
    const third = await log.byReader('u-auditor', { limit: 3, cursor: second.nextCursor ?? 'none' });
    expect([first, second, third].map((p) => p.entries.map((e) => e.request.correlationId))).toEqual([
      ['corr-0', 'corr-1', 'corr-2'],
      ['corr-3', 'corr-4', 'corr-5'],
      ['corr-6'],
    ]);
    expect(third.nextCursor).toBeNull();
    expect(await streamsOf(store)).toEqual([
      'accesslog-20260302.main',
      'accesslog-20260303.main',
      'accesslog-20260304.main',
      ACCESS_LOG_DIRECTORY_STREAM,
    ]);
  });

  it('given no window, then the last 31 days are answered', async () => {
    await log.record(read({ request: request(1) }));
    clock.advance(40 * 86_400_000);
    await log.record(read({ request: request(2) }));
    expect(
      (await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10 })).entries.map((e) => e.request.correlationId),
    ).toEqual(['corr-2']);
    expect(
      (await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10, from: '2026-01-01T00:00:00Z' })).entries,
    ).toHaveLength(2);
  });

  it('given data written by the design before #13, then it is answered with the new entries, oldest first, by target and by reader', async () => {
    await legacyRead(store, { ...read({ request: request(1) }), at: '2026-03-01T09:00:00.000Z' }, 1);
    await legacyRead(
      store,
      { ...read({ reader: agency, outcome: 'denied', request: request(2) }), at: '2026-03-01T10:00:00.000Z' },
      2,
    );
    await log.record(read({ request: request(3) }));
    const byCase = await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10 });
    expect(byCase.entries.map((e) => [e.request.correlationId, e.reader.userId, e.outcome])).toEqual([
      ['corr-1', 'u-auditor', 'allowed'],
      ['corr-2', 'u-agency', 'denied'],
      ['corr-3', 'u-auditor', 'allowed'],
    ]);
    expect(byCase.entries[0]).toMatchObject({
      streamId: 'accesslog-clue.C1',
      revision: '0',
      request: { method: 'GET', path: '/old/path' },
    });
    const byUser = await log.byReader('u-auditor', { limit: 1 });
    expect(byUser.entries[0]).toEqual(byCase.entries[0]);
    const rest = await log.byReader('u-auditor', { limit: 5, cursor: byUser.nextCursor ?? 'none' });
    expect(rest.entries.map((e) => e.request.correlationId)).toEqual(['corr-3']);
    await expect(log.byReader('u-auditor', { limit: 5, cursor: 's:clue-1:0:0' })).rejects.toMatchObject({
      code: 'AUDIT.ACCESS_LOG_CURSOR',
    });
  });

  it('given ids that do not fit a stream name, then they are recorded and queried exactly (the earlier design hashed them into stream names)', async () => {
    const external = { ...auditor, userId: 'alice@example.org' };
    await log.record(read({ reader: external }));
    expect(accessIndexStreamOf('alice@example.org')).toMatch(/^accessuser-h\.[0-9a-f]{64}$/);
    expect(accessLogStreamOf({ kind: 'user', id: 'alice@example.org' })).toMatch(/^accesslog-user\.h\.[0-9a-f]{64}$/);
    expect((await log.byReader('alice@example.org', { limit: 5 })).entries.map((e) => e.reader.userId)).toEqual([
      'alice@example.org',
    ]);
  });

  it('given a log too large for one request, then a page comes back short with a cursor, and following the cursors returns every match once', async () => {
    const sequential = new AccessLog(store, clock, { flushMs: 0 });
    const budget = 200;
    log = new AccessLog(store, clock, { scanBudget: budget });
    const total = 2 * budget + 60;
    for (let n = 0; n < total; n += 1) {
      const target =
        n % 100 === 0 ? { kind: 'clue' as const, id: 'rare' } : { kind: 'clue' as const, id: `other-${n}` };
      await sequential.record(read({ target, request: request(n) }));
      clock.advance(1_000);
    }
    const first = await log.byTarget({ kind: 'clue', id: 'rare' }, { limit: 10 });
    expect(first.entries.length).toBeLessThan(5);
    expect(first.nextCursor).not.toBeNull();
    const found = [...first.entries];
    for (let cursor = first.nextCursor; cursor !== null;) {
      const page = await log.byTarget({ kind: 'clue', id: 'rare' }, { limit: 10, cursor });
      found.push(...page.entries);
      cursor = page.nextCursor;
    }
    expect(found.map((e) => e.request.correlationId)).toEqual([
      'corr-0',
      'corr-100',
      'corr-200',
      'corr-300',
      'corr-400',
    ]);
  });

  it('given the store refuses the append, then recording fails rather than letting the read pass unrecorded', async () => {
    const down = new Proxy(store, {
      get: (t, k, r) =>
        k === 'append' ? () => Promise.reject(new EventStoreError('STORE.UNAVAILABLE', 'down')) : Reflect.get(t, k, r),
    });
    await expect(new AccessLog(down, clock).record(read())).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
    expect(await streamsOf(store)).toEqual([]);
  });
});
