import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { deterministicUuid } from '../command/deterministic-id';
import { streamPages } from '../event-store/chain-pages';
import { ChainWalker } from '../event-store/chain-verifier';
import { chainHashOfStore } from '../event-store/crypto-suite';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { JsonObject, RecordedEvent, RecordedMetadata } from '../event-store/event-store.types';
import { canDeleteStreams } from '../event-store/stream-deletion';
import {
  ARCHIVE_MANIFEST_STREAM,
  ArchivedEvents,
  ArchivedEventSource,
  ArchivedStream,
  checkArchivedEvents,
  manifestDataOf,
  readManifest,
  STREAM_ARCHIVED_TYPE,
} from '../integrity/archived-streams';
import { IntegrityProblem } from '../integrity/integrity-report';
import { ACCESS_LOG_ACTOR, SegmentDirectory, SegmentRef, utcDayOf } from './access-log-segments';

/**
 * Retention of the access log (网络安全法 第二十一条: network logs kept no less than six months).
 * A segment whose day is more than `retentionDays` ago is
 * 1. read and chain-verified, and written to `<archiveDir>/<segment>.jsonl.gz` — a header line, then
 *    every stored event with its hashes — through a temp file that is fsynced and renamed, the
 *    directory fsynced after;
 * 2. read back and checked, then recorded in the archive manifest (integrity/archived-streams.ts):
 *    head revision and hash, event count, positions, the file's SHA-256;
 * 3. removed from the store at its head revision.
 * Each step is safe to repeat after a crash: a manifest entry without removal is removed next time,
 * a file without a manifest entry is written again. Chain verification, signed checkpoints and their
 * verification account for archived segments through the manifest; `verifyArchives` checks the
 * files against it (CLI `access-log verify-archives`).
 */
export const ARCHIVE_FORMAT = 'xingji-link.access-log-archive';
const DAY_MS = 86_400_000;

export interface AccessLogArchiveOptions {
  readonly archiveDir: string;
  readonly retentionDays: number;
}

export interface ArchiveRun {
  /** Segments archived and removed in this run. */
  readonly archived: readonly {
    readonly streamId: string;
    readonly eventCount: number;
    readonly file: string;
    readonly bytes: number;
  }[];
  /** Segments left in place, and why (a broken chain, a file that does not read back). */
  readonly problems: readonly IntegrityProblem[];
  /** Segments of days before this one were due. */
  readonly cutoffDay: string;
}

export interface ArchiveVerification {
  readonly ok: boolean;
  readonly checked: readonly {
    readonly streamId: string;
    readonly file: string;
    readonly ok: boolean;
    readonly eventsChecked: number;
    readonly problem?: IntegrityProblem;
  }[];
  readonly problem?: IntegrityProblem;
}

const fileNameOf = (streamId: string): string => `${streamId}.jsonl.gz`;

const eventLine = (event: RecordedEvent): string =>
  JSON.stringify({
    streamId: event.streamId,
    revision: String(event.revision),
    position: String(event.position),
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  }) + '\n';

const eventOfLine = (line: string): RecordedEvent => {
  const e = JSON.parse(line) as {
    streamId: string;
    revision: string;
    position: string;
    eventId: string;
    type: string;
    data: JsonObject;
    metadata: RecordedMetadata;
  };
  return {
    streamId: e.streamId,
    revision: BigInt(e.revision),
    position: BigInt(e.position),
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  };
};

/** Archive files in one directory, read back for verification. */
export class FileArchivedEventSource implements ArchivedEventSource {
  constructor(private readonly dir: string) {}

  async open(entry: ArchivedStream): Promise<ArchivedEvents | undefined> {
    const path = join(this.dir, entry.file);
    const handle = await open(path, 'r').catch(() => undefined);
    if (handle === undefined) return undefined;
    await handle.close();
    const hash = createHash('sha256');
    const raw = createReadStream(path);
    const gunzip = createGunzip();
    raw.on('data', (chunk) => hash.update(chunk));
    // pipe() does not pass a read error on: without this the lines would wait forever.
    raw.on('error', (error) => gunzip.destroy(error));
    const lines = createInterface({ input: raw.pipe(gunzip), crlfDelay: Infinity });
    async function* events(): AsyncGenerator<RecordedEvent> {
      let header = true;
      for await (const line of lines) {
        if (header) {
          const parsed = JSON.parse(line) as { format?: unknown; streamId?: unknown };
          if (parsed.format !== ARCHIVE_FORMAT || parsed.streamId !== entry.streamId)
            throw new Error('not an archive of this stream');
          header = false;
        } else if (line.length > 0) yield eventOfLine(line);
      }
    }
    return { events: events(), sha256: () => hash.digest('hex') };
  }
}

/** Writes lines gzipped to `path` through a temp file (fsynced, renamed, directory fsynced); returns the file's SHA-256 and size. */
const writeArchive = async (
  dir: string,
  name: string,
  lines: AsyncIterable<string>,
): Promise<{ sha256: string; bytes: number }> => {
  const path = join(dir, name);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await open(temp, 'wx', 0o640);
  try {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        handle.write(chunk).then(() => done(), done);
      },
    });
    await pipeline(Readable.from(lines), createGzip(), sink);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  const directory = await open(dir, 'r');
  await directory.sync().finally(() => directory.close());
  return { sha256: hash.digest('hex'), bytes };
};

