import { Readable } from 'node:stream';
import { BlobStore } from '../evidence/blob-store.port';
import { EventStore } from '../event-store/event-store.port';
import { EventActor, EventToAppend, RecordedEvent } from '../event-store/event-store.types';
import { canonicalJson } from '../event-store/canonical-json';
import { PackageProblem, TransferPackageRefusedError, VerifiedPackage } from './transfer-package.verify';

/** The record of an imported package, one stream per package: the import's idempotency and its link to the sender's chain. */
export const TRANSFER_PACKAGE_IMPORTED = 'TransferPackageImported';
export const TRANSFER_PACKAGE_CATEGORY = 'transferpackage';
export const packageRecordStream = (packageHash: string): string => `${TRANSFER_PACKAGE_CATEGORY}-${packageHash}`;

/**
 * Refuses a package whose events disagree with the same events here (same id, another type or
 * data): the two sides' histories diverged, and copying the rest would fold a history neither had.
 * Checked for every stream before anything is stored.
 */
export const checkAgreement = async (store: EventStore, verified: VerifiedPackage): Promise<void> => {
  const problems: PackageProblem[] = [];
  for (const stream of verified.streams) {
    const local = new Map((await store.readStream(stream.streamId)).map((e) => [e.eventId, e]));
    for (const e of stream.events) {
      const mine = local.get(e.eventId);
      if (mine && (mine.type !== e.type || canonicalJson(mine.data) !== canonicalJson(e.data))) {
        problems.push({
          code: 'PACKAGE.DIVERGED',
          message: `${stream.streamId} revision ${e.revision}: event ${e.eventId} differs from the one held here`,
          streamId: stream.streamId,
          revision: e.revision.toString(),
        });
        break;
      }
    }
  }
  const [first, ...rest] = problems;
  if (first) throw new TransferPackageRefusedError([first, ...rest]);
};

/** Stores each verified file not stored yet (blobs are addressed by their hash: one already there is the same). */
export const storeBlobs = async (
  blobs: BlobStore,
  files: ReadonlyMap<string, Buffer>,
  progress: (done: number, total: number) => void,
): Promise<void> => {
  let done = 0;
  for (const [sha256, data] of files) {
    if (!(await blobs.stat(sha256))) {
      const staged = await blobs.stage(Readable.from([data]), data.length);
      try {
        await staged.commit();
      } finally {
        await staged.discard();
      }
    }
    progress(++done, files.size);
  }
};

/**
 * Appends the package's events of one stream that this store does not hold (by event id), in the
 * package's order, after whatever the stream holds here; answers how many. Each keeps its id, type
 * and data; its metadata gains `transfer`, the sender's revision and hash it was verified with.
 * Against the stream's current revision: an import racing another fails rather than interleaving.
 */
export const copyMissing = async (
  store: EventStore,
  stream: { readonly streamId: string; readonly events: readonly RecordedEvent[] },
  packageHash: string,
): Promise<number> => {
  const local = await store.readStream(stream.streamId);
  const here = new Set(local.map((e) => e.eventId));
  const missing = stream.events.filter((e) => !here.has(e.eventId));
  if (missing.length === 0) return 0;
  const copies: EventToAppend[] = missing.map((e) => {
    const { recordedAt, prevHash: _prev, hash, ...metadata } = e.metadata;
    return {
      eventId: e.eventId,
      type: e.type,
      data: e.data,
      metadata: {
        ...metadata,
        transfer: {
          packageHash,
          sourceRevision: e.revision.toString(),
          sourceHash: hash,
          sourceRecordedAt: recordedAt,
        },
      },
    };
  });
  const last = local[local.length - 1];
  await store.append(stream.streamId, copies, last === undefined ? 'no_stream' : last.revision);
  return copies.length;
};

/** TransferPackageImported, the package's first and only event: a second import finds it and stores nothing. */
export const recordImport = async (
  store: EventStore,
  { manifest, packageHash }: VerifiedPackage,
  done: {
    readonly by: EventActor;
    readonly appended: ReadonlyArray<{ readonly streamId: string; readonly events: number }>;
    readonly at: string;
    readonly eventId: string;
  },
): Promise<void> => {
  const { by, eventId: id } = done;
  await store.append(
    packageRecordStream(packageHash),
    [
      {
        eventId: id,
        type: TRANSFER_PACKAGE_IMPORTED,
        data: {
          packageHash,
          kind: manifest.kind,
          referralId: manifest.referralId,
          clueId: manifest.clueId,
          senderOrgId: manifest.sender.orgId,
          keyId: manifest.keyId,
          suite: manifest.suite,
          createdAt: manifest.createdAt,
          sourceHeads: manifest.streams.map((s) => ({ streamId: s.streamId, ...s.head })),
          attachments: manifest.attachments.map((a) => a.sha256),
          appended: done.appended.map((a) => ({ ...a })),
          at: done.at,
          by,
        },
        metadata: { schemaVersion: 1, actor: by, commandId: id, correlationId: id, causationId: id },
      },
    ],
    'no_stream',
  );
};
