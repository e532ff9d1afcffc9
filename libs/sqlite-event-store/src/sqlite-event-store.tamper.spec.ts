import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { signV1Checkpoint } from '@xj/testing';
import {
  canonicalJson,
  CheckpointHead,
  CheckpointSigner,
  CheckpointVerificationOptions,
  createCheckpointWithHeads,
  EventStore,
  EventToAppend,
  FixedClock,
  IntegrityReport,
  ReadAllOptions,
  SignedCheckpoint,
  verifyAgainstCheckpoint,
  verifyAll,
  verifyStream,
} from '@xj/application';
import {
  chainHashOf,
  ChainRowSource,
  computeEventHash,
  CryptoSuite,
  CryptoSuiteHolder,
  cryptoSuiteOf,
  GENESIS_HASH,
} from '@xj/application/event-store-kit';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteChainRow } from './stored-row-hash';

/**
 * Tampering with events.sqlite behind the store's back, beyond sqlite-event-store.spec.ts:
 * rewrites that keep every chain valid (only a signed checkpoint taken before reveals them),
 * and 1,000 random tamperings, each of which must be detected. Every verification runs twice:
 * through the EventStore port (parse, re-encode, hash) and over the stored rows (the
 * ChainRowSource fast path, hashing the stored text) — they must agree. Checkpoints are verified
 * in both versions: version 1 (saved before #13, every head listed) and version 2 (a digest of the
 * heads), the latter with and without its heads list (which only names what differs).
 */
type Row = {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
};

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
const event = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'Happened',
  data: { n, note: '整改' },
  metadata,
});

/** Only the port's methods, so the parsed path is tested even where the adapter offers rows. */
/**
 * The suite of the describe block running (both suites run every tampering below): set in its
 * beforeAll, read by the helpers. Jest runs one describe block's tests after another's.
 */
let suite: CryptoSuite = 'intl';

