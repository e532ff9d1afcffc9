import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import { yieldToEventLoop } from '../event-store/chain-pages';
import { CheckpointHead, headsListProblem, isCheckpointHead, isSignedCheckpoint, SignedCheckpoint } from './checkpoint';
import { HEADS_PER_TURN } from './heads-work';

/** A stored checkpoint, listed without its heads. */
export interface CheckpointSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly globalPosition: string;
  readonly streamCount: number;
  readonly eventCount: number;
  readonly keyId: string;
}

/** Where signed checkpoints are kept. */
export interface CheckpointRepository {
  /** Saves and returns the id it is known by. */
  save(signed: SignedCheckpoint): Promise<string>;
  /** Oldest first. */
  list(): Promise<CheckpointSummary[]>;
  latest(): Promise<SignedCheckpoint | undefined>;
  /** Keeps the heads list of a version 2 checkpoint beside it, by its headsDigest (diagnostics only: checked against the digest before use). */
  saveHeads?(headsDigest: string, heads: readonly CheckpointHead[]): Promise<void>;
  /** The heads list kept for that digest, if it still is. */
  headsOf?(headsDigest: string): Promise<readonly CheckpointHead[] | undefined>;
}

/**
 * Heads lists grow with the number of streams (a store written before #13 may hold a stream per id
 * ever read, ~60 bytes each gzipped): only those of the latest few checkpoints are kept.
 */
export const KEPT_HEADS_LISTS = 4;
const gunzipped = promisify(gunzip);
const DIGEST = /^[0-9a-f]{64}$/;

/** The heads as a JSON array, one head per line, in chunks of a turn each. */
async function* headsJsonLines(heads: readonly CheckpointHead[]): AsyncGenerator<string> {
  yield '[\n';
  for (let i = 0; i < heads.length; i += HEADS_PER_TURN) {
    const end = i + HEADS_PER_TURN >= heads.length ? '\n' : ',\n';
    yield (
      heads
        .slice(i, i + HEADS_PER_TURN)
        .map((head) => JSON.stringify({ streamId: head.streamId, revision: head.revision, hash: head.hash }))
        .join(',\n') + end
    );
    await yieldToEventLoop();
  }
  yield ']\n';
}

/** What headsJsonLines wrote, parsed a line at a time in turns (a list written on one line, as before, whole). */
const parseHeadsJson = async (data: Buffer): Promise<CheckpointHead[] | undefined> => {
  if (data.length < 2 || data[0] !== 0x5b || data[1] !== 0x0a) {
    const heads: unknown = JSON.parse(data.toString('utf8'));
    return headsListProblem(heads) === undefined ? (heads as CheckpointHead[]) : undefined;
  }
  const heads: CheckpointHead[] = [];
  let previous: string | undefined;
  for (let start = 2, end = data.indexOf(0x0a, start); end !== -1; start = end + 1, end = data.indexOf(0x0a, start)) {
    const line = data.toString('utf8', start, data[end - 1] === 0x2c ? end - 1 : end);
    if (line === ']') return end === data.length - 1 ? heads : undefined;
    const head: unknown = JSON.parse(line);
    if (!isCheckpointHead(head) || (previous !== undefined && previous >= head.streamId)) return undefined;
    previous = head.streamId;
    heads.push(head);
    if (heads.length % HEADS_PER_TURN === 0) await yieldToEventLoop();
  }
  return undefined;
};

export const summaryOf = (id: string, { checkpoint: c }: SignedCheckpoint): CheckpointSummary => ({
  id,
  createdAt: c.createdAt,
  globalPosition: c.globalPosition,
  streamCount: c.streamCount,
  eventCount: c.eventCount,
  keyId: c.keyId,
});

/**
 * One JSON file per checkpoint, `<createdAt>.json` (colons become dashes so the name is valid
 * on every file system; ISO times then still sort by name). Files never change once written.
 */
export class FileCheckpointRepository implements CheckpointRepository {
  constructor(
    private readonly dir: string,
    /** Heads lists of version 2 checkpoints (diagnostics), apart from the checkpoints themselves. */
    private readonly headsDir = `${dir}-heads`,
  ) {}

  async save(signed: SignedCheckpoint): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const base = signed.checkpoint.createdAt.replace(/:/g, '-');
    for (let n = 0; ; n += 1) {
      const id = n === 0 ? base : `${base}.${n}`;
      try {
        await writeFile(join(this.dir, `${id}.json`), JSON.stringify(signed, null, 2) + '\n', {
          flag: 'wx',
          mode: 0o644,
        });
        return id;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  async list(): Promise<CheckpointSummary[]> {
    const summaries: CheckpointSummary[] = [];
    for (const id of await this.ids()) {
      const signed = await this.read(id);
      if (signed) summaries.push(summaryOf(id, signed));
    }
    return summaries;
  }

  async latest(): Promise<SignedCheckpoint | undefined> {
    const ids = await this.ids();
    for (let i = ids.length - 1; i >= 0; i -= 1) {
      const signed = await this.read(ids[i] as string);
      if (signed) return signed;
    }
    return undefined;
  }

  /**
   * `<headsDir>/<digest>.json.gz`: a JSON array with one head per line, written in turns through
   * gzip to a temp file and renamed; the oldest beyond {@link KEPT_HEADS_LISTS} are removed.
   */
  async saveHeads(headsDigest: string, heads: readonly CheckpointHead[]): Promise<void> {
    if (!DIGEST.test(headsDigest)) throw new Error('headsDigest must be a SHA-256 hex digest');
    const dir = this.headsDir;
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${headsDigest}.json.gz`);
    await pipeline(
      Readable.from(headsJsonLines(heads)),
      createGzip(),
      createWriteStream(`${file}.tmp`, { mode: 0o644 }),
    );
    await rename(`${file}.tmp`, file);
    const kept = await Promise.all(
      (await readdir(dir))
        .filter((name) => name.endsWith('.json.gz'))
        .map(async (name) => ({ name, mtime: (await stat(join(dir, name))).mtimeMs })),
    );
    kept.sort((a, b) => b.mtime - a.mtime);
    await Promise.all(kept.slice(KEPT_HEADS_LISTS).map(({ name }) => rm(join(dir, name), { force: true })));
  }

  /** Read a line at a time, in turns; undefined when missing, unreadable or not a sorted list of well-formed heads. */
  async headsOf(headsDigest: string): Promise<readonly CheckpointHead[] | undefined> {
    if (!DIGEST.test(headsDigest)) return undefined;
    try {
      return await parseHeadsJson(await gunzipped(await readFile(join(this.headsDir, `${headsDigest}.json.gz`))));
    } catch {
      return undefined;
    }
  }

  private async ids(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      return names
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Files that are not signed checkpoints (a stray copy, a partial write) are skipped. */
  private async read(id: string): Promise<SignedCheckpoint | undefined> {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8'));
      return isSignedCheckpoint(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}
