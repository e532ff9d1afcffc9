import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventStore } from '../event-store/event-store.port';
import { AccessLog, AccessRecord, accessIndexStreamOf, accessLogStreamOf } from './access-log';

const auditor = { userId: 'u-auditor', role: 'Auditor', orgId: 'panjin.audit', position: 'Staff', regionId: 'panjin' };
const agency = { userId: 'u-agency', role: 'EnforcementAgency', orgId: 'dawa.emergency' };
const request = (n: number) => ({ method: 'GET', path: `/api/v1/clues/C1/history?n=${n}`, correlationId: `corr-${n}`, clientIp: '10.0.0.7' });
const read = (o: Partial<AccessRecord> = {}): AccessRecord => ({
  target: { kind: 'clue', id: 'C1' },
  action: 'history',
  outcome: 'allowed',
  reader: auditor,
  request: request(1),
  ...o,
});

/** A store whose appends to the reader index fail, as if the process died between the two appends. */
const failingIndex = (store: EventStore): EventStore =>
  new Proxy(store, {
    get: (target, key, receiver) =>
      key === 'append'
        ? (streamId: string, ...rest: unknown[]) =>
            streamId.startsWith('accessuser-') ? Promise.reject(new EventStoreError('STORE.UNAVAILABLE', 'down')) : (target.append as (...a: unknown[]) => unknown).call(target, streamId, ...rest)
        : Reflect.get(target, key, receiver),
  });

