import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobHashAlgorithm, BlobStore, BlobTooLargeError, FileBlobStore } from '@xj/application';
import { connectMongoBlobStore, MongoBlobStore } from '@xj/mongo-read-models';
import { FakeGridFsBucket } from '@xj/testing/fake-gridfs-bucket';

/**
 * The blob store port's contract, run against the files under a directory always, the GridFS
 * adapter over an in-memory fake of the bucket always (its own mapping without a server), and the
 * GridFS adapter against a real server when MONGO_URL is set (never on the build machine).
 */
interface AdapterUnderTest {
  readonly name: string;
  open(algorithm: BlobHashAlgorithm): Promise<BlobStore>;
  /** Whatever the store keeps besides its blobs (staging files), for "nothing left behind". */
  leftovers(): Promise<number>;
  cleanup(): Promise<void>;
}

const fileAdapter = (): AdapterUnderTest => {
  let dir = '';
  return {
    name: 'files ($DATA_DIR/blobs)',
    open: async (algorithm) => {
      dir = mkdtempSync(join(tmpdir(), 'xj-blobs-contract-'));
      return new FileBlobStore(join(dir, 'blobs'), algorithm);
    },
    leftovers: async () => {
      try {
        return readdirSync(join(dir, 'blobs', '.staging')).length;
      } catch {
        return 0;
      }
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const fakeGridFsAdapter = (): AdapterUnderTest => {
  let bucket = new FakeGridFsBucket();
  return {
    name: 'GridFS (fake bucket)',
    open: async (algorithm) => {
      bucket = new FakeGridFsBucket();
      return new MongoBlobStore(bucket, undefined, algorithm);
    },
    leftovers: async () => bucket.stagedCount(),
    cleanup: async () => undefined,
  };
};

const mongoAdapter = (url: string): AdapterUnderTest => {
  let store: MongoBlobStore | undefined;
  return {
    name: 'GridFS (MONGO_URL)',
    open: async (algorithm) => {
      store = await connectMongoBlobStore(url, { bucketName: `contract${Date.now()}`, algorithm });
      return store;
    },
    leftovers: async () => (store ? store.stagedCount() : 0),
    cleanup: async () => {
      await store?.drop();
      await store?.close();
    },
  };
};

const adapters: AdapterUnderTest[] = [
  fileAdapter(),
  fakeGridFsAdapter(),
  ...(process.env.MONGO_URL ? [mongoAdapter(process.env.MONGO_URL)] : []),
];

/** Each adapter under both crypto suites' digests (issue 18): SHA-256 (intl) and SM3 (gm). */
const cases = adapters.flatMap((adapter) =>
  (['sha256', 'sm3'] as const).map((algorithm) => ({ adapter, algorithm, name: `${adapter.name}, ${algorithm}` })),
);

async function* chunks(...parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

async function* cutShort(part: Uint8Array): AsyncIterable<Uint8Array> {
  yield part;
  throw new Error('connection reset');
}

const readAll = async (stream: AsyncIterable<Uint8Array> | undefined): Promise<Buffer | undefined> => {
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
};

const listed = async (store: BlobStore): Promise<string[]> => {
  const found: string[] = [];
  for await (const blob of store.list()) found.push(blob.sha256);
  return found.sort();
};

describe.each(cases)('BlobStore contract: $name', ({ adapter, algorithm }) => {
  let store: BlobStore;
  beforeEach(async () => {
    store = await adapter.open(algorithm);
  });
  afterEach(() => adapter.cleanup());

  const sha = (bytes: Uint8Array): string => createHash(algorithm).update(bytes).digest('hex');

  it('hashes with the algorithm it was built with, and says which', async () => {
    const bytes = Buffer.from('abc');
    const staged = await store.stage(chunks(bytes), 1024);
    expect(store.algorithm).toBe(algorithm);
    // GB/T 32905-2016 appendix A.1 (SM3 of "abc") and FIPS 180-2 (SHA-256 of "abc").
    expect(staged.sha256).toBe(
      algorithm === 'sm3'
        ? '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'
        : 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    await staged.commit();
    expect(await readAll(await store.open(staged.sha256))).toEqual(bytes);
  });

  const one = Buffer.from('%PDF-1.7 first evidence');
  const two = Buffer.from('second evidence, another file');

  it('stages a streamed file with its digest and size, reads ranges of it, and shows it under its hash only once committed', async () => {
    const staged = await store.stage(chunks(one.subarray(0, 5), one.subarray(5)), 1024);
    expect({ sha256: staged.sha256, size: staged.size }).toEqual({ sha256: sha(one), size: one.length });
    expect(Buffer.from(await staged.read(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(await staged.read(one.length - 3, 100)).toString()).toBe('nce');
    expect(await store.stat(staged.sha256)).toBeUndefined();
    const info = await staged.commit();
    expect({ sha256: info.sha256, size: info.size }).toEqual({ sha256: sha(one), size: one.length });
    expect(await readAll(await store.open(sha(one)))).toEqual(one);
    expect(await store.stat(sha(one))).toMatchObject({ sha256: sha(one), size: one.length });
    expect(await listed(store)).toEqual([sha(one)]);
    expect(await adapter.leftovers()).toBe(0);
  });

  it('stores the same bytes once, whoever uploads them', async () => {
    await (await store.stage(chunks(one), 1024)).commit();
    await (await store.stage(chunks(one), 1024)).commit();
    await (await store.stage(chunks(two), 1024)).commit();
    expect(await listed(store)).toEqual([sha(one), sha(two)].sort());
    expect(await readAll(await store.open(sha(one)))).toEqual(one);
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    await expect(store.stage(chunks(one, one), one.length + 1)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await listed(store)).toEqual([]);
    expect(await adapter.leftovers()).toBe(0);
  });

  it('leaves nothing behind when the source fails (an upload cut short) or the staged file is discarded', async () => {
    await expect(store.stage(cutShort(one), 1024)).rejects.toThrow('connection reset');
    const staged = await store.stage(chunks(two), 1024);
    await staged.discard();
    await staged.discard();
    expect(await listed(store)).toEqual([]);
    expect(await store.stat(sha(two))).toBeUndefined();
    expect(await adapter.leftovers()).toBe(0);
  });

  it('answers nothing for an unknown or malformed hash, and removes a blob', async () => {
    await (await store.stage(chunks(one), 1024)).commit();
    expect(await store.open(sha(two))).toBeUndefined();
    expect(await store.stat('../../etc/passwd')).toBeUndefined();
    await store.remove(sha(one));
    await store.remove(sha(one));
    expect(await store.open(sha(one))).toBeUndefined();
    expect(await listed(store)).toEqual([]);
  });

  it('sweeps staged files left older than a moment, and only those', async () => {
    const staged = await store.stage(chunks(one), 1024);
    expect(await store.sweepStaging(new Date(Date.now() - 60_000))).toBe(0);
    expect(await store.sweepStaging(new Date(Date.now() + 60_000))).toBe(1);
    expect(await adapter.leftovers()).toBe(0);
    await staged.discard();
  });
});
