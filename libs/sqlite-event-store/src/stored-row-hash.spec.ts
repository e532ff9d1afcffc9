import fc from 'fast-check';
import { ChainWalker, RecordedEvent, RecordedMetadata } from '@xj/application';
import { chainEvents, prepareAppend, recomputeHash } from '@xj/application/event-store-kit';
import { computeStoredRowHash, SqliteChainRow, StoredChainRow, storedRowHashMatches } from './stored-row-hash';

/**
 * The verifier's fast path hashes the embedded store's stored texts directly (ChainRowSource). It
 * must agree with the append side for every event, and be at least as strict as re-encoding.
 */
const baseMetadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
let ids = 0;
const nextId = (): string => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

/** Rows as an adapter stores them, built with the append path's own code. */
const rows = (
  streamId: string,
  payloads: readonly { data: object; extra: object }[],
  recordedAt = '2026-03-02T08:30:00.000Z',
): StoredChainRow[] => {
  const input = payloads.map(({ data, extra }) => ({
    eventId: nextId(),
    type: 'Happened',
    data,
    metadata: { ...extra, ...baseMetadata },
  }));
  return chainEvents(streamId, prepareAppend(streamId, input, 'any'), undefined, recordedAt).map((e, i) => ({
    streamId,
    revision: e.revision,
    position: BigInt(i + 1),
    eventId: e.eventId,
    type: e.type,
    dataJson: e.dataJson,
    metadataJson: e.metadataJson,
    recordedAt: e.recordedAt,
    prevHash: e.prevHash,
    hash: e.hash,
  }));
};
const asEvent = (row: StoredChainRow): RecordedEvent => ({
  streamId: row.streamId,
  revision: row.revision,
  position: row.position,
  eventId: row.eventId,
  type: row.type,
  data: JSON.parse(row.dataJson),
  metadata: {
    ...JSON.parse(row.metadataJson),
    recordedAt: row.recordedAt,
    prevHash: row.prevHash,
    hash: row.hash,
  } as RecordedMetadata,
});
const walk = (all: readonly StoredChainRow[]) => {
  const walker = new ChainWalker();
  for (const row of all) {
    const failure = walker.checkRow(SqliteChainRow.of(row));
    if (failure) return walker.failed(failure);
  }
  return walker.finish();
};
const row = (all: StoredChainRow[], i: number): StoredChainRow => all[i] as StoredChainRow;

