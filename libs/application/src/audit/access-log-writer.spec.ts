import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { EventStoreError } from '../event-store/event-store.errors';
import { EventStore } from '../event-store/event-store.port';
import { AppendResult, EventToAppend, ExpectedRevision } from '../event-store/event-store.types';
import { decodeBatch } from './access-log.codec';
import { AccessRecord } from './access-log.types';
import { SegmentDirectory } from './access-log-segments';
import { AccessLogWriter, RecordLocation } from './access-log-writer';

const reader = { userId: 'u-1', role: 'Auditor', orgId: 'panjin.audit' };
const record = (n: number): AccessRecord => ({
  target: { kind: 'clue', id: `C${n}` },
  action: 'details',
  outcome: 'allowed',
  reader,
  request: { correlationId: `corr-${n}`, clientIp: null },
});
const T0 = Date.parse('2026-03-02T01:00:00Z');
const SEGMENT = 'accesslog-20260302.w1';

/** The store, with appends to segments that can be held back or made to fail, and a record of them. */
class Gate {
  readonly appends: { streamId: string; records: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failNext = 0;
  private held: (() => void)[] = [];
  holding = false;

  readonly store: EventStore;

  constructor(inner: EventStore) {
    this.store = this.gated(inner);
  }

  private gated = (inner: EventStore): EventStore =>
    new Proxy(inner, {
      get: (target, key, receiver) =>
        key === 'append'
          ? async (
              streamId: string,
              events: readonly EventToAppend[],
              expected: ExpectedRevision,
            ): Promise<AppendResult> => {
              if (!streamId.startsWith('accesslog-2')) return target.append(streamId, events, expected);
              this.inFlight += 1;
              this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
              try {
                if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
                if (this.failNext > 0) {
                  this.failNext -= 1;
                  throw new EventStoreError('STORE.UNAVAILABLE', 'disk full');
                }
                this.appends.push({ streamId, records: ((events[0]?.data as { rec: unknown[] }).rec ?? []).length });
                return await target.append(streamId, events, expected);
              } finally {
                this.inFlight -= 1;
              }
            }
          : Reflect.get(target, key, receiver),
    });

  release(): void {
    this.holding = false;
    this.held.splice(0).forEach((resolve) => resolve());
  }
}

const settle = (promises: readonly Promise<RecordLocation>[]) => Promise.allSettled(promises);

describe('AccessLogWriter (group commit of access records)', () => {
  let inner: SqliteEventStore;
  let gate: Gate;
  let writer: AccessLogWriter;
  const make = (options: { flushMs?: number; maxRecords?: number } = {}) =>
    new AccessLogWriter(gate.store, new SegmentDirectory(gate.store), { writer: 'w1', flushMs: 5, ...options });

  beforeEach(() => {
    inner = new SqliteEventStore({ filename: ':memory:', clock: new FixedClock(new Date(T0)) });
    gate = new Gate(inner);
    writer = make();
  });
  afterEach(() => inner.close());

  it('given records made together, then they are appended as one event, in order, each told its index once stored', async () => {
    const locations = await Promise.all([0, 1, 2].map((n) => writer.record(record(n), T0 + n)));
    expect(gate.appends).toEqual([{ streamId: SEGMENT, records: 3 }]);
    expect(locations.map((l) => [l.streamId, l.revision, l.index])).toEqual([
      [SEGMENT, 0n, 0],
      [SEGMENT, 0n, 1],
      [SEGMENT, 0n, 2],
    ]);
    const [event] = await inner.readStream(SEGMENT);
    expect(decodeBatch(event as never).map((e) => [e.target.id, e.at])).toEqual([
      ['C0', '2026-03-02T01:00:00.000Z'],
      ['C1', '2026-03-02T01:00:00.001Z'],
      ['C2', '2026-03-02T01:00:00.002Z'],
    ]);
  });

  it('given more records than a batch holds, then they are split into full batches, appended one at a time and in order', async () => {
    writer = make({ maxRecords: 4 });
    const locations = await Promise.all(Array.from({ length: 10 }, (_, n) => writer.record(record(n), T0)));
    expect(gate.appends.map((a) => a.records)).toEqual([4, 4, 2]);
    expect(gate.maxInFlight).toBe(1);
    expect(locations.map((l) => `${l.revision}:${l.index}`)).toEqual([
      '0:0',
      '0:1',
      '0:2',
      '0:3',
      '1:0',
      '1:1',
      '1:2',
      '1:3',
      '2:0',
      '2:1',
    ]);
  });

  it('given an append in flight, then records arriving meanwhile wait for it and go into the next batch together', async () => {
    gate.holding = true;
    const first = writer.record(record(0), T0);
    while (gate.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [1, 2, 3].map((n) => writer.record(record(n), T0 + 10));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gate.inFlight).toBe(1);
    gate.release();
    await Promise.all([first, ...later]);
    expect(gate.appends.map((a) => a.records)).toEqual([1, 3]);
  });

  it('given a failed append, then every read of that batch fails, and the next batch is stored', async () => {
    gate.failNext = 1;
    const failed = await settle([0, 1].map((n) => writer.record(record(n), T0)));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(failed[0]).toMatchObject({ reason: { code: 'STORE.UNAVAILABLE' } });
    const next = await writer.record(record(2), T0);
    expect(next).toMatchObject({ revision: 0n, index: 0 });
    expect((await inner.readStream(SEGMENT)).length).toBe(1);
  });

  it('given a record of the next UTC day, then the open batch is sealed and the record goes to that day’s segment', async () => {
    const late = writer.record(record(0), Date.parse('2026-03-02T23:59:59.999Z'));
    const early = writer.record(record(1), Date.parse('2026-03-03T00:00:00.000Z'));
    expect((await late).streamId).toBe('accesslog-20260302.w1');
    expect((await early).streamId).toBe('accesslog-20260303.w1');
  });

  it('given a close, then what waits is appended and later records are refused', async () => {
    writer = make({ flushMs: 60_000 });
    const waiting = writer.record(record(0), T0);
    await writer.close();
    expect(await waiting).toMatchObject({ index: 0 });
    await expect(writer.record(record(1), T0)).rejects.toThrow(/closed/);
  });
});