describe('AccessLog (read auditing) on the embedded store', () => {
  let store: SqliteEventStore;
  let clock: FixedClock;
  let log: AccessLog;
  let ids = 0;
  beforeEach(() => {
    clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
    store = new SqliteEventStore({ filename: ':memory:', clock });
    ids = 0;
    log = new AccessLog(store, clock, () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`);
  });
  afterEach(() => store.close());

  it('given an allowed read, then one hash-chained CaseRead event lands in the case stream and a copy in the reader index, with who, what, when and the request but no body', async () => {
    const entry = await log.record(read({ detail: 'x' }));
    const [logged] = await store.readStream('accesslog-clue.C1');
    const [copy] = await store.readStream('accessuser-u-auditor');
    expect(logged).toMatchObject({
      type: 'CaseRead',
      eventId: '00000000-0000-4000-8000-000000000001',
      data: {
        at: '2026-03-02T01:00:00.000Z',
        by: { userId: 'u-auditor', role: 'Auditor', orgId: 'panjin.audit' },
        target: { kind: 'clue', id: 'C1' },
        action: 'history',
        outcome: 'allowed',
        reader: auditor,
        request: request(1),
        detail: 'x',
      },
      metadata: { actor: { userId: 'u-auditor' }, correlationId: 'corr-1', causationId: 'corr-1', schemaVersion: 1, prevHash: '0'.repeat(64) },
    });
    expect(copy).toMatchObject({ type: 'CaseRead', data: { ...logged?.data, logged: { streamId: 'accesslog-clue.C1', eventId: logged?.eventId, revision: '0', position: String(logged?.position) } } });
    expect(copy?.eventId).not.toBe(logged?.eventId);
    expect(entry).toEqual({ ...read({ detail: 'x' }), at: '2026-03-02T01:00:00.000Z', eventId: logged?.eventId, streamId: 'accesslog-clue.C1', revision: '0', position: String(logged?.position) });
  });

  it('given a denied read, then it is recorded as CaseReadDenied on the case it was aimed at', async () => {
    await log.record(read({ outcome: 'denied', reader: agency, action: 'details' }));
    const [logged] = await store.readStream('accesslog-clue.C1');
    expect({ type: logged?.type, outcome: logged?.data['outcome'] }).toEqual({ type: 'CaseReadDenied', outcome: 'denied' });
    expect((await log.byReader('u-agency', { limit: 10 })).entries.map((e) => e.outcome)).toEqual(['denied']);
  });

  it('given reads by two users of two cases, then per case and per user queries each return exactly theirs, in order, pointing at the authoritative log event', async () => {
    await log.record(read());
    clock.advance(60_000);
    await log.record(read({ reader: agency, outcome: 'denied', request: request(2) }));
    clock.advance(60_000);
    await log.record(read({ target: { kind: 'referral', id: 'R1' }, action: 'explanation', request: request(3) }));
    const byCase = await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10 });
    expect(byCase.entries.map((e) => [e.reader.userId, e.outcome])).toEqual([['u-auditor', 'allowed'], ['u-agency', 'denied']]);
    const byUser = await log.byReader('u-auditor', { limit: 10 });
    expect(byUser.entries.map((e) => [e.target.kind, e.target.id, e.action])).toEqual([['clue', 'C1', 'history'], ['referral', 'R1', 'explanation']]);
    expect(byUser.entries[0]).toEqual(byCase.entries[0]);
    expect((await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10, userId: 'u-agency' })).entries).toHaveLength(1);
    expect((await log.byReader('u-auditor', { limit: 10, target: { kind: 'referral', id: 'R1' } })).entries).toHaveLength(1);
    expect((await log.byTarget({ kind: 'clue', id: 'C2' }, { limit: 10 })).entries).toEqual([]);
  });

  it('given a time window and a page size, then only entries inside the window are returned and the cursor continues without repeats', async () => {
    for (let n = 0; n < 7; n += 1) {
      await log.record(read({ request: request(n) }));
      clock.advance(3_600_000);
    }
    const window = await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10, from: '2026-03-02T03:00:00Z', to: '2026-03-02T05:00:00Z' });
    expect(window.entries.map((e) => e.request.correlationId)).toEqual(['corr-2', 'corr-3', 'corr-4']);
    const first = await log.byReader('u-auditor', { limit: 3 });
    const second = await log.byReader('u-auditor', { limit: 3, cursor: BigInt(first.nextCursor ?? '-1') });
    const third = await log.byReader('u-auditor', { limit: 3, cursor: BigInt(second.nextCursor ?? '-1') });
    expect([first, second, third].map((p) => p.entries.map((e) => e.request.correlationId))).toEqual([
      ['corr-0', 'corr-1', 'corr-2'],
      ['corr-3', 'corr-4', 'corr-5'],
      ['corr-6'],
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it('given ids that do not fit a stream name, then they are hashed into one and still queried exactly', async () => {
    const external = { ...auditor, userId: 'alice@example.org' };
    await log.record(read({ reader: external }));
    expect(accessIndexStreamOf('alice@example.org')).toMatch(/^accessuser-h\.[0-9a-f]{64}$/);
    expect(accessLogStreamOf({ kind: 'user', id: 'alice@example.org' })).toMatch(/^accesslog-user\.h\.[0-9a-f]{64}$/);
    expect((await log.byReader('alice@example.org', { limit: 5 })).entries.map((e) => e.reader.userId)).toEqual(['alice@example.org']);
  });

  it('given the store refuses the append, then recording fails rather than letting the read pass unrecorded', async () => {
    const down = new Proxy(store, { get: (t, k, r) => (k === 'append' ? () => Promise.reject(new EventStoreError('STORE.UNAVAILABLE', 'down')) : Reflect.get(t, k, r)) });
    await expect(new AccessLog(down, clock).record(read())).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
    expect(await store.readStream('accesslog-clue.C1')).toEqual([]);
  });

  it('given a crash between the log append and the index append, when the index is repaired, then the missing copy appears once, also when repaired again', async () => {
    await log.record(read({ request: request(1) }));
    await expect(new AccessLog(failingIndex(store), clock).record(read({ request: request(2) }))).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
    expect((await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10 })).entries).toHaveLength(2);
    expect((await log.byReader('u-auditor', { limit: 10 })).entries).toHaveLength(1);
    clock.advance(5_000);
    const repaired = await log.repairUserIndex(undefined, 2);
    expect(repaired.checked).toBe(2);
    await log.repairUserIndex();
    const byUser = await log.byReader('u-auditor', { limit: 10 });
    expect(byUser.entries.map((e) => e.request.correlationId)).toEqual(['corr-1', 'corr-2']);
    expect(byUser.entries).toEqual((await log.byTarget({ kind: 'clue', id: 'C1' }, { limit: 10 })).entries);
  });
});
