import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { BlobHashAlgorithm, BlobInfo, BlobStore, BlobTooLargeError, SHA256_PATTERN, StagedBlob } from '@xj/application';

/** A GridFS file document, as the bucket's `find` answers it. */
export interface GridFsFileLike {
  readonly _id: unknown;
  readonly filename: string;
  readonly length: number;
  readonly uploadDate: Date;
}

/** The filters the adapter sends: a name, a name pattern, an upload date bound. */
export interface GridFsFilter {
  readonly filename?: string | { readonly $regex: string };
  readonly uploadDate?: { readonly $lt: Date };
}

/** The part of the driver's GridFSBucket the adapter uses (mongodb 6), which the typed fake implements. */
export interface GridFsBucketLike {
  openUploadStream(filename: string): Writable & { readonly id: unknown; abort(): Promise<void> };
  openDownloadStream(id: unknown, options?: { readonly start?: number; readonly end?: number }): Readable;
  find(
    filter: GridFsFilter,
    options?: { readonly sort?: Readonly<Record<string, 1 | -1>> },
  ): { toArray(): Promise<GridFsFileLike[]> };
  delete(id: unknown): Promise<void>;
  rename(id: unknown, filename: string): Promise<void>;
  drop(): Promise<void>;
}

const STAGING_PREFIX = 'staging/';
const NEWEST_FIRST = { uploadDate: -1 } as const;

/**
 * The production {@link BlobStore}: MongoDB GridFS. A file is uploaded under a staging name while
 * hashed; GridFS writes the file document only after its last chunk, so a staged file is
 * complete when it is found. Committing renames it to its SHA-256 (one document update) and
 * removes an older copy, so the blob under a hash is always whole and the newest upload's date is
 * its `storedAt`. Chunks of an upload cut off by a crash have no file document; `abort` removes
 * those of a refused upload.
 */
export class MongoBlobStore implements BlobStore {
  constructor(
    private readonly bucket: GridFsBucketLike,
    private readonly onClose: () => Promise<void> = async () => undefined,
    /** The event store's suite decides: SHA-256, or SM3 in a 国密 store. */
    readonly algorithm: BlobHashAlgorithm = 'sha256',
  ) {}

  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const name = `${STAGING_PREFIX}${randomUUID()}`;
    const upload = this.bucket.openUploadStream(name);
    const hash = createHash(this.algorithm);
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        if (!upload.write(chunk)) await once(upload, 'drain');
      }
      upload.end();
      await finished(upload);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      throw error;
    }
    return this.staged(upload.id, hash.digest('hex'), size);
  }

  private staged(id: unknown, sha256: string, size: number): StagedBlob {
    let gone = false;
    return {
      sha256,
      size,
      read: async (start, length) => {
        const end = Math.min(size, start + length);
        if (end <= start) return new Uint8Array(0);
        const parts: Buffer[] = [];
        for await (const chunk of this.bucket.openDownloadStream(id, { start, end }) as AsyncIterable<Buffer>)
          parts.push(chunk);
        return Buffer.concat(parts);
      },
      commit: async () => {
        const older = await this.filesNamed(sha256);
        await this.bucket.rename(id, sha256);
        gone = true;
        for (const file of older) await this.bucket.delete(file._id);
        const stored = await this.stat(sha256);
        if (!stored) throw new Error(`blob ${sha256} vanished after its rename`);
        return stored;
      },
      discard: async () => {
        if (gone) return;
        gone = true;
        await this.bucket.delete(id).catch(() => undefined);
      },
    };
  }

  private filesNamed(filename: string): Promise<GridFsFileLike[]> {
    return this.bucket.find({ filename }, { sort: NEWEST_FIRST }).toArray();
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    const [newest] = await this.filesNamed(sha256);
    return newest ? this.bucket.openDownloadStream(newest._id) : undefined;
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    const [newest] = await this.filesNamed(sha256);
    return newest ? { sha256, size: newest.length, storedAt: newest.uploadDate } : undefined;
  }

  async *list(): AsyncIterable<BlobInfo> {
    const files = await this.bucket.find({ filename: { $regex: '^[0-9a-f]{64}$' } }, { sort: NEWEST_FIRST }).toArray();
    const seen = new Set<string>();
    for (const file of files)
      if (!seen.has(file.filename)) {
        seen.add(file.filename);
        yield { sha256: file.filename, size: file.length, storedAt: file.uploadDate };
      }
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_PATTERN.test(sha256)) return;
    for (const file of await this.filesNamed(sha256)) await this.bucket.delete(file._id);
  }

  async sweepStaging(before: Date): Promise<number> {
    const stale = await this.bucket
      .find({ filename: { $regex: `^${STAGING_PREFIX}` }, uploadDate: { $lt: before } })
      .toArray();
    for (const file of stale) await this.bucket.delete(file._id);
    return stale.length;
  }

  /** Staged files present now (the contract suite's "nothing left behind"). */
  async stagedCount(): Promise<number> {
    return (await this.bucket.find({ filename: { $regex: `^${STAGING_PREFIX}` } }).toArray()).length;
  }

  /** Drops the whole bucket (tests against a real server). */
  drop(): Promise<void> {
    return this.bucket.drop();
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
