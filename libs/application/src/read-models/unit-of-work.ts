import { JsonObject } from '../event-store/event-store.types';
import { CachedDocument, DocumentCache, WrittenIds, docKeyString } from './document-cache';
import { DocKey, DocReader, Projection, ProjectedEvent, ReadModelDocument } from './projection';
import { ReadModelStore, Write } from './read-model-store.port';

/** One projection version being written: what a unit of work reads and writes through. */
export interface ProjectionTarget {
  readonly store: ReadModelStore;
  readonly projection: Projection;
  readonly version: number;
  readonly cache: DocumentCache;
  /**
   * Set while a version is built from position 0 into an empty store: every document that
   * exists was written by this build, so a document missing from the unit, the cache and this set
   * does not exist, and the store need not be asked (a replay's many first events).
   */
  readonly written?: WrittenIds;
}

interface StagedWrite {
  readonly key: DocKey;
  readonly doc: CachedDocument;
  /** Decimal global position the write reflects. */
  readonly position: string;
}

/**
 * `next` as it is when the projection built it afresh (not `doc` itself) with `_id` and `_position`
 * already right (see stampFresh): no copy needed.
 */
const stamped = (
  next: JsonObject,
  doc: ReadModelDocument | undefined,
  id: string,
  position: string,
): ReadModelDocument | undefined =>
  next !== doc && next._id === id && next._position === position ? (next as ReadModelDocument) : undefined;

/**
 * Orders two decimal positions without parsing them (every document of a replay is compared):
 * canonical decimals (what bigint.toString writes) compare by length, then as text.
 */
const comparePositions = (a: string, b: string): number => {
  if ((a.length > 1 && a.startsWith('0')) || (b.length > 1 && b.startsWith('0'))) {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
};

/**
 * How an event meets documents that already reflect it:
 * - 'skip-reflected': the normal path; a document whose `_position` is ≥ the event's position
 *   already reflects it (at-least-once redelivery), so the event is not applied to it again;
 * - 'reapply': for a parked event being retried; later events were applied to its documents
 *   while it was parked, so it is applied on top of them and `_position` keeps the newer value.
 */
export type ApplyMode = 'skip-reflected' | 'reapply';

/**
 * A batch of one projection version: reads go to the batch's own writes, then the runner's
 * cache, then the store; writes are buffered, one per document (the last wins), and handed to
 * the store in one commit. An event's writes are staged only when all of its keys applied, so
 * an event that throws leaves the batch as it was.
 */
export class UnitOfWork {
  private readonly pending = new Map<string, StagedWrite>();

  constructor(private readonly target: ProjectionTarget) {}

  readonly read: DocReader = async (key) => {
    const id = docKeyString(key);
    const known = this.lookup(id);
    return known === undefined ? this.load(key, id) : (known ?? undefined);
  };

  /** What the batch, the cache or the written ids know, without I/O: undefined = not known, null = absent. */
  private lookup(id: string): CachedDocument | undefined {
    const staged = this.pending.get(id);
    if (staged !== undefined) return staged.doc;
    const cached = this.target.cache.get(id);
    if (cached !== undefined) return cached;
    const { written } = this.target;
    return written !== undefined && !written.mayHave(id) ? null : undefined;
  }

  private async load(key: DocKey, id: string): Promise<ReadModelDocument | undefined> {
    const { store, projection, version } = this.target;
    const doc = await store.get(projection.name, key.collection, key.id, version);
    this.target.cache.set(id, doc ?? null);
    return doc;
  }

  async apply(event: ProjectedEvent, mode: ApplyMode): Promise<void> {
    const { projection } = this.target;
    const staged = new Map<string, StagedWrite>();
    const read: DocReader = async (key) => {
      const own = staged.get(docKeyString(key));
      return own === undefined ? this.read(key) : (own.doc ?? undefined);
    };
    const keys = await projection.keys(event, read);
    const eventPosition = event.position.toString();
    for (const key of keys) {
      if (!projection.collections.includes(key.collection)) {
        throw new Error(`Projection ${projection.name} wrote to undeclared collection ${key.collection}.`);
      }
      const id = docKeyString(key);
      if (staged.has(id)) continue;
      // The hot path of a replay: most documents are in the cache, so no promise for them.
      const known = this.lookup(id);
      const doc = known === undefined ? await this.load(key, id) : (known ?? undefined);
      const order = doc === undefined ? -1 : comparePositions(doc._position, eventPosition);
      if (order >= 0 && mode === 'skip-reflected') continue;
      const next = await projection.apply(doc, event, key, read);
      if (next === undefined && doc === undefined) continue;
      const position = order > 0 ? (doc as ReadModelDocument)._position : eventPosition;
      const written: CachedDocument =
        next === undefined
          ? null
          : (stamped(next, doc, key.id, position) ?? { ...next, _id: key.id, _position: position });
      staged.set(id, { key, doc: written, position });
    }
    for (const [id, write] of staged) this.pending.set(id, write);
  }

  writes(): Write[] {
    return [...this.pending.values()].map(({ key, doc, position }) =>
      doc === null
        ? { collection: key.collection, id: key.id, delete: true as const, position }
        : { collection: key.collection, id: key.id, doc },
    );
  }

  /** Call after the store committed {@link writes}: the runner's cache learns them. */
  committed(): void {
    const { cache, written } = this.target;
    for (const [id, write] of this.pending) {
      cache.set(id, write.doc);
      written?.add(id);
    }
  }
}
