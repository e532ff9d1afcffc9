import { createHash } from 'node:crypto';
import { BlobTooLargeError } from '@xj/application';
import { FakeGridFsBucket } from '@xj/testing/fake-gridfs-bucket';
import { MongoBlobStore } from './mongo-blob-store';

async function* once(bytes: Buffer): AsyncIterable<Uint8Array> {
  yield bytes;
}
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('MongoBlobStore: how blobs map onto GridFS files', () => {
  let bucket: FakeGridFsBucket;
  let store: MongoBlobStore;
  beforeEach(() => {
    bucket = new FakeGridFsBucket();
    store = new MongoBlobStore(bucket);
  });
  const named = async (filename: string) => bucket.find({ filename }).toArray();

  it('uploads under a staging name, and commit renames that file to the hash', async () => {
    const bytes = Buffer.from('%PDF-1.7 gridfs');
    const staged = await store.stage(once(bytes), 1024);
    expect((await bucket.find({ filename: { $regex: '^staging/' } }).toArray()).map((f) => f.length)).toEqual([
      bytes.length,
    ]);
    await staged.commit();
    expect((await named(sha(bytes))).map((f) => f.length)).toEqual([bytes.length]);
    expect(bucket.stagedCount()).toBe(0);
  });

  it('given the same bytes stored again, then one file remains under the hash, the newer one (its date renews the grace)', async () => {
    const bytes = Buffer.from('same bytes');
    const first = await (await store.stage(once(bytes), 1024)).commit();
    const again = await (await store.stage(once(bytes), 1024)).commit();
    const files = await named(sha(bytes));
    expect(files).toHaveLength(1);
    expect(again.storedAt.getTime()).toBeGreaterThan(first.storedAt.getTime());
    expect(files[0]?.uploadDate).toEqual(again.storedAt);
  });

  it('given a file over the limit, then the upload is aborted: no file document at all', async () => {
    await expect(store.stage(once(Buffer.alloc(2048)), 1024)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await bucket.find({}).toArray()).toEqual([]);
  });

  it('finds a tampered file by its bytes, not its name: the download serves what GridFS holds', async () => {
    const bytes = Buffer.from('original');
    await (await store.stage(once(bytes), 1024)).commit();
    bucket.tamper(sha(bytes), Buffer.from('forged!!'));
    const parts: Buffer[] = [];
    for await (const chunk of (await store.open(sha(bytes))) as AsyncIterable<Buffer>) parts.push(chunk);
    expect(Buffer.concat(parts).toString()).toBe('forged!!');
  });
});
