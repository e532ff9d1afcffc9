import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { BREACH_STREAM, INTEGRITY_SYSTEM_ACTOR } from './integrity-breach.events';
import { BreachAlreadyAcknowledgedError, BreachNotFoundError, IntegrityBreaches } from './integrity-breaches';
import { IntegrityReport } from './integrity-report';
import { metadata } from './integrity.fixtures-spec';

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
const admin = { userId: 'u-admin', role: 'Administrator', orgId: 'panjin.admin' };
const truncated: IntegrityReport = {
  ok: false,
  checkedEvents: 7,
  firstProblem: {
    kind: 'truncated',
    streamId: 'clue-1',
    revision: '2',
    detail: 'clue-1 ends at revision 2, the checkpoint has 4',
  },
  checkpoint: { createdAt: '2026-03-01T00:00:00.000Z', globalPosition: '9', keyId: 'k1' },
};
const hashMismatch: IntegrityReport = {
  ok: false,
  checkedEvents: 3,
  firstProblem: { kind: 'hash_mismatch', streamId: 'clue-2', revision: '0', position: '4', detail: 'edited' },
};

describe('IntegrityBreaches', () => {
  let store: SqliteEventStore;
  let ids: number;
  const newId = (): string => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
  let breaches: IntegrityBreaches;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:', clock });
    ids = 0;
    breaches = new IntegrityBreaches(store, clock, newId);
  });
  afterEach(() => store.close());

  it('records a finding once, as an event of the product, with what was found and against which checkpoint', async () => {
    expect(breaches.isLoaded).toBe(false);
    await breaches.refresh();
    expect(breaches.isLoaded).toBe(true);
    expect(breaches.open()).toEqual([]);
    const breach = await breaches.record('start', truncated);
    expect(breach).toEqual({
      breachId: expect.any(String),
      detectedAt: '2026-03-02T08:30:00.000Z',
      detectedDuring: 'start',
      fingerprint: 'truncated|clue-1|2|||2026-03-01T00:00:00.000Z|9|k1',
      problem: truncated.firstProblem,
      checkedEvents: 7,
      checkpoint: truncated.checkpoint,
    });
    // The same finding again (the next start, the shutdown run) is the same breach.
    expect(await breaches.record('shutdown', { ...truncated, checkedEvents: 8 })).toEqual(breach);
    const [stored, ...more] = await store.readStream(BREACH_STREAM);
    expect(more).toEqual([]);
    expect(stored).toMatchObject({
      type: 'IntegrityBreachDetected',
      metadata: { actor: INTEGRITY_SYSTEM_ACTOR, correlationId: breach.breachId },
    });
    expect(breaches.open()).toEqual([breach]);
  });

  it('is seen by every process on its next read, and an acknowledgement too (who, when, why)', async () => {
    const replica = new IntegrityBreaches(store, clock, newId);
    const breach = await breaches.record('interval', hashMismatch);
    await replica.refresh();
    expect(replica.open().map((b) => b.breachId)).toEqual([breach.breachId]);
    clock.advance(60_000);
    const acknowledged = await replica.acknowledge(breach.breachId, admin, 'row restored from the backup of 1 March');
    expect(acknowledged.acknowledgement).toEqual({
      acknowledgedAt: '2026-03-02T08:31:00.000Z',
      by: admin,
      reason: 'row restored from the backup of 1 March',
    });
    expect(replica.open()).toEqual([]);
    expect(breaches.open()).toHaveLength(1);
    await breaches.refresh();
    expect(breaches.open()).toEqual([]);
    expect(breaches.known(hashMismatch)?.acknowledgement?.by).toEqual(admin);
    expect((await store.readStream(BREACH_STREAM)).at(-1)).toMatchObject({
      type: 'IntegrityBreachAcknowledged',
      metadata: { actor: admin },
    });
  });

  it('refuses to acknowledge an unknown breach or one acknowledged already, also when two replicas race', async () => {
    await expect(breaches.acknowledge('00000000-0000-4000-8000-999999999999', admin, 'x')).rejects.toBeInstanceOf(
      BreachNotFoundError,
    );
    const breach = await breaches.record('start', truncated);
    const replica = new IntegrityBreaches(store, clock, newId);
    await replica.refresh();
    const outcomes = await Promise.allSettled([
      breaches.acknowledge(breach.breachId, admin, 'one'),
      replica.acknowledge(breach.breachId, { ...admin, userId: 'u-admin-2' }, 'two'),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
      reason: expect.any(BreachAlreadyAcknowledgedError),
    });
    expect(
      (await store.readStream(BREACH_STREAM)).filter((e) => e.type === 'IntegrityBreachAcknowledged'),
    ).toHaveLength(1);
  });

  it('tells listeners when the open breaches change, and only then', async () => {
    const seen: number[] = [];
    breaches.onChange((open) => seen.push(open.length));
    await breaches.refresh();
    const breach = await breaches.record('start', truncated);
    await breaches.record('start', truncated);
    await breaches.acknowledge(breach.breachId, admin, 'restored');
    await breaches.refresh();
    expect(seen).toEqual([1, 0]);
  });

  it('skips events it does not understand instead of failing every request', async () => {
    const event = (type: string, data: object) => ({ eventId: newId(), type, data, metadata });
    await store.append(
      BREACH_STREAM,
      [
        event('SomethingElse', { breachId: 'b' }),
        event('IntegrityBreachDetected', { no: 'id' }),
        event('IntegrityBreachAcknowledged', { breachId: 'nobody' }),
      ],
      'no_stream',
    );
    await breaches.refresh();
    expect(breaches.list()).toEqual([]);
    const breach = await breaches.record('start', truncated);
    expect(breaches.list().map((b) => b.breachId)).toEqual([breach.breachId]);
  });
});
