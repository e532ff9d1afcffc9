import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { AccessLog, canonicalJson, CASE_PROJECTIONS, CheckpointSigner, FixedClock, systemClock } from '@xj/application';
import { computeEventHash, GENESIS_HASH } from '@xj/application/event-store-kit';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { READ_MODELS_DB_FILENAME, SqliteReadModelStore } from '@xj/sqlite-read-models';
import { startTestApp } from '../../../test/e2e/support/test-app';
import { clueUnderAnalysis, journeyClient, sentReferral, subject } from '../../../test/e2e/support/journey-helpers';
import { parseCaseKind } from './case-kind';
import { CliError, CliIo } from './cli-io';
import { latestCheckpoint, run } from './cli-run.fixtures-spec';
import { parseAsOfPoint } from './commands/case.commands';

type Row = {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
};

describe('xingji-link CLI', () => {
  let dir: string;
  let clueId: string;
  let referralId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-cli-'));
    const t = await startTestApp({}, dir);
    const api = journeyClient(t);
    clueId = await clueUnderAnalysis(api);
    referralId = await sentReferral(api, clueId, [subject('s-1')], 'panjin.ccdi');
    await t.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies the whole store against the newest checkpoint and one stream (JSON on stdout, exit 0); an unknown stream exits 1', async () => {
    const all = await run(dir, ['verify']);
    // The API signed a checkpoint when it shut down: the store is compared with it.
    expect(all).toMatchObject({
      exitCode: 0,
      json: {
        ok: true,
        checkpoint: { globalPosition: expect.any(String) },
        blindSpots: [{ kind: 'truncated_tail', after: expect.any(String) }, {}, {}],
      },
    });
    expect((all.json as { checkedEvents: number }).checkedEvents).toBeGreaterThanOrEqual(5);
    expect(await run(dir, ['verify', '--stream', `clue-${clueId}`])).toMatchObject({
      exitCode: 0,
      json: { ok: true, checkedEvents: 2 },
    });
    expect(await run(dir, ['verify', '-s', 'clue-nope'])).toMatchObject({
      exitCode: 1,
      json: { ok: false, firstProblem: { kind: 'not_found' } },
    });
  });

  it('prints a case history with descriptions, and records the read in the access log', async () => {
    const history = await run(dir, ['history', 'clue', clueId]);
    expect(history.exitCode).toBe(0);
    const body = history.json as {
      revision: string;
      entries: { type: string; actor: { userId: string }; description: unknown; hash: string; data: unknown }[];
    };
    expect(body.revision).toBe('1');
    expect(body.entries.map((e) => e.type)).toEqual(['ClueRegistered', 'ClueAnalysisStarted']);
    expect(body.entries[0]).toMatchObject({
      description: expect.anything(),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: expect.anything(),
    });
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    const logged = await new AccessLog(store, systemClock).byTarget({ kind: 'clue', id: clueId }, { limit: 50 });
    await store.close();
    expect(logged.entries.map((e) => [e.action, e.reader.role, e.request.method])).toContainEqual([
      'history',
      'Operator',
      'CLI',
    ]);
  });

  it('folds a case as of a revision or an instant; unknown cases and bad arguments fail with a message', async () => {
    expect(await run(dir, ['as-of', 'clue', clueId, '0'])).toMatchObject({
      exitCode: 0,
      json: { revision: '0', currentRevision: '1', state: { status: 'Registered' } },
    });
    expect(await run(dir, ['as-of', 'clues', clueId, '2020-01-01T00:00:00+08:00'])).toMatchObject({
      exitCode: 0,
      json: { revision: null, state: null },
    });
    expect(await run(dir, ['as-of', 'clue', clueId, '2099-01-01T00:00:00Z'])).toMatchObject({
      json: { revision: '1', state: { status: 'Analysis' } },
    });
    expect(await run(dir, ['history', 'clue', 'nope'])).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'No clue nope.\n',
    });
    expect(await run(dir, ['history', 'case', clueId])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('Unknown case kind'),
    });
    expect(await run(dir, ['as-of', 'clue', clueId, 'yesterday'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('ISO-8601'),
    });
  });

  it('exports a referral dossier: state, history, explanation and the verification of its chain', async () => {
    const exported = await run(dir, ['export', 'referral', referralId]);
    expect(exported.exitCode).toBe(0);
    expect(exported.json).toMatchObject({
      kind: 'referral',
      id: referralId,
      streamId: `referral-${referralId}`,
      revision: '2',
      state: { status: 'Sent' },
      explanation: { referralId, clueId, rulebook: { known: true }, approval: { opinion: '同意移送' } },
      verification: { ok: true, checkedEvents: 3 },
    });
    expect((exported.json as { history: unknown[] }).history).toHaveLength(3);
    expect(await run(dir, ['explain', referralId])).toMatchObject({
      exitCode: 0,
      json: { referralId, sending: [expect.objectContaining({ type: 'ReferralSent' })] },
    });
    expect(await run(dir, ['export', 'clue', clueId])).toMatchObject({
      exitCode: 0,
      json: { explanation: null, verification: { ok: true } },
    });
  });

  it('signs a checkpoint, verifies against it, and catches a consistent rewrite that chain verification alone misses', async () => {
    const signed = await run(dir, ['checkpoint', 'sign']);
    expect(signed).toMatchObject({
      exitCode: 0,
      json: { checkpoint: { version: 2 }, signature: expect.any(String) },
      stderr: expect.stringContaining('checkpoint '),
    });
    const file = join(dir, 'exported-checkpoint.json');
    writeFileSync(file, signed.stdout);
    expect(await run(dir, ['checkpoint', 'verify', file])).toMatchObject({ exitCode: 0, json: { ok: true } });

    // Rewrite the clue's first event and recompute its whole chain with the product's hashing.
    const db = new Database(join(dir, 'events.sqlite'));
    db.transaction(() => {
      let prev = GENESIS_HASH;
      for (const row of db
        .prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
        .all(`clue-${clueId}`)) {
        const data = row.revision === 0 ? canonicalJson({ ...JSON.parse(row.data), summary: 'rewritten' }) : row.data;
        const metadataJson = canonicalJson({
          ...JSON.parse(row.metadata),
          prevHash: prev,
          recordedAt: row.recorded_at,
        });
        const hash = computeEventHash(prev, {
          streamId: row.stream_id,
          revision: BigInt(row.revision),
          eventId: row.event_id,
          type: row.type,
          dataJson: data,
          metadataJson,
        });
        db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?').run(
          data,
          prev,
          hash,
          row.position,
        );
        prev = hash;
      }
    })();
    db.close();
    expect(await run(dir, ['verify', '--stream', `clue-${clueId}`])).toMatchObject({ exitCode: 0, json: { ok: true } });
    expect(await run(dir, ['verify'])).toMatchObject({
      exitCode: 1,
      json: { ok: false, firstProblem: { kind: 'head_mismatch', streamId: `clue-${clueId}` } },
    });
    expect(await run(dir, ['checkpoint', 'verify', file])).toMatchObject({
      exitCode: 1,
      json: { ok: false, firstProblem: { kind: 'head_mismatch', streamId: `clue-${clueId}` } },
    });
    // Signing verifies first: nothing is signed over the rewrite, and the CLI records no breach (it only reports).
    const refused = await run(dir, ['checkpoint', 'sign']);
    expect(refused).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: expect.stringContaining('Nothing signed: the store does not verify against the newest checkpoint'),
    });
    const db2 = new Database(join(dir, 'events.sqlite'), { readonly: true });
    expect(db2.prepare("SELECT COUNT(*) AS n FROM events WHERE stream_id = 'integrity-breaches'").get()).toEqual({
      n: 0,
    });
    db2.close();
    expect(await run(dir, ['checkpoint', 'verify', join(dir, 'missing.json')])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('Cannot read a JSON checkpoint'),
    });
  });

  it('verifies an exported checkpoint only with the trusted key: its own signing key or CHECKPOINT_PUBLIC_KEY_FILE', async () => {
    const foreign = CheckpointSigner.generate();
    const signedElsewhere = { checkpoint: { ...latestCheckpoint(dir).checkpoint, keyId: foreign.keyId } };
    const file = join(dir, 'foreign-checkpoint.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...signedElsewhere,
        signature: foreign.sign(signedElsewhere.checkpoint),
        publicKey: foreign.publicKeyPem,
      }),
    );
    expect(await run(dir, ['checkpoint', 'verify', file])).toMatchObject({
      exitCode: 1,
      json: { ok: false, firstProblem: { kind: 'unknown_key' } },
    });
    writeFileSync(join(dir, 'foreign.pub.pem'), foreign.publicKeyPem);
    // Pinned, that key is trusted: the document passes, and the store is checked (it was rewritten above).
    expect(
      await run(dir, ['checkpoint', 'verify', file], { CHECKPOINT_PUBLIC_KEY_FILE: join(dir, 'foreign.pub.pem') }),
    ).toMatchObject({ exitCode: 1, json: { firstProblem: { kind: 'head_mismatch' } } });
    // A data directory without the signing key, and no key pinned: nothing to trust.
    const bare = mkdtempSync(join(tmpdir(), 'xj-cli-bare-'));
    try {
      copyFileSync(join(dir, 'events.sqlite'), join(bare, 'events.sqlite'));
      expect(await run(bare, ['checkpoint', 'verify', file])).toMatchObject({
        exitCode: 1,
        json: { ok: false, firstProblem: { kind: 'no_trusted_key' } },
      });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('rebuilds a read model whose active version is not the declared one, and refuses one that is', async () => {
    // The API built the read models as it ran: make an older version the active one, as after a deploy that bumped it.
    const store = new SqliteReadModelStore({ filename: join(dir, READ_MODELS_DB_FILENAME) });
    const declared = CASE_PROJECTIONS.find((p) => p.name === 'commission-inbox')?.version as number;
    await store.setActiveVersion('commission-inbox', declared + 1);
    await store.close();
    const rebuilt = await run(dir, ['rebuild', 'commission-inbox']);
    expect(rebuilt).toMatchObject({
      exitCode: 0,
      json: { name: 'commission-inbox', version: declared, previousVersion: declared + 1, parkedCount: 0 },
    });
    const after = new SqliteReadModelStore({ filename: join(dir, READ_MODELS_DB_FILENAME) });
    expect(await after.activeVersion('commission-inbox')).toBe(declared);
    await after.close();
    expect(await run(dir, ['rebuild', 'commission-inbox'])).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('already active'),
    });
    expect(await run(dir, ['rebuild', 'nothing'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('one of: commission-inbox'),
    });
  });

  it('builds a read model never built before from the start', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'xj-cli-fresh-'));
    try {
      const built = await run(fresh, ['rebuild', 'clue-ledger']);
      expect(built).toMatchObject({
        exitCode: 0,
        json: { name: 'clue-ledger', previousVersion: null, parkedCount: 0, state: 'live' },
      });
      const store = new SqliteReadModelStore({ filename: join(fresh, READ_MODELS_DB_FILENAME) });
      expect(await store.activeVersion('clue-ledger')).toBe(
        CASE_PROJECTIONS.find((p) => p.name === 'clue-ledger')?.version,
      );
      await store.close();
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('CLI access-log retention', () => {
  it('archives segments past retention, verifies the archive files, and exits 1 when one was changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-cli-archive-'));
    try {
      const clock = new FixedClock(new Date('2025-01-01T10:00:00Z'));
      const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), clock });
      const log = new AccessLog(store, clock, { flushMs: 0 });
      for (const id of ['c-1', 'c-2', 'c-3']) {
        await log.record({
          target: { kind: 'clue', id },
          action: 'details',
          outcome: 'denied',
          reader: { userId: 'u-1', role: 'Auditor', orgId: 'o' },
          request: { correlationId: `corr-${id}`, clientIp: null },
        });
      }
      await store.close();
      expect(await run(dir, ['access-log', 'verify-archives'])).toMatchObject({
        exitCode: 0,
        json: { ok: true, checked: [] },
      });
      const archived = await run(dir, ['access-log', 'archive']);
      expect(archived).toMatchObject({
        exitCode: 0,
        json: { archived: [{ streamId: 'accesslog-20250101.main', eventCount: 3 }], problems: [] },
      });
      expect(await run(dir, ['access-log', 'verify-archives', 'accesslog-20250101.main'])).toMatchObject({
        exitCode: 0,
        json: { ok: true, checked: [{ ok: true, eventsChecked: 3 }] },
      });
      expect(await run(dir, ['verify'])).toMatchObject({ exitCode: 0, json: { ok: true } });
      writeFileSync(join(dir, 'access-log-archive', 'accesslog-20250101.main.jsonl.gz'), 'not gzip');
      expect(await run(dir, ['access-log', 'verify-archives'])).toMatchObject({
        exitCode: 1,
        json: { ok: false, checked: [{ ok: false, problem: { kind: 'archive_mismatch' } }] },
      });
      expect(await run(dir, ['access-log', 'verify-archives', 'accesslog-20991231.main'])).toMatchObject({
        exitCode: 1,
        stderr: expect.stringContaining('no segment'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI argument parsing', () => {
  it('takes case kinds as the API names them', () => {
    expect(['clue', 'referrals', 'rectification-item', 'accountability-cases'].map(parseCaseKind)).toEqual([
      'clue',
      'referral',
      'rectification',
      'accountability',
    ]);
    expect(() => parseCaseKind('accesslog')).toThrow(CliError);
  });

  it('takes an instant with an offset or a revision', () => {
    expect(parseAsOfPoint('12')).toEqual({ revision: 12n });
    expect(parseAsOfPoint('2026-03-04T09:30:00+08:00')).toEqual({ at: '2026-03-04T09:30:00+08:00' });
    expect(() => parseAsOfPoint('2026-03-04')).toThrow(/ISO-8601/);
  });

  it('writes bigints as decimal strings and counts a failed verification as exit code 1', () => {
    let out = '';
    const io = new CliIo((text) => (out += text), new PassThrough());
    io.json({ position: 12345678901234567890n });
    expect(JSON.parse(out)).toEqual({ position: '12345678901234567890' });
    io.failed();
    expect(io.exitCode).toBe(1);
  });
});
