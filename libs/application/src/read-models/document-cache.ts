import { DocKey, ReadModelDocument } from './projection';

/** `null` = known not to exist. */
export type CachedDocument = ReadModelDocument | null;

export const docKeyString = (key: DocKey): string => `${key.collection}\u0000${key.id}`;

/**
 * A bounded cache of one projection version's documents, kept by the runner across batches so
 * that replays read hot documents (a county's statistics, a clue touched by its next event)
 * from memory. It is only ever filled with what the store returned or what a committed batch
 * wrote, and the runner is the only writer of the versions it builds, so it cannot go stale; it
 * is cleared whenever a batch fails.
 *
 * Two generations instead of a strict LRU list: a hit in the young map costs one lookup; when
 * the young map is full it becomes the old one and the previous old one is dropped, and a hit
 * in the old map moves the entry to the young one. It holds at most `capacity` entries.
 */
export class DocumentCache {
  private young = new Map<string, CachedDocument>();
  private old = new Map<string, CachedDocument>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.floor(capacity / 2);
  }

  get(key: string): CachedDocument | undefined {
    // A cache of no capacity holds nothing (a partitioned build's units): no lookups.
    if (this.generation <= 0) return undefined;
    const found = this.young.get(key);
    if (found !== undefined) return found;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: string, doc: CachedDocument): void {
    if (this.generation <= 0) return;
    if (!this.young.has(key) && this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.old.delete(key);
    this.young.set(key, doc);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}

/**
 * The documents a build from position 0 has written, for "does it exist at all?" without asking
 * the store. Kept as 32-bit hashes of the keys, not the keys: a replay writes hundreds of
 * thousands of documents, and a collision only costs a store read that finds nothing.
 */
export class WrittenIds {
  private readonly hashes = new Set<number>();

  add(key: string): void {
    this.hashes.add(fnv1a(key));
  }

  /** False: certainly never written. True: written, or (rarely) a key with the same hash was. */
  mayHave(key: string): boolean {
    return this.hashes.size > 0 && this.hashes.has(fnv1a(key));
  }
}

/** FNV-1a over UTF-16 code units: fast, and spreads the ids of one collection well. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};
