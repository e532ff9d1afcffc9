import { Readable, Writable } from 'node:stream';
import type { GridFsBucketLike, GridFsFileLike, GridFsFilter } from '@xj/mongo-read-models';

interface StoredFile extends GridFsFileLike {
  readonly bytes: Buffer;
}

/**
 * An in-memory GridFSBucket with the driver's behaviour where the blob store relies on it: the
 * file document exists only once the upload stream has finished (an aborted or unfinished upload
 * has none), `delete` of an unknown id fails, downloads take `start`/`end` (end exclusive), and
 * `find` takes the filters the adapter sends (a name, a `$regex` name, an `uploadDate.$lt`).
 */
export class FakeGridFsBucket implements GridFsBucketLike {
  private readonly files = new Map<number, StoredFile>();
  private nextId = 1;
  private tick = 0;

  openUploadStream(filename: string): Writable & { readonly id: unknown; abort(): Promise<void> } {
    const id = this.nextId++;
    const parts: Buffer[] = [];
    let aborted = false;
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        parts.push(Buffer.from(chunk));
        callback();
      },
      final: (callback) => {
        if (!aborted) {
          const bytes = Buffer.concat(parts);
          // Strictly increasing dates, so "newest" is well defined within one millisecond.
          const uploadDate = new Date(Date.now() + this.tick++);
          this.files.set(id, { _id: id, filename, length: bytes.length, uploadDate, bytes });
        }
        callback();
      },
    });
    return Object.assign(stream, {
      id,
      abort: async () => {
        aborted = true;
        this.files.delete(id);
        stream.destroy();
      },
    });
  }

  openDownloadStream(id: unknown, options: { readonly start?: number; readonly end?: number } = {}): Readable {
    const file = this.files.get(id as number);
    if (!file) throw new Error(`FileNotFound: ${String(id)}`);
    return Readable.from([file.bytes.subarray(options.start ?? 0, options.end ?? file.length)]);
  }

  find(
    filter: GridFsFilter,
    options: { readonly sort?: Readonly<Record<string, 1 | -1>> } = {},
  ): { toArray(): Promise<GridFsFileLike[]> } {
    const matches = [...this.files.values()].filter((file) => matchesFilter(file, filter));
    const direction = options.sort?.['uploadDate'];
    if (direction !== undefined) matches.sort((a, b) => direction * (a.uploadDate.getTime() - b.uploadDate.getTime()));
    return { toArray: async () => matches.map(({ bytes: _bytes, ...file }) => file) };
  }

  async delete(id: unknown): Promise<void> {
    if (!this.files.delete(id as number)) throw new Error(`FileNotFound: ${String(id)}`);
  }

  async rename(id: unknown, filename: string): Promise<void> {
    const file = this.files.get(id as number);
    if (!file) throw new Error(`FileNotFound: ${String(id)}`);
    this.files.set(id as number, { ...file, filename });
  }

  async drop(): Promise<void> {
    this.files.clear();
  }

  /** Files whose name is a staging name. */
  stagedCount(): number {
    return [...this.files.values()].filter((file) => file.filename.startsWith('staging/')).length;
  }

  /** Overwrites a stored file's bytes in place (a tampered blob). */
  tamper(filename: string, bytes: Buffer): void {
    for (const file of this.files.values())
      if (file.filename === filename) this.files.set(file._id as number, { ...file, bytes, length: bytes.length });
  }
}

const matchesFilter = (file: GridFsFileLike, filter: GridFsFilter): boolean => {
  const { filename, uploadDate } = filter;
  if (typeof filename === 'string' && file.filename !== filename) return false;
  if (typeof filename === 'object' && !new RegExp(filename.$regex).test(file.filename)) return false;
  if (uploadDate && !(file.uploadDate < uploadDate.$lt)) return false;
  return true;
};
