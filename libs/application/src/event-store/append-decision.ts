import { canonicalFromEntries, canonicalJson } from './canonical-json';
import { ChainHashAlgorithm } from './crypto-suite';
import { computeEventHash, GENESIS_HASH } from './event-hash';
import { EventStoreError, wrongExpectedRevision } from './event-store.errors';
import { AppendResult, ExpectedRevision, StreamHead } from './event-store.types';
import { ChainedEvent, EventStorage, StoredEventRef, StoredEventSummary } from './event-storage.port';
import { PreparedEvent } from './append-preparation';

/**
 * The decisions an append takes (ChainedEventStore, for every storage): is the expected revision
 * met, is this a retry of an append already stored, and what are the revisions and hashes of the
 * new events.
 */

/** Throws STREAM.WRONG_EXPECTED_REVISION unless `current` (undefined = no stream) satisfies `expected`. */
export const assertExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  current: bigint | undefined,
): void => {
  if (expected === 'any') return;
  if (expected === 'no_stream' ? current === undefined : current === expected) return;
  throw wrongExpectedRevision(streamId, expected, current);
};

/** The revision an append's first event lands on, if the expected revision pins it. */
export const targetRevision = (expected: ExpectedRevision): bigint | undefined =>
  expected === 'any' ? undefined : expected === 'no_stream' ? 0n : expected + 1n;

export const canonicalDataOf = (data: unknown): string => canonicalJson(data, 'data');

const idConflict = (streamId: string, eventId: string, message: string): EventStoreError =>
  new EventStoreError('EVENT.ID_CONFLICT', message, { streamId, eventId });

/**
 * Decides whether `events` were already appended, given the stored events starting where the
 * first of them was found (`stored[0].eventId === events[0].eventId`, in revision order, at
 * least `events.length` of them when the stream has that many). Returns the original result
 * for a faithful retry; throws EVENT.ID_CONFLICT when the ids match only in part, the content
 * differs, or the run does not start where `expected` says it should.
 */
export const replayedAppendResult = (
  streamId: string,
  expected: ExpectedRevision,
  events: readonly PreparedEvent[],
  stored: readonly StoredEventSummary[],
): AppendResult => {
  const first = events[0] as PreparedEvent;
  const start = stored[0];
  if (start === undefined || start.eventId !== first.eventId) {
    throw new Error('replayedAppendResult needs the stored run starting at the first event id');
  }
  const target = targetRevision(expected);
  if (target !== undefined && start.revision !== target) {
    throw idConflict(
      streamId,
      first.eventId,
      `Event ${first.eventId} is already stored in ${streamId} at revision ${start.revision}, not at ${target}.`,
    );
  }
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as PreparedEvent;
    const found = stored[i];
    if (found === undefined || found.eventId !== event.eventId || found.revision !== start.revision + BigInt(i)) {
      throw idConflict(streamId, event.eventId, `Only part of this append is already stored in ${streamId}.`);
    }
    if (found.type !== event.type || found.dataJson !== event.dataJson) {
      throw idConflict(streamId, event.eventId, `Event ${event.eventId} is already stored with different content.`);
    }
  }
  const last = stored[events.length - 1] as StoredEventSummary;
  return { nextRevision: last.revision, position: last.position };
};

/**
 * How many of a stream's latest events an append reads to recognise a retry or a reused id.
 * No store indexes event ids (EventStoreDB cannot; for SQLite a random-UUID index costs a random
 * page write per event), so ids are checked per stream, within this window.
 */
export const DEFAULT_IDEMPOTENCY_WINDOW = 32;

/**
 * Where a retry must be looked for when its first id is not in the stream's tail window (the
 * latest events, oldest first): a retry after later appends carries an expected revision older
 * than the tail, so the `events.length` events from the target revision are read instead.
 * Undefined when the tail is all there is to search.
 */
export const replaySearchStart = (
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  tail: readonly StoredEventRef[],
): bigint | undefined => {
  const first = events[0] as PreparedEvent;
  const target = targetRevision(expected);
  const oldest = tail[0];
  if (target === undefined || oldest === undefined || oldest.revision <= target) return undefined;
  return tail.some((event) => event.eventId === first.eventId) ? undefined : target;
};

/**
 * Finds a retried append among stored events of the stream read in revision order (the tail,
 * or the events at {@link replaySearchStart}): the index where the first id is stored, for
 * {@link replayedAppendResult} to judge the run from there; undefined when no id of the append
 * is stored. Throws EVENT.ID_CONFLICT when another id of the append is.
 */
export const findReplayStart = (
  streamId: string,
  events: readonly PreparedEvent[],
  stored: readonly StoredEventRef[],
): number | undefined => {
  const first = events[0] as PreparedEvent;
  const start = stored.findIndex((event) => event.eventId === first.eventId);
  if (start >= 0) return start;
  const ids = new Set(events.map((event) => event.eventId));
  const reused = stored.find((event) => ids.has(event.eventId));
  if (reused)
    throw idConflict(
      streamId,
      reused.eventId,
      `Event ${reused.eventId} is already stored in ${streamId} at revision ${reused.revision}.`,
    );
  return undefined;
};

/**
 * Recognises a retried append in the stream's tail (its latest events, oldest first) or, when the
 * caller's expected revision is older than the tail, in the events at the revision it targets:
 * the original result, or undefined when no id of the append is stored there. Throws
 * EVENT.ID_CONFLICT for ids stored in part, elsewhere or with other content. The tail holds ids
 * only: types and data are read for a run that may be a retry.
 */
export const recogniseRetry = async (
  storage: Pick<EventStorage, 'readRun'>,
  streamId: string,
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  tail: readonly StoredEventRef[],
): Promise<AppendResult | undefined> => {
  const from = replaySearchStart(events, expected, tail);
  // Read at the target revision, the candidates are already the run to judge.
  const atTarget = from === undefined ? undefined : await storage.readRun(streamId, from, events.length);
  const start = findReplayStart(streamId, events, atTarget ?? tail);
  if (start === undefined) return undefined;
  const run = atTarget
    ? atTarget.slice(start)
    : await storage.readRun(streamId, (tail[start] as StoredEventRef).revision, events.length);
  return replayedAppendResult(streamId, expected, events, run);
};

/**
 * Assigns revisions after `head` (undefined = new stream) and computes each event's hash from
 * its predecessor's. All events of one append share `recordedAt`.
 */
export const chainEvents = (
  streamId: string,
  events: readonly PreparedEvent[],
  head: StreamHead | undefined,
  recordedAt: string,
  algorithm: ChainHashAlgorithm = 'sha256',
): ChainedEvent[] => {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let revision = head === undefined ? 0n : head.revision + 1n;
  const recordedAtJson = JSON.stringify(recordedAt);
  const chained: ChainedEvent[] = [];
  for (const event of events) {
    // The metadata as recorded, minus `hash`: merged from the members encoded at validation.
    const metadataJson = canonicalFromEntries(event.metadataEntries, [
      ['prevHash', `"${prevHash}"`],
      ['recordedAt', recordedAtJson],
    ]);
    const hash = computeEventHash(
      prevHash,
      {
        streamId,
        revision,
        eventId: event.eventId,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson,
      },
      algorithm,
    );
    chained.push({
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      dataJson: event.dataJson,
      metadataJson: event.metadataJson,
      metadataEntries: event.metadataEntries,
      revision,
      prevHash,
      hash,
      recordedAt,
    });
    prevHash = hash;
    revision += 1n;
  }
  return chained;
};
