import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, EventStoreError, EventToAppend, RecordedEvent, verifyAll, verifyStream } from '@xj/application';
import { computeEventHash } from '@xj/application/event-store-kit';
import { SqliteEventStore } from './sqlite-event-store';
import { sqliteEventStoreFilename } from './sqlite-event-store.config';
import { openEventDatabase } from './sqlite-schema';
import { TEST_EVENT_METADATA, testEvents } from '@xj/testing';

/**
 * What only the embedded store can show: tampering with the database file behind the store's
 * back (the verifier must name the first broken event), durability across reopen, two
 * processes on one file, and the per-stream event-id checks over a window of the stream.
 */
const metadata = TEST_EVENT_METADATA;
const events = testEvents;

const failure = async (promise: Promise<unknown>): Promise<EventStoreError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EventStoreError) return error;
    throw error;
  }
  throw new Error('expected an EventStoreError');
};

describe('SqliteEventStore on a file', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  /** A second connection, standing for someone editing the file directly. */
  let tamper: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-sqlite-'));
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ filename: file, pollIntervalMs: 10 });
    tamper = new Database(file);
  });
  afterEach(async () => {
    tamper.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const seed = async (stream: string, count = 5): Promise<RecordedEvent[]> => {
    await store.append(stream, events(count), 'no_stream');
    return store.readStream(stream);
  };

  /** Moves revisions without tripping UNIQUE(stream_id, revision) mid-statement. */
  const setRevisions = (stream: string, moves: [from: number, to: number][]): void => {
    const update = tamper.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
    tamper.transaction(() => {
      moves.forEach(([from, to]) => update.run(-1 - to, stream, from));
      moves.forEach(([, to]) => update.run(to, stream, -1 - to));
    })();
  };

  it('opens in WAL mode with synchronous=FULL', () => {
    const db = openEventDatabase(join(dir, 'pragmas.sqlite'), { busyTimeoutMs: 100 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('verifies a clean store', async () => {
    await seed('clue-1');
    await seed('referral-1', 3);
    expect(await verifyAll(store)).toMatchObject({ ok: true, eventsChecked: 8 });
  });

  it('names an event whose payload was edited in the file', async () => {
    await seed('clue-1');
    tamper.prepare("UPDATE events SET data = '{\"n\":99}' WHERE stream_id = 'clue-1' AND revision = 2").run();
    expect(await verifyStream(store, 'clue-1')).toMatchObject({
      ok: false,
      failure: { kind: 'hash_mismatch', revision: 2n },
    });
    expect(await verifyAll(store)).toMatchObject({
      ok: false,
      failure: { kind: 'hash_mismatch', streamId: 'clue-1', revision: 2n },
    });
  });

  it('names the event after a deleted row', async () => {
    await seed('clue-1');
    tamper.prepare("DELETE FROM events WHERE stream_id = 'clue-1' AND revision = 2").run();
    expect(await verifyStream(store, 'clue-1')).toMatchObject({
      ok: false,
      failure: { kind: 'revision_gap', revision: 3n, expected: '2' },
    });
  });

  it('names a forged row appended with a made-up hash', async () => {
    const original = await seed('clue-1', 2);
    tamper
      .prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        'clue-1',
        2,
        randomUUID(),
        'Happened',
        '{"n":2}',
        canonicalJson(metadata),
        '2026-01-01T00:00:00.000Z',
        original[1]?.metadata.hash,
        'e'.repeat(64),
      );
    expect(await verifyStream(store, 'clue-1')).toMatchObject({
      ok: false,
      failure: { kind: 'hash_mismatch', revision: 2n },
    });
  });

  it('names the first original event after a forged row inserted mid-stream with a correctly computed hash', async () => {
    const original = await seed('clue-1', 4);
    setRevisions('clue-1', [
      [3, 4],
      [2, 3],
    ]);
    const prevHash = original[1]?.metadata.hash as string;
    const recordedAt = '2026-01-01T00:00:00.000Z';
    const eventId = randomUUID();
    const hash = computeEventHash(prevHash, {
      streamId: 'clue-1',
      revision: 2n,
      eventId,
      type: 'Happened',
      dataJson: '{"forged":true}',
      metadataJson: canonicalJson({ ...metadata, recordedAt, prevHash }),
    });
    tamper
      .prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run('clue-1', 2, eventId, 'Happened', '{"forged":true}', canonicalJson(metadata), recordedAt, prevHash, hash);
    expect(await verifyStream(store, 'clue-1')).toMatchObject({
      ok: false,
      failure: { kind: 'prev_hash_mismatch', revision: 3n },
    });
  });

  it('names the first of two rows whose revisions were swapped', async () => {
    const original = await seed('clue-1');
    setRevisions('clue-1', [
      [1, 2],
      [2, 1],
    ]);
    const result = await verifyStream(store, 'clue-1');
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'prev_hash_mismatch', revision: 1n, eventId: original[2]?.eventId },
    });
  });

  it('names reordering in global order when walking the whole store', async () => {
    await seed('clue-1', 3);
    // Swap the positions of revisions 0 and 1: each row still claims its own revision.
    tamper.transaction(() => {
      tamper.prepare("UPDATE events SET position = -position WHERE stream_id = 'clue-1' AND revision IN (0, 1)").run();
      tamper
        .prepare(
          "UPDATE events SET position = (SELECT -position FROM events WHERE stream_id = 'clue-1' AND revision = 1) WHERE stream_id = 'clue-1' AND revision = 0",
        )
        .run();
      tamper
        .prepare(
          "UPDATE events SET position = (SELECT position FROM events WHERE stream_id = 'clue-1' AND revision = 0) - 1 WHERE stream_id = 'clue-1' AND revision = 1",
        )
        .run();
    })();
    expect(await verifyAll(store)).toMatchObject({
      ok: false,
      failure: { kind: 'revision_gap', revision: 1n, expected: '0' },
    });
    expect((await verifyStream(store, 'clue-1')).ok).toBe(true); // the stream order is still intact
  });

  it('detects a truncated tail against a known head, and against its own head row when that was left alone', async () => {
    const original = await seed('clue-1');
    const head = { revision: 4n, hash: original[4]?.metadata.hash as string };
    tamper.prepare("DELETE FROM events WHERE stream_id = 'clue-1' AND revision >= 3").run();
    expect(await verifyStream(store, 'clue-1')).toMatchObject({
      ok: false,
      failure: { kind: 'truncated', revision: 2n, expected: '4' },
    });
    // A careful attacker also rewrites the head row: the chain alone is then valid…
    tamper
      .prepare("UPDATE streams SET revision = 2, hash = ? WHERE stream_id = 'clue-1'")
      .run(original[2]?.metadata.hash);
    expect((await verifyStream(store, 'clue-1')).ok).toBe(true);
    // …and only a head known from elsewhere (a signed checkpoint) reveals the truncation.
    expect(await verifyStream(store, 'clue-1', { expectedHead: head })).toMatchObject({
      ok: false,
      failure: { kind: 'truncated', revision: 2n, expected: '4' },
    });
  });

  it('keeps event ids unique per stream only: the same id in another stream is another event', async () => {
    const [a] = events(1) as [EventToAppend];
    const first = await store.append('clue-1', [a], 'no_stream');
    const second = await store.append('clue-2', [a], 'no_stream');
    expect(second).toEqual({ nextRevision: 0n, position: first.position + 1n });
    // Within a stream the rule holds: the id at another revision is a conflict, and writes nothing.
    await store.append('clue-2', events(1), 0n);
    expect((await failure(store.append('clue-2', [a], 1n))).code).toBe('EVENT.ID_CONFLICT');
    expect((await failure(store.append('clue-2', [...events(1), a], 1n))).code).toBe('EVENT.ID_CONFLICT');
    expect(await store.streamRevision('clue-2')).toBe(1n);
    expect(await verifyAll(store)).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('searches a configurable window of the stream, and the target revision of a stale retry beyond it', async () => {
    const small = new SqliteEventStore({ filename: join(dir, 'window.sqlite'), idempotencyWindow: 4 });
    const [a, b] = events(2) as [EventToAppend, EventToAppend];
    const original = await small.append('clue-1', [a, b], 'no_stream');
    await small.append('clue-1', events(3), 1n);
    expect((await failure(small.append('clue-1', [...events(1), b], 'any'))).code).toBe('EVENT.ID_CONFLICT'); // b is in the window
    await small.append('clue-1', events(3), 4n); // a and b leave the 4-event window
    expect(await small.append('clue-1', [a, b], 'no_stream')).toEqual(original); // found at the target revision
    expect((await failure(small.append('clue-1', [a], 2n))).code).toBe('STREAM.WRONG_EXPECTED_REVISION'); // not at revision 3
    // With 'any' there is no target to read: an id older than the window is not seen, as on EventStoreDB.
    expect((await small.append('clue-1', [b], 'any')).nextRevision).toBe(8n);
    await small.close();
  });

  it('lets one failing append of a group of concurrent appends fail alone', async () => {
    await store.append('clue-1', events(1), 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('clue-2', events(2), 'no_stream'),
      store.append('clue-1', events(1), 5n),
      store.append('clue-1', events(1), 0n),
      store.append('clue-3', events(1), 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: 'STREAM.WRONG_EXPECTED_REVISION' } });
    expect(await store.streamRevision('clue-1')).toBe(1n);
    expect(await verifyAll(store)).toMatchObject({ ok: true, eventsChecked: 5 });
  });

  it('keeps acknowledged events and the chain across a reopen', async () => {
    await seed('clue-1', 3);
    await store.close();
    store = new SqliteEventStore({ filename: file });
    await store.append('clue-1', events(2), 2n);
    expect(await verifyStream(store, 'clue-1')).toMatchObject({ ok: true, eventsChecked: 5 });
  });

  it("sees another connection's appends in subscriptions (polling) and in concurrency checks", async () => {
    const other = new SqliteEventStore({ filename: file });
    const received: string[] = [];
    let resolve!: () => void;
    const reached = new Promise<void>((r) => (resolve = r));
    const subscription = store.subscribe({
      handler: async (event) => {
        received.push(`${event.streamId}@${event.revision}`);
        if (received.length === 2) resolve();
      },
    });
    // Only the other connection writes: no in-process wake-up, so delivery comes from polling.
    await other.append('clue-9', events(2), 'no_stream');
    await reached;
    await subscription.stop();
    expect(received).toEqual(['clue-9@0', 'clue-9@1']);
    await store.append('clue-9', events(1), 1n);
    expect((await failure(other.append('clue-9', events(1), 1n))).code).toBe('STREAM.WRONG_EXPECTED_REVISION');
    await other.close();
  });

  it('writes nothing when another connection moved the head after the append was decided, and decides it again', async () => {
    const other = new SqliteEventStore({ filename: file });
    await store.append('clue-7', events(1), 'no_stream');
    // Both read the head at the call and write at the next turn of the loop: the second write finds it moved.
    const anyHead = await Promise.all([
      store.append('clue-7', events(1), 'any'),
      other.append('clue-7', events(1), 'any'),
    ]);
    expect(anyHead.map((r) => r.nextRevision).sort()).toEqual([1n, 2n]);
    const exact = await Promise.allSettled([
      store.append('clue-7', events(1), 2n),
      other.append('clue-7', events(1), 2n),
    ]);
    expect(exact.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(exact[1]).toMatchObject({
      reason: { code: 'STREAM.WRONG_EXPECTED_REVISION', details: { expected: '2', actual: '3' } },
    });
    const created = await Promise.allSettled([
      store.append('clue-8', events(1), 'no_stream'),
      other.append('clue-8', events(2), 'no_stream'),
    ]);
    expect(created[1]).toMatchObject({
      status: 'rejected',
      reason: { code: 'STREAM.WRONG_EXPECTED_REVISION', details: { actual: '0' } },
    });
    expect(await store.streamRevision('clue-7')).toBe(3n);
    expect(await verifyAll(store)).toMatchObject({ ok: true, eventsChecked: 5 });
    await other.close();
  });

  it('lets timers and I/O run between the pages of a catch-up', async () => {
    for (let s = 0; s < 4; s++) await store.append(`clue-${s}`, events(200), 'no_stream');
    let delivered = 0;
    let deliveredWhenLoopTurned: number | undefined;
    let resolve!: () => void;
    const reached = new Promise<void>((r) => (resolve = r));
    const subscription = store.subscribe({
      handler: async () => {
        if (++delivered === 800) resolve();
      },
    });
    // Runs at the event loop's next turn: before the catch-up ends only if the catch-up yields.
    setImmediate(() => (deliveredWhenLoopTurned = delivered));
    await reached;
    await subscription.stop();
    expect(deliveredWhenLoopTurned).toBeLessThan(800);
  });

  it('reads for partitioned builds: the last position, a data field of chosen types, and several streams in global order, all up to a position', async () => {
    expect(await store.lastPosition()).toBeUndefined();
    const typed = (type: string, data: Record<string, unknown>): EventToAppend => ({
      eventId: randomUUID(),
      type,
      data,
      metadata,
    });
    await store.append('clue-1', [typed('Registered', { clueId: '1' })], 'no_stream');
    await store.append('referral-a', [typed('Drafted', { clueId: '1' }), typed('Sent', { clueId: 'x' })], 'no_stream');
    await store.append('clue-1', [typed('Analysed', {})], 0n);
    await store.append('referral-b', [typed('Drafted', { clueId: 7 })], 'no_stream');
    const { position: through } = await store.append('referral-a', [typed('Accepted', {})], 1n);
    await store.append('referral-c', [typed('Drafted', { clueId: '1' })], 'no_stream');
    await store.append('clue-1', [typed('Closed', {})], 1n);

    expect(await store.lastPosition()).toBe(through + 2n);
    expect(await store.readDataField(['Registered', 'Drafted'], 'clueId', through)).toEqual([
      { streamId: 'clue-1', type: 'Registered', value: '1' },
      { streamId: 'referral-a', type: 'Drafted', value: '1' },
      { streamId: 'referral-b', type: 'Drafted', value: undefined },
    ]);
    const merged = await store.readStreamsThrough(['referral-a', 'clue-1', 'nobody-1'], through);
    expect(merged.map((event) => [event.streamId, event.type])).toEqual([
      ['clue-1', 'Registered'],
      ['referral-a', 'Drafted'],
      ['referral-a', 'Sent'],
      ['clue-1', 'Analysed'],
      ['referral-a', 'Accepted'],
    ]);
    // The same events as the ordinary reads give, metadata and hashes included.
    expect(merged).toEqual(
      (await store.readAll({ maxCount: Number(through) })).filter((event) => event.streamId !== 'referral-b'),
    );
    await expect(store.readDataField(['Drafted'], 'clueId") OR 1', through)).rejects.toThrow(
      'Not a top-level field name',
    );
  });

  it('applies a configured payload limit', async () => {
    const small = new SqliteEventStore({ filename: ':memory:', maxPayloadBytes: 300 });
    const big: EventToAppend = { ...(events(1)[0] as EventToAppend), data: { text: 'x'.repeat(300) } };
    expect((await failure(small.append('clue-1', [big], 'any'))).code).toBe('EVENT.PAYLOAD_TOO_LARGE');
    await small.close();
  });

  it('stops subscriptions on close and then refuses work as STORE.UNAVAILABLE', async () => {
    const subscription = store.subscribe({ handler: async () => undefined });
    await store.close();
    await expect(subscription.done).resolves.toBeUndefined();
    expect((await failure(store.append('clue-1', events(1), 'any'))).code).toBe('STORE.UNAVAILABLE');
    expect((await failure(store.readAll())).code).toBe('STORE.UNAVAILABLE');
  });

  it('reports a file that cannot be opened as STORE.UNAVAILABLE', () => {
    expect(() => new SqliteEventStore({ filename: join(dir, 'missing', 'dir', 'events.sqlite') })).toThrow(
      expect.objectContaining({ code: 'STORE.UNAVAILABLE' }),
    );
  });
});

describe('configuration', () => {
  it('keeps one database file under DATA_DIR, creating the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-data-'));
    const dataDir = join(dir, 'nested', 'data');
    const filename = sqliteEventStoreFilename(dataDir);
    expect(filename).toBe(join(dataDir, 'events.sqlite'));
    const store = new SqliteEventStore({ filename });
    await store.append('clue-1', events(1), 'no_stream');
    await store.close();
    const reopened = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    expect(await reopened.streamRevision('clue-1')).toBe(0n);
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
