import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceIntake } from './evidence-intake';
import { FileBlobStore } from './file-blob-store';

async function* once(bytes: Buffer): AsyncIterable<Uint8Array> {
  yield bytes;
}

describe('evidence intake: the file is addressed by the blob store’s digest, and says which', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-evidence-intake-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['sha256', 'sm3'] as const)(
    'given a %s blob store, then the file is stored under that digest and the command records it',
    async (algorithm) => {
      const bytes = Buffer.from('%PDF-1.7 evidence');
      const blobs = new FileBlobStore(join(dir, 'blobs'), algorithm);
      const file = await new EvidenceIntake(blobs, 1024).receive(once(bytes), 'a.pdf');
      const digest = createHash(algorithm).update(bytes).digest('hex');
      expect(file).toEqual({
        sha256: digest,
        hashAlgorithm: algorithm,
        fileName: 'a.pdf',
        mediaType: 'application/pdf',
        size: bytes.length,
      });
      expect(await blobs.stat(digest)).toMatchObject({ size: bytes.length });
    },
  );
});
