import { chainEvents } from './append-decision';
import { prepareAppend } from './append-preparation';
import { verifyChain } from './chain-verifier';
import { recomputeHash } from './event-hash';
import { RecordedEvent, RecordedMetadata, StreamHead } from './event-store.types';

const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
let ids = 0;
const nextId = (): string => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
let positions = 0n;

/** A stream as a store would return it, built with the adapters' own chaining code. */
const stream = (streamId: string, count: number): RecordedEvent[] => {
  const events = Array.from({ length: count }, (_, n) => ({
    eventId: nextId(),
    type: 'Happened',
    data: { n },
    metadata,
  }));
  return chainEvents(streamId, prepareAppend(streamId, events, 'any'), undefined, '2026-03-02T08:30:00.000Z').map(
    (e) => ({
      streamId,
      revision: e.revision,
      position: (positions += 10n),
      eventId: e.eventId,
      type: e.type,
      data: JSON.parse(e.dataJson),
      metadata: {
        ...JSON.parse(e.metadataJson),
        recordedAt: e.recordedAt,
        prevHash: e.prevHash,
        hash: e.hash,
      } as RecordedMetadata,
    }),
  );
};
const at = (events: RecordedEvent[], index: number): RecordedEvent => events[index] as RecordedEvent;
const headOf = (events: RecordedEvent[]): StreamHead => ({
  revision: at(events, events.length - 1).revision,
  hash: at(events, events.length - 1).metadata.hash,
});

describe('verifyChain', () => {
  it('accepts intact streams, alone or interleaved in global order, and reports their heads', async () => {
    const a = stream('clue-a', 3);
    const b = stream('clue-b', 2);
    const interleaved = [at(a, 0), at(b, 0), at(a, 1), at(b, 1), at(a, 2)];
    const result = await verifyChain(interleaved);
    expect(result).toMatchObject({ ok: true, eventsChecked: 5 });
    expect(result.ok && result.heads.get('clue-a')).toEqual(headOf(a));
  });

  it('names a modified event (hash_mismatch)', async () => {
    const events = stream('clue-1', 4);
    events[2] = { ...at(events, 2), data: { n: 99 } };
    expect(await verifyChain(events)).toMatchObject({
      ok: false,
      eventsChecked: 2,
      failure: { kind: 'hash_mismatch', revision: 2n },
    });
  });

  it('names a modified metadata field, type or event id', async () => {
    for (const change of [
      (e: RecordedEvent): RecordedEvent => ({
        ...e,
        metadata: { ...e.metadata, actor: { ...e.metadata.actor, userId: 'mallory' } },
      }),
      (e: RecordedEvent): RecordedEvent => ({
        ...e,
        metadata: { ...e.metadata, recordedAt: '2020-01-01T00:00:00.000Z' },
      }),
      (e: RecordedEvent): RecordedEvent => ({ ...e, type: 'Other' }),
      (e: RecordedEvent): RecordedEvent => ({ ...e, eventId: nextId() }),
    ]) {
      const events = stream('clue-1', 3);
      events[1] = change(at(events, 1));
      expect(await verifyChain(events)).toMatchObject({ ok: false, failure: { kind: 'hash_mismatch', revision: 1n } });
    }
  });

  it('names the event after a deletion (revision_gap)', async () => {
    const events = stream('clue-1', 4);
    events.splice(1, 1);
    expect(await verifyChain(events)).toMatchObject({
      ok: false,
      failure: { kind: 'revision_gap', revision: 2n, expected: '1' },
    });
  });

  it('names a deleted first event', async () => {
    const events = stream('clue-1', 2).slice(1);
    expect(await verifyChain(events)).toMatchObject({
      ok: false,
      failure: { kind: 'revision_gap', revision: 1n, expected: '0' },
    });
  });

  it('names an inserted event whose hash was recomputed but whose successor no longer links (prev_hash_mismatch)', async () => {
    const events = stream('clue-1', 3);
    const forged = { ...at(events, 1), eventId: nextId(), data: { forged: true } };
    const forgedEvent = { ...forged, metadata: { ...forged.metadata, hash: recomputeHash(forged) } };
    const renumbered = [
      at(events, 0),
      forgedEvent,
      ...events.slice(1).map((e) => ({ ...e, revision: e.revision + 1n })),
    ];
    // The forged event itself is consistent; the original revision 1 (now 2) is where it breaks.
    expect(await verifyChain(renumbered)).toMatchObject({
      ok: false,
      failure: { kind: 'prev_hash_mismatch', revision: 2n },
    });
  });

  it('names reordered or repeated events (revision_out_of_order)', async () => {
    const events = stream('clue-1', 3);
    expect(await verifyChain([at(events, 0), at(events, 2), at(events, 1)])).toMatchObject({
      ok: false,
      failure: { kind: 'revision_gap', revision: 2n },
    });
    expect(await verifyChain([at(events, 0), at(events, 1), at(events, 1)])).toMatchObject({
      ok: false,
      failure: { kind: 'revision_out_of_order', revision: 1n, expected: '2' },
    });
  });

  it('names events with missing or malformed chain fields', async () => {
    const events = stream('clue-1', 2);
    events[1] = { ...at(events, 1), metadata: { ...at(events, 1).metadata, hash: 'nope' } };
    expect(await verifyChain(events)).toMatchObject({ ok: false, failure: { kind: 'malformed', revision: 1n } });
  });

  it('detects truncation and rewritten history only against known heads', async () => {
    const events = stream('clue-1', 4);
    const head = headOf(events);
    const truncated = events.slice(0, 2);
    expect((await verifyChain(truncated)).ok).toBe(true);
    expect(await verifyChain(truncated, { expectedHeads: new Map([['clue-1', head]]) })).toMatchObject({
      ok: false,
      failure: { kind: 'truncated', streamId: 'clue-1', revision: 1n, expected: '3' },
    });
    expect(await verifyChain([], { expectedHeads: new Map([['clue-1', head]]) })).toMatchObject({
      ok: false,
      failure: { kind: 'truncated' },
    });
    const rewritten = new Map([['clue-1', { revision: 1n, hash: 'f'.repeat(64) }]]);
    expect(await verifyChain(events, { expectedHeads: rewritten })).toMatchObject({
      ok: false,
      failure: { kind: 'head_mismatch', revision: 1n },
    });
  });

  it('refuses events of another stream when verifying one stream', async () => {
    const events = [...stream('clue-1', 1), ...stream('clue-2', 1)];
    expect(await verifyChain(events, { onlyStream: 'clue-1' })).toMatchObject({
      ok: false,
      failure: { kind: 'stream_mismatch', streamId: 'clue-2' },
    });
  });
});