export class AccessLogArchiver {
  private readonly files: FileArchivedEventSource;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly options: AccessLogArchiveOptions,
    private readonly directory = new SegmentDirectory(store),
  ) {
    this.files = new FileArchivedEventSource(options.archiveDir);
  }

  /** Archives and removes every segment past retention. */
  async archiveDue(): Promise<ArchiveRun> {
    const cutoffDay = utcDayOf(this.clock.now().getTime() - this.options.retentionDays * DAY_MS);
    if (!canDeleteStreams(this.store))
      throw new Error('This event store cannot remove streams, so the access log cannot be archived.');
    const manifest = await readManifest(this.store);
    if (!manifest.ok) return { archived: [], problems: [manifest.problem], cutoffDay };
    const known = new Map(manifest.entries.map((entry) => [entry.streamId, entry]));
    const archived: ArchiveRun['archived'][number][] = [];
    const problems: IntegrityProblem[] = [];
    for (const segment of (await this.directory.list()).filter((s) => s.day < cutoffDay)) {
      const head = await this.store.streamRevision(segment.streamId);
      if (head === undefined) continue;
      const entry = known.get(segment.streamId) ?? (await this.export(segment, head));
      if ('kind' in entry) {
        problems.push(entry);
        continue;
      }
      await this.store.deleteStream(segment.streamId, entry.headRevision);
      archived.push({ streamId: entry.streamId, eventCount: entry.eventCount, file: entry.file, bytes: entry.bytes });
    }
    return { archived, problems, cutoffDay };
  }

  /** Every manifest entry (or the one of `streamId`) against its archive file. */
  async verifyArchives(streamId?: string): Promise<ArchiveVerification> {
    const manifest = await readManifest(this.store);
    if (!manifest.ok) return { ok: false, checked: [], problem: manifest.problem };
    const checked: ArchiveVerification['checked'][number][] = [];
    for (const entry of manifest.entries.filter((e) => streamId === undefined || e.streamId === streamId)) {
      const file = await this.files.open(entry);
      const result = file
        ? await checkArchivedEvents(entry, file, undefined, chainHashOfStore(this.store))
        : {
            ok: false as const,
            eventsChecked: 0,
            problem: {
              kind: 'archive_unavailable' as const,
              streamId: entry.streamId,
              detail: `archive file ${entry.file} not found`,
            },
          };
      checked.push({
        streamId: entry.streamId,
        file: entry.file,
        ok: result.ok,
        eventsChecked: result.eventsChecked,
        ...(result.ok ? {} : { problem: result.problem }),
      });
    }
    return { ok: checked.every((c) => c.ok), checked };
  }

  /** Steps 1 and 2: the file, read back and checked, then the manifest entry. */
  private async export(segment: SegmentRef, head: bigint): Promise<ArchivedStream | IntegrityProblem> {
    const walker = new ChainWalker({ onlyStream: segment.streamId, hashAlgorithm: chainHashOfStore(this.store) });
    let broken: IntegrityProblem | undefined;
    let first: bigint | undefined;
    let last = 0n;
    const store = this.store;
    async function* lines(): AsyncGenerator<string> {
      yield JSON.stringify({ format: ARCHIVE_FORMAT, version: 1, streamId: segment.streamId }) + '\n';
      for await (const page of streamPages(store, segment.streamId)) {
        for (const event of page) {
          if (event.revision > head) return;
          const failure = walker.check(event);
          if (failure) {
            broken = {
              kind: failure.kind,
              streamId: failure.streamId,
              revision: failure.revision?.toString(),
              detail: failure.message,
            };
            return;
          }
          first ??= event.position;
          last = event.position;
          yield eventLine(event);
        }
      }
    }
    await mkdir(this.options.archiveDir, { recursive: true, mode: 0o750 });
    const file = fileNameOf(segment.streamId);
    const written = await writeArchive(this.options.archiveDir, file, lines());
    const tip = walker.heads.get(segment.streamId);
    if (broken || tip === undefined || tip.revision !== head) {
      await rm(join(this.options.archiveDir, file), { force: true });
      return (
        broken ?? {
          kind: 'truncated',
          streamId: segment.streamId,
          detail: `${segment.streamId}: read up to ${tip?.revision ?? 'nothing'}, its head is ${head}`,
        }
      );
    }
    const entry: ArchivedStream = {
      streamId: segment.streamId,
      eventCount: walker.eventsChecked,
      headRevision: tip.revision,
      headHash: tip.hash,
      firstPosition: first ?? 0n,
      lastPosition: last,
      file,
      sha256: written.sha256,
      bytes: written.bytes,
      archivedAt: this.clock.now().toISOString(),
    };
    const reread = await this.files.open(entry);
    const check = reread
      ? await checkArchivedEvents(entry, reread, undefined, chainHashOfStore(this.store))
      : undefined;
    if (!check?.ok)
      return (
        check?.problem ?? {
          kind: 'archive_unavailable',
          streamId: entry.streamId,
          detail: `archive file ${file} vanished after writing`,
        }
      );
    const id = deterministicUuid(`${ARCHIVE_MANIFEST_STREAM}:${entry.streamId}:${entry.headHash}`);
    const metadata = { schemaVersion: 1, actor: ACCESS_LOG_ACTOR, commandId: id, correlationId: id, causationId: id };
    await this.store.append(
      ARCHIVE_MANIFEST_STREAM,
      [{ eventId: id, type: STREAM_ARCHIVED_TYPE, data: manifestDataOf(entry), metadata }],
      'any',
    );
    return entry;
  }
}
