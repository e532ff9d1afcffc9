import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { FileHandle, mkdir, open, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  BlobHashAlgorithm,
  BlobInfo,
  BlobStore,
  BlobTooLargeError,
  SHA256_PATTERN,
  StagedBlob,
} from './blob-store.port';

const STAGING = '.staging';

/**
 * The embedded default {@link BlobStore}: `<root>/<aa>/<bb>/<digest>` (two levels of shards by the
 * hash's first bytes keep directories small), staged in `<root>/.staging`. A file is written to
 * a staging file, fsynced, and renamed into place, and the directory fsynced: rename is atomic on
 * one file system, so a crash leaves either nothing or the whole file under a hash, never a part.
 * Like the checkpoint files, it lives in the application: it needs nothing but node:fs.
 */
export class FileBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    readonly algorithm: BlobHashAlgorithm = 'sha256',
  ) {}

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const staging = join(this.root, STAGING);
    await mkdir(staging, { recursive: true });
    const path = join(staging, randomUUID());
    const hash = createHash(this.algorithm);
    let size = 0;
    let file: FileHandle | undefined = await open(path, 'wx', 0o600);
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        await file.write(chunk);
      }
      await file.sync();
      await file.close();
      file = undefined;
    } catch (error) {
      await file?.close().catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
    return this.staged(path, hash.digest('hex'), size);
  }

  private staged(path: string, sha256: string, size: number): StagedBlob {
    return {
      sha256,
      size,
      read: async (start, length) => {
        const file = await open(path, 'r');
        try {
          const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
          const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
          return buffer.subarray(0, bytesRead);
        } finally {
          await file.close();
        }
      },
      commit: async () => {
        const target = this.pathOf(sha256);
        const existing = await this.stat(sha256);
        if (existing) {
          await rm(path, { force: true });
          // Stored again: young again, so the orphan collection does not take it before its event.
          const now = new Date();
          await utimes(target, now, now);
          return { ...existing, storedAt: now };
        }
        const directory = join(target, '..');
        await mkdir(directory, { recursive: true });
        await rename(path, target);
        await syncDirectory(directory);
        const stored = await this.stat(sha256);
        if (!stored) throw new Error(`blob ${sha256} vanished after its rename`);
        return stored;
      },
      discard: () => rm(path, { force: true }),
    };
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!(await this.stat(sha256))) return undefined;
    return createReadStream(this.pathOf(sha256));
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    try {
      const info = await stat(this.pathOf(sha256));
      return info.isFile() ? { sha256, size: info.size, storedAt: info.mtime } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async *list(): AsyncIterable<BlobInfo> {
    for (const first of await entries(this.root))
      for (const second of await entries(join(this.root, first)))
        for (const name of await entries(join(this.root, first, second))) {
          const info = SHA256_PATTERN.test(name) ? await this.stat(name) : undefined;
          if (info) yield info;
        }
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_PATTERN.test(sha256)) return;
    try {
      await unlink(this.pathOf(sha256));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async sweepStaging(before: Date): Promise<number> {
    const staging = join(this.root, STAGING);
    let removed = 0;
    for (const name of await entries(staging)) {
      const path = join(staging, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtime < before) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

const isMissing = (error: unknown): boolean => (error as { code?: unknown })?.code === 'ENOENT';

/** The two-hex-digit shard directories (and nothing else, `.staging` included). */
const entries = async (directory: string): Promise<string[]> => {
  try {
    return (await readdir(directory)).filter((name) => !name.startsWith('.'));
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
};

/** Makes a rename durable: the directory entry is on disk once the directory is fsynced. */
const syncDirectory = async (directory: string): Promise<void> => {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};
