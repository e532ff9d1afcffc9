import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SignedCheckpoint } from './checkpoint';
import { FileCheckpointRepository, KEPT_HEADS_LISTS } from './checkpoint-repository';

const signed = (createdAt: string, eventCount = 1): SignedCheckpoint => ({
  checkpoint: {
    version: 1,
    createdAt,
    globalPosition: String(eventCount),
    streamCount: 1,
    eventCount,
    heads: [{ streamId: 'clue-1', revision: String(eventCount - 1), hash: 'a'.repeat(64) }],
    headsDigest: 'b'.repeat(64),
    orderDigest: 'c'.repeat(64),
    keyId: '0123456789abcdef',
  },
  signature: 'c2ln',
  publicKey: 'pem',
});

describe('FileCheckpointRepository', () => {
  let dir: string;
  let repository: FileCheckpointRepository;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'xj-checkpoints-')), 'checkpoints');
    repository = new FileCheckpointRepository(dir);
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('is empty before the first checkpoint (no directory yet)', async () => {
    expect(await repository.list()).toEqual([]);
    expect(await repository.latest()).toBeUndefined();
  });

  it('saves one file per checkpoint named by its time, lists oldest first and serves the latest whole', async () => {
    expect(await repository.save(signed('2026-03-02T10:00:00.000Z', 2))).toBe('2026-03-02T10-00-00.000Z');
    await repository.save(signed('2026-03-02T09:00:00.000Z', 1));
    expect(readdirSync(dir).sort()).toEqual(['2026-03-02T09-00-00.000Z.json', '2026-03-02T10-00-00.000Z.json']);
    expect(JSON.parse(readFileSync(join(dir, '2026-03-02T10-00-00.000Z.json'), 'utf8'))).toEqual(
      signed('2026-03-02T10:00:00.000Z', 2),
    );
    expect((await repository.list()).map((s) => [s.id, s.eventCount])).toEqual([
      ['2026-03-02T09-00-00.000Z', 1],
      ['2026-03-02T10-00-00.000Z', 2],
    ]);
    expect(await repository.latest()).toEqual(signed('2026-03-02T10:00:00.000Z', 2));
  });

  it('never overwrites a checkpoint signed in the same millisecond', async () => {
    const at = '2026-03-02T10:00:00.000Z';
    expect(await repository.save(signed(at, 1))).toBe('2026-03-02T10-00-00.000Z');
    expect(await repository.save(signed(at, 2))).toBe('2026-03-02T10-00-00.000Z.1');
    expect((await repository.list()).map((s) => s.eventCount)).toEqual([1, 2]);
  });

  it('skips files that are not signed checkpoints', async () => {
    await repository.save(signed('2026-03-02T09:00:00.000Z'));
    writeFileSync(join(dir, '2026-12-31T00-00-00.000Z.json'), '{"partial":');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect((await repository.list()).map((s) => s.id)).toEqual(['2026-03-02T09-00-00.000Z']);
    expect((await repository.latest())?.checkpoint.createdAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('keeps the heads lists of the latest checkpoints beside them, found by digest, and only well-formed ones', async () => {
    const heads = (n: number) => [{ streamId: 'clue-1', revision: String(n), hash: 'a'.repeat(64) }];
    const digest = (n: number) => n.toString(16).padStart(64, '0');
    for (let n = 0; n < KEPT_HEADS_LISTS + 3; n += 1) {
      await repository.saveHeads(digest(n), heads(n));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await repository.headsOf(digest(KEPT_HEADS_LISTS + 2))).toEqual(heads(KEPT_HEADS_LISTS + 2));
    expect(await repository.headsOf(digest(0))).toBeUndefined();
    expect(readdirSync(`${dir}-heads`)).toHaveLength(KEPT_HEADS_LISTS);
    expect(await repository.headsOf('../../etc/passwd')).toBeUndefined();
    await expect(repository.saveHeads('x', heads(1))).rejects.toThrow(/digest/);
  });

  it('writes a heads list one head per line (read back a line at a time), and still reads one written on a single line', async () => {
    const many = Array.from({ length: 10_000 }, (_, n) => ({
      streamId: `clue-${String(n).padStart(5, '0')}`,
      revision: String(n % 7),
      hash: 'a'.repeat(64),
    }));
    const digest = 'd'.repeat(64);
    await repository.saveHeads(digest, many);
    const text = gunzipSync(readFileSync(join(`${dir}-heads`, `${digest}.json.gz`))).toString('utf8');
    expect(text.split('\n')).toHaveLength(many.length + 3);
    expect(JSON.parse(text)).toEqual(many);
    expect(await repository.headsOf(digest)).toEqual(many);
    await repository.saveHeads('e'.repeat(64), []);
    expect(await repository.headsOf('e'.repeat(64))).toEqual([]);
    writeFileSync(join(`${dir}-heads`, `${'f'.repeat(64)}.json.gz`), gzipSync(JSON.stringify(many.slice(0, 3))));
    expect(await repository.headsOf('f'.repeat(64))).toEqual(many.slice(0, 3));
    const unsorted = text.replace('"clue-00001"', '"clue-99999"');
    writeFileSync(join(`${dir}-heads`, `${'1'.repeat(64)}.json.gz`), gzipSync(unsorted));
    expect(await repository.headsOf('1'.repeat(64))).toBeUndefined();
    writeFileSync(join(`${dir}-heads`, `${'2'.repeat(64)}.json.gz`), gzipSync(text.slice(0, 5000)));
    expect(await repository.headsOf('2'.repeat(64))).toBeUndefined();
  });
});
