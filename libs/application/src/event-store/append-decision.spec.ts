import {
  assertExpectedRevision,
  chainEvents,
  findReplayStart,
  replayedAppendResult,
  replaySearchStart,
  targetRevision,
} from './append-decision';
import { StoredEventRef, StoredEventSummary } from './event-storage.port';
import { prepareAppend } from './append-preparation';
import { computeEventHash, GENESIS_HASH } from './event-hash';
import { EventStoreError } from './event-store.errors';
import { EventToAppend, ExpectedRevision } from './event-store.types';

const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number, data: object = { n }): EventToAppend => ({
  eventId: id(n),
  type: 'Happened',
  data,
  metadata,
});
const prepared = (...ns: number[]) =>
  prepareAppend(
    'clue-1',
    ns.map((n) => event(n)),
    'any',
  );
const stored = (revision: bigint, n: number, data: object = { n }): StoredEventSummary => ({
  revision,
  position: 100n + revision,
  eventId: id(n),
  type: 'Happened',
  dataJson: JSON.stringify(data),
});
const code = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof EventStoreError) return error.code;
    throw error;
  }
  return undefined;
};

describe('expected revision', () => {
  it.each<[ExpectedRevision, bigint | undefined, boolean]>([
    ['any', undefined, true],
    ['any', 4n, true],
    ['no_stream', undefined, true],
    ['no_stream', 0n, false],
    [3n, 3n, true],
    [3n, 4n, false],
    [0n, undefined, false],
  ])('expected %s, current %s → accepted: %s', (expected, current, accepted) => {
    expect(code(() => assertExpectedRevision('clue-1', expected, current))).toBe(
      accepted ? undefined : 'STREAM.WRONG_EXPECTED_REVISION',
    );
  });

  it('targets the revision right after the expected one', () => {
    expect(targetRevision('no_stream')).toBe(0n);
    expect(targetRevision(4n)).toBe(5n);
    expect(targetRevision('any')).toBeUndefined();
  });
});

describe('recognising a retried append', () => {
  it('returns the original revision and position when ids, order and content match', () => {
    const result = replayedAppendResult('clue-1', 1n, prepared(1, 2), [stored(2n, 1), stored(3n, 2), stored(4n, 9)]);
    expect(result).toEqual({ nextRevision: 3n, position: 103n });
  });

  it("accepts the run anywhere with 'any'", () => {
    expect(replayedAppendResult('clue-1', 'any', prepared(1), [stored(7n, 1)])).toEqual({
      nextRevision: 7n,
      position: 107n,
    });
  });

  it.each<[string, ExpectedRevision, StoredEventSummary[]]>([
    ['stored at another revision than expected', 0n, [stored(3n, 1), stored(4n, 2)]],
    ['only the first id stored (stream ends)', 'no_stream', [stored(0n, 1)]],
    ['followed by a different id', 'no_stream', [stored(0n, 1), stored(1n, 7)]],
    ['same id, different data', 'no_stream', [stored(0n, 1, { n: 'changed' }), stored(1n, 2)]],
  ])('EVENT.ID_CONFLICT when %s', (_label, expected, run) => {
    expect(code(() => replayedAppendResult('clue-1', expected, prepared(1, 2), run))).toBe('EVENT.ID_CONFLICT');
  });
});

describe('searching a stream for a retried append', () => {
  const ref = (revision: bigint, n: number): StoredEventRef => ({ revision, eventId: id(n) });
  /** A tail window of revisions 10..13 holding events 20..23. */
  const tail = [ref(10n, 20), ref(11n, 21), ref(12n, 22), ref(13n, 23)];

  it('reads at the target revision only when the first id is not in the tail and the target is older than it', () => {
    expect(replaySearchStart(prepared(1, 2), 3n, tail)).toBe(4n);
    expect(replaySearchStart(prepared(1, 2), 'no_stream', tail)).toBe(0n);
    expect(replaySearchStart(prepared(21, 22), 3n, tail)).toBeUndefined(); // found in the tail
    expect(replaySearchStart(prepared(1, 2), 9n, tail)).toBeUndefined(); // target 10 is in the tail
    expect(replaySearchStart(prepared(1, 2), 'any', tail)).toBeUndefined(); // no target to read
    expect(replaySearchStart(prepared(1, 2), 'no_stream', [])).toBeUndefined(); // no stream
  });

  it('finds where the first id is stored, or that no id of the append is', () => {
    expect(findReplayStart('clue-1', prepared(22, 23), tail)).toBe(2);
    expect(findReplayStart('clue-1', prepared(1, 2), tail)).toBeUndefined();
    expect(findReplayStart('clue-1', prepared(1), [])).toBeUndefined();
  });

  it('names an id of the append stored without the first as EVENT.ID_CONFLICT', () => {
    let thrown: unknown;
    try {
      findReplayStart('clue-1', prepared(1, 22), tail);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'EVENT.ID_CONFLICT', details: { streamId: 'clue-1', eventId: id(22) } });
  });
});

describe('chaining', () => {
  it('numbers events after the head and links each hash to the previous one', () => {
    const head = { revision: 4n, hash: 'a'.repeat(64) };
    const chained = chainEvents('clue-1', prepared(1, 2, 3), head, '2026-03-02T08:30:00.000Z');
    expect(chained.map((e) => e.revision)).toEqual([5n, 6n, 7n]);
    expect(chained[0]?.prevHash).toBe(head.hash);
    expect(chained[1]?.prevHash).toBe(chained[0]?.hash);
    expect(chained[2]?.prevHash).toBe(chained[1]?.hash);
    const first = chained[0];
    expect(first?.hash).toBe(
      computeEventHash(head.hash, {
        streamId: 'clue-1',
        revision: 5n,
        eventId: id(1),
        type: 'Happened',
        dataJson: '{"n":1}',
        metadataJson: JSON.stringify({
          actor: metadata.actor,
          causationId: 'cause-1',
          commandId: 'cmd-1',
          correlationId: 'corr-1',
          prevHash: head.hash,
          recordedAt: '2026-03-02T08:30:00.000Z',
          schemaVersion: 1,
        }).replace(
          '{"userId":"u-1","role":"JusticeBureau","orgId":"panjin.justice"}',
          '{"orgId":"panjin.justice","role":"JusticeBureau","userId":"u-1"}',
        ),
      }),
    );
  });

  it('starts a new stream at revision 0 from the genesis hash', () => {
    const [first] = chainEvents('clue-1', prepared(1), undefined, '2026-03-02T08:30:00.000Z');
    expect(first).toMatchObject({ revision: 0n, prevHash: GENESIS_HASH });
  });
});