/** The port only (no fast path), with the store's suite, which every verifier reads. */
const portOnly = (store: EventStore): EventStore & CryptoSuiteHolder => ({
  cryptoSuite: cryptoSuiteOf(store),
  append: (...args) => store.append(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  subscribe: (...args) => store.subscribe(...args),
  streamRevision: (...args) => store.streamRevision(...args),
  close: () => store.close(),
});

/** The port plus stored rows read straight from the file: the verifier's fast path. */
const withRows = (store: EventStore, db: Database.Database): EventStore & ChainRowSource => {
  const page = db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  return {
    ...portOnly(store),
    async readChainRows(options: ReadAllOptions): Promise<SqliteChainRow[]> {
      return page
        .all(Number(options.fromPosition ?? 0n), options.maxCount ?? -1)
        .map(
          (r) =>
            new SqliteChainRow(
              r.stream_id,
              BigInt(r.revision),
              BigInt(r.position),
              r.event_id,
              r.type,
              r.data,
              r.metadata,
              r.recorded_at,
              r.prev_hash,
              r.hash,
              chainHashOf(suite),
            ),
        );
    },
  };
};

const rowsOf = (db: Database.Database, stream?: string): Row[] =>
  stream === undefined
    ? db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all()
    : db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(stream);

/** The shared hashing code, applied to a stored row as it stands now. */
const hashOf = (row: Row, prevHash: string): string =>
  computeEventHash(
    prevHash,
    {
      streamId: row.stream_id,
      revision: BigInt(row.revision),
      eventId: row.event_id,
      type: row.type,
      dataJson: row.data,
      metadataJson: canonicalJson({ ...JSON.parse(row.metadata), prevHash, recordedAt: row.recorded_at }),
    },
    chainHashOf(suite),
  );

/** Recomputes every link and hash of a stream and its head row: afterwards its chain verifies. */
const rechain = (db: Database.Database, stream: string): void => {
  const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?');
  let prev = GENESIS_HASH;
  let last: Row | undefined;
  for (const row of rowsOf(db, stream)) {
    const hash = hashOf(row, prev);
    update.run(prev, hash, row.position);
    last = row;
    prev = hash;
  }
  if (last)
    db.prepare('UPDATE streams SET revision = ?, hash = ? WHERE stream_id = ?').run(last.revision, prev, stream);
  else db.prepare('DELETE FROM streams WHERE stream_id = ?').run(stream);
};

/** Sets a column of several rows at once without tripping the UNIQUE constraints mid-way. */
const reassign = (
  db: Database.Database,
  column: 'revision' | 'position',
  moves: readonly [position: number, value: number][],
): void => {
  const set = db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`);
  const parked = moves.map(([position, value], i) => {
    const temporary = -1_000_000 - i;
    set.run(column === 'position' ? temporary : -1 - value, position);
    return [column === 'position' ? temporary : position, value] as const;
  });
  for (const [position, value] of parked) set.run(value, position);
};

const forge = (db: Database.Database, stream: string, revision: number, prevHash: string, position?: number): void => {
  const row: Row = {
    position: position ?? 0,
    stream_id: stream,
    revision,
    event_id: randomUUID(),
    type: 'Happened',
    data: canonicalJson({ forged: true }),
    metadata: canonicalJson(metadata),
    recorded_at: '2026-03-01T00:00:00.000Z',
    prev_hash: prevHash,
    hash: '',
  };
  const columns = 'stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash';
  const values = [
    row.stream_id,
    row.revision,
    row.event_id,
    row.type,
    row.data,
    row.metadata,
    row.recorded_at,
    prevHash,
    hashOf(row, prevHash),
  ];
  if (position === undefined)
    db.prepare(`INSERT INTO events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values);
  else
    db.prepare(`INSERT INTO events (position, ${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      position,
      ...values,
    );
};

describe.each(['intl', 'gm'] as const)('tampering with the SQLite file (CRYPTO_SUITE=%s)', (blockSuite) => {
  const streams = ['clue-1', 'clue-2', 'referral-1', 'rectification-1'];
  let dir: string;
  let prepared: string;
  let signed: SignedCheckpoint;
  let signedV2: SignedCheckpoint;
  let headsV2: readonly CheckpointHead[];
  const signer = CheckpointSigner.generate(blockSuite === 'gm' ? 'sm2' : 'ed25519');
  const trusted: CheckpointVerificationOptions = { pinnedPublicKey: signer.publicKey };
  const named = (): CheckpointVerificationOptions => ({
    ...trusted,
    headsOf: async (digest) => (digest === signedV2.checkpoint.headsDigest ? headsV2 : undefined),
  });

  /** One store of ~50 events in 4 streams, interleaved, and a checkpoint signed over all of it. */
  beforeAll(async () => {
    suite = blockSuite;
    dir = mkdtempSync(join(tmpdir(), 'xj-tamper-'));
    prepared = join(dir, 'prepared.sqlite');
    const store = new SqliteEventStore({ filename: prepared, clock, cryptoSuite: suite });
    // 15, 12, 13 and 10 events, interleaved by a fixed shuffle (a small LCG: the same store every run).
    const order = [15, 12, 13, 10].flatMap((count, s) => Array.from({ length: count }, () => streams[s] as string));
    let seed = 42;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j] as string, order[i] as string];
    }
    for (const [n, stream] of order.entries()) await store.append(stream, [event(n)], 'any');
    signed = await signV1Checkpoint(store, signer, clock);
    ({ signed: signedV2, heads: headsV2 } = await createCheckpointWithHeads(store, signer, clock));
    await store.close();
    const db = new Database(prepared);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface Verdicts {
    readonly chain: boolean;
    readonly chainOverRows: boolean;
    readonly checkpoint: IntegrityReport;
    readonly checkpointOverRows: IntegrityReport;
    /** Version 2 without its heads list, over the port and over the rows. */
    readonly v2: IntegrityReport;
    readonly v2OverRows: IntegrityReport;
    /** Version 2 with its heads list. */
    readonly v2Named: IntegrityReport;
  }

  /** Copies the prepared file, tampers with it through a raw connection, then verifies through the store. */
  const tamperAndVerify = async (file: string, tamper: (db: Database.Database) => void): Promise<Verdicts> => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    copyFileSync(prepared, file);
    const raw = new Database(file);
    raw.pragma('synchronous = OFF'); // a scratch copy: no need to wait for the disk
    raw.transaction(() => tamper(raw))();
    const store = new SqliteEventStore({ filename: file, clock, cryptoSuite: suite });
    const rows = withRows(store, raw);
    try {
      return {
        chain: (await verifyAll(portOnly(store))).ok,
        chainOverRows: (await verifyAll(rows)).ok,
        checkpoint: await verifyAgainstCheckpoint(portOnly(store), signed, trusted),
        checkpointOverRows: await verifyAgainstCheckpoint(rows, signed, trusted),
        v2: await verifyAgainstCheckpoint(portOnly(store), signedV2, trusted),
        v2OverRows: await verifyAgainstCheckpoint(rows, signedV2, trusted),
        v2Named: await verifyAgainstCheckpoint(rows, signedV2, named()),
      };
    } finally {
      // The last connection to close checkpoints the WAL: let it be the one that does not fsync.
      await store.close();
      raw.close();
    }
  };

  it('starts from a store that verifies, on its own and against the checkpoint', async () => {
    const verdicts = await tamperAndVerify(join(dir, 'clean.sqlite'), () => undefined);
    expect(verdicts).toMatchObject({
      chain: true,
      chainOverRows: true,
      checkpoint: { ok: true, checkedEvents: 50 },
      checkpointOverRows: { ok: true },
    });
    expect(verdicts).toMatchObject({
      v2: { ok: true, checkedEvents: 50 },
      v2OverRows: { ok: true },
      v2Named: { ok: true },
    });
  });

  it('catches a consistent rewrite of one stream only against the checkpoint, naming its head', async () => {
    const file = join(dir, 'rewrite-one.sqlite');
    const verdicts = await tamperAndVerify(file, (db) => {
      const target = rowsOf(db, 'clue-2')[3] as Row;
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        canonicalJson({ n: 4242, note: '已整改' }),
        target.position,
      );
      rechain(db, 'clue-2');
    });
    expect(verdicts.chain).toBe(true);
    expect(verdicts.chainOverRows).toBe(true);
    const head = headsV2.find((h) => h.streamId === 'clue-2');
    expect(verdicts.checkpoint).toMatchObject({
      ok: false,
      firstProblem: { kind: 'head_mismatch', streamId: 'clue-2', revision: head?.revision },
    });
    expect(verdicts.checkpointOverRows.firstProblem).toEqual(verdicts.checkpoint.firstProblem);
    expect(verdicts.v2Named.firstProblem).toEqual(verdicts.checkpoint.firstProblem);
    expect(verdicts.v2).toMatchObject({ ok: false, firstProblem: { kind: 'heads_mismatch' } });
    expect(verdicts.v2OverRows.firstProblem).toEqual(verdicts.v2.firstProblem);
    const store = new SqliteEventStore({ filename: file, clock, cryptoSuite: suite });
    expect((await verifyStream(store, 'clue-2')).ok).toBe(true);
    await store.close();
  });

  it('catches a consistent rewrite of the whole store (every event backdated, every hash recomputed)', async () => {
    const verdicts = await tamperAndVerify(join(dir, 'rewrite-all.sqlite'), (db) => {
      db.prepare("UPDATE events SET recorded_at = '2026-01-05T00:00:00.000Z'").run();
      streams.forEach((stream) => rechain(db, stream));
    });
    expect([verdicts.chain, verdicts.chainOverRows]).toEqual([true, true]);
    expect(verdicts.checkpoint).toMatchObject({ ok: false, firstProblem: { kind: 'head_mismatch' } });
    expect(verdicts.checkpointOverRows.ok).toBe(false);
    expect(verdicts.v2Named).toMatchObject({ ok: false, firstProblem: { kind: 'head_mismatch' } });
    expect([verdicts.v2, verdicts.v2OverRows]).toMatchObject([
      { ok: false, firstProblem: { kind: 'heads_mismatch' } },
      { ok: false },
    ]);
  });

  it('catches a truncated stream whose head row was rewritten too, and a stream removed entirely', async () => {
    const truncated = await tamperAndVerify(join(dir, 'truncated.sqlite'), (db) => {
      db.prepare("DELETE FROM events WHERE stream_id = 'referral-1' AND revision >= 10").run();
      rechain(db, 'referral-1');
    });
    expect([truncated.chain, truncated.chainOverRows]).toEqual([true, true]);
    expect(truncated.checkpoint).toMatchObject({
      ok: false,
      firstProblem: { kind: 'truncated', streamId: 'referral-1', revision: '9' },
    });
    expect(truncated.v2Named).toMatchObject({
      ok: false,
      firstProblem: { kind: 'truncated', streamId: 'referral-1', revision: '9' },
    });
    expect(truncated.v2).toMatchObject({ ok: false, firstProblem: { kind: 'count_mismatch' } });
    const dropped = await tamperAndVerify(join(dir, 'dropped.sqlite'), (db) => {
      db.prepare("DELETE FROM events WHERE stream_id = 'rectification-1'").run();
      db.prepare("DELETE FROM streams WHERE stream_id = 'rectification-1'").run();
    });
    expect([dropped.chain, dropped.chainOverRows]).toEqual([true, true]);
    expect(dropped.checkpoint).toMatchObject({
      ok: false,
      firstProblem: { kind: 'truncated', streamId: 'rectification-1' },
    });
    expect(dropped.v2Named).toMatchObject({
      ok: false,
      firstProblem: { kind: 'truncated', streamId: 'rectification-1' },
    });
    expect(dropped.v2).toMatchObject({ ok: false, firstProblem: { kind: 'count_mismatch' } });
  });

  it('catches a forged, consistently hashed stream slipped in before the checkpoint position', async () => {
    const verdicts = await tamperAndVerify(join(dir, 'forged.sqlite'), (db) => {
      // Make room at position 20 by moving the row there to the end, then forge into the gap.
      const moved = rowsOf(db)[19] as Row;
      reassign(db, 'position', [[moved.position, 1000]]);
      forge(db, 'clue-666', 0, GENESIS_HASH, 20);
    });
    expect(verdicts.checkpoint).toMatchObject({
      ok: false,
      firstProblem: { kind: 'not_in_checkpoint', streamId: 'clue-666', position: '20' },
    });
    expect(verdicts.checkpointOverRows.firstProblem).toEqual(verdicts.checkpoint.firstProblem);
    expect(verdicts.v2Named.firstProblem).toEqual(verdicts.checkpoint.firstProblem);
    // Without the list the forged event is not flagged where it sits; the moved row breaks its stream's chain later on.
    expect(verdicts.v2).toMatchObject({ ok: false, firstProblem: { kind: 'revision_gap' } });
  });

  /** A random tampering of the file; none is a no-op (asserted by comparing file contents). */
  type Tampering = { readonly kind: string; readonly apply: (db: Database.Database) => void };
  const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
  const tamperings = (() => {
    const ix = fc.nat({ max: 10_000 });
    const stream = fc.constantFrom(...streams);
    const row = (db: Database.Database, i: number): Row => pick(rowsOf(db), i);
    const t = (kind: string, apply: Tampering['apply']): Tampering => ({ kind, apply });
    return fc.oneof(
      fc.tuple(ix, fc.integer({ min: 1, max: 99 })).map(([i, delta]) =>
        t('edit payload', (db) => {
          const r = row(db, i);
          const data = JSON.parse(r.data) as { n: number };
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
            canonicalJson({ ...data, n: data.n + delta }),
            r.position,
          );
        }),
      ),
      fc.tuple(ix, fc.constantFrom('type', 'event_id', 'recorded_at', 'metadata', 'stream_id')).map(([i, column]) =>
        t(`edit ${column}`, (db) => {
          const r = row(db, i);
          const value = {
            type: 'Other',
            event_id: randomUUID(),
            recorded_at: '2025-12-31T23:59:59.999Z',
            metadata: canonicalJson({ ...JSON.parse(r.metadata), actor: { ...metadata.actor, userId: 'mallory' } }),
            stream_id: 'clue-999',
          }[column];
          db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, r.position);
        }),
      ),
      fc.tuple(ix, fc.constantFrom('hash', 'prev_hash'), fc.nat({ max: 15 })).map(([i, column, digit]) =>
        t(`overwrite ${column}`, (db) => {
          const r = row(db, i);
          const replacement = createHash('sha256').update(`${r[column]}:${digit}`).digest('hex');
          db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(replacement, r.position);
        }),
      ),
      ix.map((i) =>
        t('delete an event', (db) => void db.prepare('DELETE FROM events WHERE position = ?').run(row(db, i).position)),
      ),
      fc.tuple(stream, ix).map(([s, i]) =>
        t('insert a forged event mid-stream', (db) => {
          const rows = rowsOf(db, s);
          const at = i % rows.length;
          reassign(
            db,
            'revision',
            rows.slice(at).map((r) => [r.position, r.revision + 1] as [number, number]),
          );
          forge(db, s, at, at === 0 ? GENESIS_HASH : (rows[at - 1] as Row).hash);
        }),
      ),
      fc.tuple(stream, ix, fc.integer({ min: 1, max: 9 })).map(([s, i, gap]) =>
        t('swap two revisions', (db) => {
          const rows = rowsOf(db, s);
          const a = pick(rows, i);
          const b = pick(rows, i + gap);
          reassign(db, 'revision', [
            [a.position, b.revision],
            [b.position, a.revision],
          ]);
        }),
      ),
      fc.tuple(ix, fc.integer({ min: 1, max: 49 })).map(([i, gap]) =>
        t('swap two positions', (db) => {
          const a = row(db, i);
          const b = row(db, i + gap);
          reassign(db, 'position', [
            [a.position, b.position],
            [b.position, a.position],
          ]);
        }),
      ),
      fc.tuple(stream, fc.integer({ min: 1, max: 10 }), fc.boolean()).map(([s, count, fixHead]) =>
        t('truncate a stream', (db) => {
          const rows = rowsOf(db, s);
          db.prepare('DELETE FROM events WHERE stream_id = ? AND revision >= ?').run(s, rows.length - count);
          if (fixHead) rechain(db, s);
        }),
      ),
      fc.tuple(stream, ix, fc.integer({ min: 1, max: 99 })).map(([s, i, delta]) =>
        t('rewrite a stream consistently', (db) => {
          const r = pick(rowsOf(db, s), i);
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
            canonicalJson({ ...JSON.parse(r.data), n: -delta }),
            r.position,
          );
          rechain(db, s);
        }),
      ),
      fc.integer({ min: 1, max: 1000 }).map((minutes) =>
        t('rewrite the whole store consistently', (db) => {
          db.prepare("UPDATE events SET recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, ?)").run(
            `-${minutes} minutes`,
          );
          streams.forEach((s) => rechain(db, s));
        }),
      ),
      stream.map((s) =>
        t('remove a stream', (db) => {
          db.prepare('DELETE FROM events WHERE stream_id = ?').run(s);
          db.prepare('DELETE FROM streams WHERE stream_id = ?').run(s);
        }),
      ),
    );
  })();

  // gm: 200 runs, the same tamperings (only the digest and the signature differ), since each run
  // verifies three SM2 signatures in JavaScript; 200 draws from the 15 kinds still see every kind.
  const runs = blockSuite === 'gm' ? 200 : 1000;
  it(`detects each of ${runs} random tamperings, and both paths agree`, async () => {
    const file = join(dir, 'property.sqlite');
    const snapshot = new Database(prepared, { readonly: true });
    const original = JSON.stringify(rowsOf(snapshot));
    snapshot.close();
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(tamperings, async (tampering) => {
        let changed = '';
        const verdicts = await tamperAndVerify(file, (db) => {
          tampering.apply(db);
          changed = JSON.stringify(rowsOf(db));
        });
        expect(changed).not.toBe(original);
        expect(verdicts.chainOverRows).toBe(verdicts.chain);
        expect(verdicts.checkpointOverRows.ok).toBe(verdicts.checkpoint.ok);
        expect(!verdicts.chain || !verdicts.checkpoint.ok).toBe(true);
        // The checkpoint walk includes every chain check: it misses nothing the chain verifier finds.
        expect(verdicts.checkpoint.ok).toBe(false);
        expect([verdicts.v2.ok, verdicts.v2OverRows.ok, verdicts.v2Named.ok]).toEqual([false, false, false]);
        seen.set(tampering.kind, (seen.get(tampering.kind) ?? 0) + 1);
      }),
      { numRuns: runs },
    );
    expect([...seen.keys()].length).toBeGreaterThanOrEqual(14);
  }, 240_000);
});

describe('a row forged at a position at or below zero', () => {
  it('is still read by readAll and caught by verifyAll', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Database = (await import('better-sqlite3')).default;
    const { SqliteEventStore } = await import('./sqlite-event-store');
    const { verifyAll } = await import('@xj/application');
    const dir = mkdtempSync(join(tmpdir(), 'xj-neg-'));
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ filename: file });
    const meta = {
      schemaVersion: 1,
      actor: { userId: 'u', role: 'RuleOfLawOffice', orgId: 'o' },
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
    };
    await store.append(
      'clue-1',
      [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'A', data: {}, metadata: meta }],
      'no_stream',
    );
    const db = new Database(file);
    db.prepare(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash)
       VALUES (-5, 'clue-666', 0, '00000000-0000-4000-8000-000000000666', 'Forged', '{}', '{}', '2026-01-01T00:00:00.000Z', '${'0'.repeat(64)}', '${'f'.repeat(64)}')`,
    ).run();
    db.close();
    expect((await store.readAll()).map((e) => e.streamId)).toContain('clue-666');
    const report = await verifyAll(store);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(report.ok).toBe(false);
  });
});
