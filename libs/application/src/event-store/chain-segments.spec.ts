import fc from 'fast-check';
import { SqliteChainRow, StoredChainRow } from '@xj/sqlite-event-store';
import { chainEvents } from './append-decision';
import { prepareAppend } from './append-preparation';
import { stitchSegments, walkSegment } from './chain-segments';
import { ChainVerification, ChainWalker } from './chain-verifier';
import { StreamHead } from './event-store.types';

/**
 * A verification split into segments and stitched must answer exactly as one walk in global
 * order: same verdict, same first break (kind, place), same count of events checked. Rows as the
 * embedded store keeps them (the adapter that verifies in segments).
 */
const STREAMS = ['clue-a', 'clue-b', 'referral-c'];
let ids = 0;
const nextId = (): string => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

/** `lengths[i]` events in STREAMS[i], chained by the append path's own code, interleaved by `order`. */
const store = (lengths: readonly number[], order: readonly number[]): StoredChainRow[] => {
  const streams = STREAMS.map((streamId, s) => {
    const input = Array.from({ length: lengths[s] ?? 0 }, (_, n) => ({
      eventId: nextId(),
      type: 'Happened',
      data: { n, s },
      metadata: {
        schemaVersion: 1,
        actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
        commandId: `c-${n}`,
        correlationId: 'corr-1',
        causationId: 'cause-1',
      },
    }));
    return input.length === 0
      ? []
      : chainEvents(streamId, prepareAppend(streamId, input, 'any'), undefined, '2026-03-02T08:30:00.000Z');
  });
  const rows: StoredChainRow[] = [];
  const next = streams.map(() => 0);
  // Interleave: `order` picks the stream of each next row; streams left over follow in turn.
  const pick = [...order, ...STREAMS.flatMap((_, s) => Array.from({ length: lengths[s] ?? 0 }, () => s))];
  for (const s of pick) {
    const event = streams[s]?.[next[s] ?? 0];
    if (!event) continue;
    next[s] = (next[s] ?? 0) + 1;
    rows.push({ ...event, streamId: STREAMS[s] as string, position: BigInt(rows.length + 1) });
  }
  return rows;
};

const at = (rows: StoredChainRow[], i: number): StoredChainRow => rows[i % rows.length] as StoredChainRow;
const renumber = (rows: StoredChainRow[]): StoredChainRow[] =>
  rows.map((row, i) => ({ ...row, position: BigInt(i + 1) }));

/** Edits, deletions, insertions, swaps and malformed fields, as an attacker of the file would make them. */
const TAMPERINGS: readonly ((rows: StoredChainRow[], i: number, j: number) => StoredChainRow[])[] = [
  (rows) => rows,
  (rows, i) => rows.map((row, k) => (k === i % rows.length ? { ...row, dataJson: '{"n":999}' } : row)),
  (rows, i) => rows.map((row, k) => (k === i % rows.length ? { ...row, prevHash: 'f'.repeat(64) } : row)),
  (rows, i) => rows.map((row, k) => (k === i % rows.length ? { ...row, hash: 'not-a-hash' } : row)),
  (rows, i) => rows.map((row, k) => (k === i % rows.length ? { ...row, metadataJson: '{"actor":' } : row)),
  (rows, i) => renumber(rows.filter((_, k) => k !== i % rows.length)),
  (rows, i, j) =>
    renumber([...rows.slice(0, (j % rows.length) + 1), at(rows, i), ...rows.slice((j % rows.length) + 1)]),
  (rows, i, j) => {
    const copy = [...rows];
    const [a, b] = [i % rows.length, j % rows.length];
    [copy[a], copy[b]] = [copy[b] as StoredChainRow, copy[a] as StoredChainRow];
    return renumber(copy);
  },
];

const sequential = (
  rows: readonly StoredChainRow[],
  expectedHeads?: ReadonlyMap<string, StreamHead>,
): ChainVerification => {
  const walker = new ChainWalker({ expectedHeads });
  for (const row of rows) {
    const failure = walker.checkRow(SqliteChainRow.of(row));
    if (failure) return walker.failed(failure);
  }
  return walker.finish();
};

const segmented = (
  rows: readonly StoredChainRow[],
  cuts: readonly number[],
  expectedHeads?: ReadonlyMap<string, StreamHead>,
): ChainVerification => {
  const bounds = [...new Set([0, ...cuts.map((c) => c % (rows.length + 1)), rows.length])].sort((a, b) => a - b);
  const segments = bounds.slice(1).map((end, k) => {
    const slice = rows.slice(bounds[k], end).map((row) => SqliteChainRow.of(row));
    // Pages of 2 rows: page boundaries must not matter either.
    const pages = Array.from({ length: Math.ceil(slice.length / 2) }, (_, p) => slice.slice(p * 2, p * 2 + 2));
    return walkSegment(pages, { openStart: k > 0, expectedHeads });
  });
  return stitchSegments(segments, expectedHeads);
};

/** What must agree: the verdict, the count, and the break's kind and place. */
const summary = (result: ChainVerification) =>
  result.ok
    ? { ok: true, eventsChecked: result.eventsChecked, heads: [...result.heads].sort(([a], [b]) => a.localeCompare(b)) }
    : {
        ok: false,
        eventsChecked: result.eventsChecked,
        kind: result.failure.kind,
        streamId: result.failure.streamId,
        revision: result.failure.revision,
        position: result.failure.position,
      };

describe('segmented chain verification', () => {
  const length = fc.integer({ min: 0, max: 6 });
  const lengths = fc.tuple(length, length, length);
  const order = fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 18 });
  const cuts = fc.array(fc.nat(), { maxLength: 4 });

  it('finds the same first break as one walk, whatever the tampering and wherever the cuts', () => {
    fc.assert(
      fc.property(
        lengths,
        order,
        cuts,
        fc.integer({ min: 0, max: TAMPERINGS.length - 1 }),
        fc.nat(),
        fc.nat(),
        (ls, o, c, kind, i, j) => {
          const rows = store(ls, o);
          fc.pre(rows.length > 0);
          const tampered = (TAMPERINGS[kind] as (typeof TAMPERINGS)[number])(rows, i, j);
          expect(summary(segmented(tampered, c))).toEqual(summary(sequential(tampered)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('checks known heads (truncation, rewritten history) like one walk', () => {
    fc.assert(
      fc.property(
        lengths,
        order,
        cuts,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        (ls, o, c, s, revision, rewritten) => {
          const rows = store(ls, o);
          const known = new Map<string, StreamHead>([
            [
              STREAMS[s] as string,
              {
                revision: BigInt(revision),
                hash: rewritten
                  ? 'e'.repeat(64)
                  : (rows.find((r) => r.streamId === STREAMS[s] && r.revision === BigInt(revision))?.hash ??
                    'd'.repeat(64)),
              },
            ],
          ]);
          expect(summary(segmented(rows, c, known))).toEqual(summary(sequential(rows, known)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports an intact store with every head, and a break at a segment boundary', () => {
    const rows = store([3, 2, 0], [0, 1, 0, 1, 0]);
    expect(segmented(rows, [2, 4])).toMatchObject({ ok: true, eventsChecked: 5 });
    // Row 3 (clue-a@1) opens the second segment; forging its link is only visible when stitched.
    const forged = rows.map((row, k) => (k === 2 ? { ...row, prevHash: 'f'.repeat(64) } : row));
    expect(segmented(forged, [2])).toMatchObject({
      ok: false,
      eventsChecked: 2,
      failure: { kind: 'prev_hash_mismatch', streamId: 'clue-a', revision: 1n },
    });
  });
});
