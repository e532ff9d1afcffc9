import { isAccessLogSegment } from '../audit/access-log-segments';
import { ChainWalker } from '../event-store/chain-verifier';
import { isHash } from '../event-store/event-hash';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, StreamHead } from '../event-store/event-store.types';
import { verifyStream } from '../event-store/chain-pages';
import { ChainHashAlgorithm } from '../event-store/crypto-suite';
import { problemOfBreak } from './integrity-report';
import type { IntegrityProblem } from './integrity-report';

/**
 * Streams removed from the store after being exported to an archive file (access-log segments past
 * their retention, audit/access-log-archive.ts). The manifest stream holds one event per archived
 * stream with what verification needs in its place: head revision and hash, event count, the span of
 * positions it occupied, and the archive file's SHA-256. It is itself a hash-chained stream of the
 * store, covered by checkpoints like any other; it is never archived.
 */
export const ARCHIVE_MANIFEST_STREAM = 'accesslogarchive-manifest';
export const STREAM_ARCHIVED_TYPE = 'AccessLogSegmentArchived';

/** Only these streams may be archived; a manifest entry naming any other is a problem, never a licence to miss it. */
export const isArchivableStream = isAccessLogSegment;

export interface ArchivedStream {
  readonly streamId: string;
  readonly eventCount: number;
  readonly headRevision: bigint;
  readonly headHash: string;
  readonly firstPosition: bigint;
  readonly lastPosition: bigint;
  /** The archive file's name in the archive directory. */
  readonly file: string;
  /** hex SHA-256 of the archive file's bytes. */
  readonly sha256: string;
  readonly bytes: number;
  readonly archivedAt: string;
}

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const FILE_NAME = /^[A-Za-z0-9_.-]{1,200}$/;

/** The manifest event's data for an archived stream (schema version 1). */
export const manifestDataOf = (entry: ArchivedStream): Record<string, string | number> => ({
  streamId: entry.streamId,
  eventCount: entry.eventCount,
  headRevision: entry.headRevision.toString(),
  headHash: entry.headHash,
  firstPosition: entry.firstPosition.toString(),
  lastPosition: entry.lastPosition.toString(),
  file: entry.file,
  sha256: entry.sha256,
  bytes: entry.bytes,
  archivedAt: entry.archivedAt,
});

/** The entry a manifest event records, or why it is not one. */
export const parseManifestEvent = (event: Pick<RecordedEvent, 'type' | 'data'>): ArchivedStream | string => {
  const d = event.data as Record<string, unknown>;
  if (event.type !== STREAM_ARCHIVED_TYPE) return `unexpected event type ${event.type}`;
  if (typeof d.streamId !== 'string' || !isArchivableStream(d.streamId))
    return `names ${String(d.streamId)}, which is not an archivable stream`;
  if (typeof d.eventCount !== 'number' || !Number.isSafeInteger(d.eventCount) || d.eventCount < 1)
    return 'eventCount must be a positive integer';
  for (const key of ['headRevision', 'firstPosition', 'lastPosition'] as const)
    if (typeof d[key] !== 'string' || !DECIMAL.test(d[key])) return `${key} must be a decimal string`;
  if (!isHash(d.headHash) || !isHash(d.sha256)) return 'headHash and sha256 must be SHA-256 hex digests';
  if (typeof d.file !== 'string' || !FILE_NAME.test(d.file)) return 'file must be a plain file name';
  if (typeof d.bytes !== 'number' || typeof d.archivedAt !== 'string') return 'bytes and archivedAt are required';
  const headRevision = BigInt(d.headRevision as string);
  if (BigInt(d.eventCount) !== headRevision + 1n) return 'eventCount does not match headRevision';
  return {
    streamId: d.streamId,
    eventCount: d.eventCount,
    headRevision,
    headHash: d.headHash as string,
    firstPosition: BigInt(d.firstPosition as string),
    lastPosition: BigInt(d.lastPosition as string),
    file: d.file,
    sha256: d.sha256 as string,
    bytes: d.bytes,
    archivedAt: d.archivedAt,
  };
};

export type Manifest =
  | { readonly ok: true; readonly entries: readonly ArchivedStream[] }
  | { readonly ok: false; readonly problem: IntegrityProblem };

