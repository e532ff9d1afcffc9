/**
 * Fakes for the query-service specs: a read-model store answering `get` / `find` over documents
 * folded by the projection specs, with mingo (the MongoDB query language in JavaScript, as in the
 * embedded adapter) and the adapters' own argument guard, so a filter that either adapter would
 * refuse fails here too.
 */
import { find, Query } from 'mingo';
import { assertFindOptions, stableSort } from '@xj/application';
import type {
  FindOptions,
  ReadModelDocument,
  ReadModelFreshness,
  ReadModelStore,
  StreamOptions,
  Write,
} from '@xj/application';

export class InMemoryReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, Map<string, ReadModelDocument>>();
  /** Every find, for assertions on what a query asked. */
  readonly finds: { readonly projection: string; readonly collection: string; readonly options: FindOptions }[] = [];

  /** Loads folded documents (keys `<collection>/<id>`, as the projection spec helper keeps them). */
  load(projection: string, documents: ReadonlyMap<string, ReadModelDocument>): this {
    for (const [key, doc] of documents) {
      const collection = key.slice(0, key.indexOf('/'));
      const name = `${projection}/${collection}`;
      const docs = this.collections.get(name) ?? new Map<string, ReadModelDocument>();
      docs.set(doc._id, doc);
      this.collections.set(name, docs);
    }
    return this;
  }

  get(projection: string, collection: string, id: string): Promise<ReadModelDocument | undefined> {
    return Promise.resolve(this.collections.get(`${projection}/${collection}`)?.get(id));
  }

  find(
    projection: string,
    collection: string,
    options: FindOptions = {},
  ): Promise<{ readonly items: ReadModelDocument[]; readonly total: number }> {
    assertFindOptions(options);
    this.finds.push({ projection, collection, options });
    const query = new Query(options.filter ?? {});
    const matches = [...(this.collections.get(`${projection}/${collection}`)?.values() ?? [])].filter((doc) =>
      query.test(doc),
    );
    if (options.limit === 0) return Promise.resolve({ items: [], total: matches.length });
    let cursor = find(matches, {}).sort(stableSort(options.sort));
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return Promise.resolve({ items: cursor.all() as ReadModelDocument[], total: matches.length });
  }

  /** `find` without paging, in batches. */
  async *stream(
    projection: string,
    collection: string,
    options: StreamOptions = {},
  ): AsyncGenerator<ReadModelDocument[]> {
    const { items } = await this.find(projection, collection, { filter: options.filter, sort: options.sort });
    const size = Math.max(1, options.batchSize ?? 500);
    for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
  }

  private unused(): never {
    throw new Error('not used by the query services');
  }
  /** Writes documents (the query services' own records, e.g. read marks); checkpoints are not kept. */
  commit(projection: string, _version: number, writes: readonly Write[]): Promise<void> {
    for (const write of writes) {
      const name = `${projection}/${write.collection}`;
      const docs = this.collections.get(name) ?? new Map<string, ReadModelDocument>();
      if ('delete' in write) docs.delete(write.id);
      else docs.set(write.id, write.doc);
      this.collections.set(name, docs);
    }
    return Promise.resolve();
  }
  checkpoint(): Promise<bigint | undefined> {
    return this.unused();
  }
  activeVersion(): Promise<number | undefined> {
    return this.unused();
  }
  setActiveVersion(): Promise<void> {
    return this.unused();
  }
  dropVersion(): Promise<void> {
    return this.unused();
  }
  park(): Promise<void> {
    return this.unused();
  }
  parked(): Promise<never[]> {
    return this.unused();
  }
  unpark(): Promise<void> {
    return this.unused();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Answers every wait with `reached` and records the calls. */
export class FakeFreshness implements ReadModelFreshness {
  readonly calls: { readonly position: bigint; readonly timeoutMs: number }[] = [];
  constructor(public reached = true) {}
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    this.calls.push({ position, timeoutMs });
    return Promise.resolve(this.reached);
  }
}
