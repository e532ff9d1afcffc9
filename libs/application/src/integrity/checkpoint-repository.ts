import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSignedCheckpoint, SignedCheckpoint } from './checkpoint';

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
}

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
  constructor(private readonly dir: string) {}

  async save(signed: SignedCheckpoint): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const base = signed.checkpoint.createdAt.replace(/:/g, '-');
    for (let n = 0; ; n += 1) {
      const id = n === 0 ? base : `${base}.${n}`;
      try {
        await writeFile(join(this.dir, `${id}.json`), JSON.stringify(signed, null, 2) + '\n', { flag: 'wx', mode: 0o644 });
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

  private async ids(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort();
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