describe('stored-row hashing (the fast path)', () => {
  it('agrees with the append side and with re-encoding for any data and any extra metadata', () => {
    const reserved = new Set(['recordedAt', 'prevHash', 'hash', ...Object.keys(baseMetadata)]);
    const extraKey = fc.oneof(
      fc.string(),
      fc.constantFrom('p', 'prevHash0', 'prevHasg', 'q', 'recordedA', 'recordedAt ', 'rec"x', 'r\\s', 'z', 'ä', ''),
    );
    const extra = fc.dictionary(
      extraKey.filter((k) => !reserved.has(k)),
      fc.jsonValue(),
      { maxKeys: 4 },
    );
    const data = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(fc.record({ data, extra }), { minLength: 1, maxLength: 3 }), (payloads) => {
        for (const r of rows('clue-p', payloads)) {
          expect(computeStoredRowHash(r)).toBe(r.hash);
          expect(recomputeHash(asEvent(r))).toBe(r.hash);
          expect(storedRowHashMatches(r)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes the spliced fast path only where the exact merge agrees: any edit of a stored text fails both', () => {
    const reserved = new Set(['recordedAt', 'prevHash', 'hash', ...Object.keys(baseMetadata)]);
    // Keys around and between the two recorded members, and the fast path's own anchors.
    const extraKey = fc.constantFrom(
      'p',
      'prevHash0',
      'q',
      'recordedA',
      'recordedAt0',
      'rulebookVersion',
      'rulebookVersion0',
      's',
      'z',
    );
    const extra = fc.dictionary(
      extraKey.filter((k) => !reserved.has(k)),
      fc.jsonValue(),
      { maxKeys: 3 },
    );
    const edit = fc.constantFrom<(r: StoredChainRow) => StoredChainRow>(
      (r) => ({ ...r, dataJson: r.dataJson.replace('{', '{ ') }),
      (r) => ({ ...r, metadataJson: r.metadataJson.replace(',"schemaVersion":1', ',"schemaVersion":2') }),
      (r) => ({
        ...r,
        metadataJson: r.metadataJson.replace(',"schemaVersion":', ',"rulebookVersion":"v0","schemaVersion":'),
      }),
      (r) => ({ ...r, recordedAt: '2026-03-02T08:30:00.001Z' }),
      (r) => ({ ...r, prevHash: 'f'.repeat(64) }),
      (r) => ({ ...r, eventId: nextId() }),
    );
    fc.assert(
      fc.property(
        fc.record({ data: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), extra }),
        edit,
        (payload, change) => {
          const [intact] = rows('clue-f', [payload]) as [StoredChainRow];
          expect(storedRowHashMatches(intact)).toBe(true);
          const edited = change(intact);
          expect(storedRowHashMatches(edited)).toBe(computeStoredRowHash(edited) === edited.hash);
          if (
            edited.dataJson !== intact.dataJson ||
            edited.metadataJson !== intact.metadataJson ||
            edited.eventId !== intact.eventId
          ) {
            expect(storedRowHashMatches(edited)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('walks an intact chain like the parsed path does', () => {
    const all = rows('clue-1', [
      { data: { a: '{"}' }, extra: { reason: 'x,y' } },
      { data: {}, extra: {} },
      { data: { n: [1, { b: 2 }] }, extra: { zeta: { '"': 1 } } },
    ]);
    expect(walk(all)).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('treats a semantically equal but re-encoded text as a mismatch', () => {
    const all = rows('clue-1', [
      { data: { a: 1, b: 2 }, extra: {} },
      { data: {}, extra: {} },
    ]);
    all[0] = { ...row(all, 0), dataJson: '{"b":2,"a":1}' };
    expect(walk(all)).toMatchObject({ ok: false, failure: { kind: 'hash_mismatch', revision: 0n } });
    const spaced = rows('clue-1', [{ data: {}, extra: {} }]);
    spaced[0] = { ...row(spaced, 0), metadataJson: row(spaced, 0).metadataJson.replace(',', ', ') };
    expect(walk(spaced)).toMatchObject({ ok: false, failure: { kind: 'hash_mismatch', revision: 0n } });
  });

  it('names the same failures as the parsed path', () => {
    const all = rows('clue-1', [
      { data: { n: 0 }, extra: {} },
      { data: { n: 1 }, extra: {} },
      { data: { n: 2 }, extra: {} },
    ]);
    expect(walk([row(all, 0), row(all, 2)])).toMatchObject({
      ok: false,
      failure: { kind: 'revision_gap', revision: 2n, expected: '1' },
    });
    expect(walk([row(all, 0), { ...row(all, 1), dataJson: '{"n":9}' }])).toMatchObject({
      ok: false,
      failure: { kind: 'hash_mismatch', revision: 1n },
    });
    expect(walk([row(all, 0), { ...row(all, 1), prevHash: 'f'.repeat(64) }])).toMatchObject({
      ok: false,
      failure: { kind: 'prev_hash_mismatch', revision: 1n },
    });
    expect(walk([row(all, 0), { ...row(all, 1), hash: 'nope' }])).toMatchObject({
      ok: false,
      failure: { kind: 'malformed', revision: 1n },
    });
    expect(walk([{ ...row(all, 0), metadataJson: '{"actor":' }])).toMatchObject({
      ok: false,
      failure: { kind: 'malformed', revision: 0n },
    });
    expect(walk([{ ...row(all, 0), metadataJson: '[]' }])).toMatchObject({
      ok: false,
      failure: { kind: 'hash_mismatch', revision: 0n },
    });
    const walker = new ChainWalker({ onlyStream: 'clue-2' });
    expect(walker.checkRow(SqliteChainRow.of(row(all, 0)))).toMatchObject({ kind: 'stream_mismatch' });
  });
});