/** The manifest in order, its chain verified; the first problem if it is broken or holds an entry that is not one. */
export const readManifest = async (store: EventStore): Promise<Manifest> => {
  const chain = await verifyStream(store, ARCHIVE_MANIFEST_STREAM);
  if (!chain.ok) return { ok: false, problem: problemOfBreak(chain.failure) };
  const entries: ArchivedStream[] = [];
  const seen = new Set<string>();
  for (const event of await store.readStream(ARCHIVE_MANIFEST_STREAM)) {
    const entry = parseManifestEvent(event);
    const problem =
      typeof entry === 'string'
        ? entry
        : seen.has(entry.streamId)
          ? `archives ${entry.streamId} a second time`
          : undefined;
    if (problem !== undefined || typeof entry === 'string') {
      const detail = `${ARCHIVE_MANIFEST_STREAM}@${event.revision}: ${problem}`;
      return {
        ok: false,
        problem: {
          kind: 'invalid_manifest',
          streamId: ARCHIVE_MANIFEST_STREAM,
          revision: event.revision.toString(),
          position: event.position.toString(),
          detail,
        },
      };
    }
    seen.add(entry.streamId);
    entries.push(entry);
  }
  return { ok: true, entries };
};

/**
 * Reads archive files: the events of an archived stream in revision order. `undefined` when the file
 * is not there (moved to cold storage, say); its content is checked by {@link checkArchivedEvents}.
 */
export interface ArchivedEventSource {
  open(entry: ArchivedStream): Promise<ArchivedEvents | undefined>;
}

export interface ArchivedEvents {
  readonly events: AsyncIterable<RecordedEvent>;
  /** hex SHA-256 of the file's bytes; call after `events` is exhausted. */
  sha256(): string;
}

export type ArchiveCheck =
  | { readonly ok: true; readonly eventsChecked: number; readonly headAsOf?: StreamHead }
  | { readonly ok: false; readonly eventsChecked: number; readonly problem: IntegrityProblem };

const mismatch = (entry: ArchivedStream, detail: string, eventsChecked: number): ArchiveCheck => ({
  ok: false,
  eventsChecked,
  problem: {
    kind: 'archive_mismatch',
    streamId: entry.streamId,
    detail: `archive ${entry.file} of ${entry.streamId}: ${detail}`,
  },
});

/**
 * Checks an archive file against its manifest entry: every event's hash and link, the count, the
 * head, the span of positions and the file's SHA-256. With `asOf`, also the stream's head as of that
 * global position (for a checkpoint that covered only part of it). `hashAlgorithm`: the store's chain
 * digest (the archive holds its events as they were hashed).
 */
export const checkArchivedEvents = async (
  entry: ArchivedStream,
  archived: ArchivedEvents,
  asOf?: bigint,
  hashAlgorithm: ChainHashAlgorithm = 'sha256',
): Promise<ArchiveCheck> => {
  const walker = new ChainWalker({ onlyStream: entry.streamId, hashAlgorithm });
  let first: bigint | undefined;
  let last: bigint | undefined;
  let headAsOf: StreamHead | undefined;
  try {
    for await (const event of archived.events) {
      const failure = walker.check(event);
      if (failure)
        return {
          ok: false,
          eventsChecked: walker.eventsChecked,
          problem: { ...problemOfBreak(failure), detail: `archive ${entry.file}: ${failure.message}` },
        };
      first ??= event.position;
      if (last !== undefined && event.position <= last)
        return mismatch(entry, `positions go backwards at revision ${event.revision}`, walker.eventsChecked);
      last = event.position;
      if (asOf !== undefined && event.position <= asOf)
        headAsOf = { revision: event.revision, hash: event.metadata.hash };
    }
  } catch (error) {
    return mismatch(
      entry,
      `unreadable (${error instanceof Error ? error.message : String(error)})`,
      walker.eventsChecked,
    );
  }
  const checked = walker.eventsChecked;
  if (archived.sha256() !== entry.sha256) return mismatch(entry, 'its SHA-256 differs from the manifest’s', checked);
  const head = walker.heads.get(entry.streamId);
  if (checked !== entry.eventCount || head?.revision !== entry.headRevision || head.hash !== entry.headHash) {
    return mismatch(
      entry,
      `holds ${checked} events up to revision ${head?.revision ?? 'none'}, the manifest records ${entry.eventCount} up to ${entry.headRevision} with another head hash`,
      checked,
    );
  }
  if (first !== entry.firstPosition || last !== entry.lastPosition)
    return mismatch(entry, 'its positions differ from the manifest’s', checked);
  return { ok: true, eventsChecked: checked, ...(headAsOf ? { headAsOf } : {}) };
};
