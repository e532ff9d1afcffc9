import { FindOptions, ReadModelDocument, stableSort } from '@xj/application';
import { Query } from 'mingo';
import { prefilter, sortDocuments } from './in-memory-query';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** A parsed document, frozen so that no caller can change what later queries see. */
export const parseDocument = (json: string): ReadModelDocument => deepFreeze(JSON.parse(json) as ReadModelDocument);

/**
 * The parsed documents of one (projection, version, collection), loaded on its first query and
 * kept current by the store's commits (write-through). Filters are evaluated with mingo, the
 * MongoDB query language in JavaScript, so the embedded store answers the same filters as
 * MongoDB does; sorting follows MongoDB's order of types (in-memory-query.ts).
 */
export class CollectionCache {
  private readonly docs = new Map<string, ReadModelDocument>();

  constructor(rows: Iterable<{ readonly id: string; readonly json: string }>) {
    for (const row of rows) this.docs.set(row.id, parseDocument(row.json));
  }

  get(id: string): ReadModelDocument | undefined {
    return this.docs.get(id);
  }

  put(id: string, doc: ReadModelDocument | undefined): void {
    if (doc === undefined) this.docs.delete(id);
    else this.docs.set(id, doc);
  }

  get size(): number {
    return this.docs.size;
  }

  find(options: FindOptions): { items: ReadModelDocument[]; total: number } {
    const filter = options.filter ?? {};
    const query = new Query(filter);
    const candidate = prefilter(filter);
    const matches: ReadModelDocument[] = [];
    for (const doc of this.docs.values()) if ((candidate === undefined || candidate(doc)) && query.test(doc)) matches.push(doc);
    // Like MongoDB, limit 0 would mean "no limit" to mingo; the port means "no items".
    if (options.limit === 0) return { items: [], total: matches.length };
    const sorted = sortDocuments(matches, stableSort(options.sort));
    const start = options.skip ?? 0;
    return { items: sorted.slice(start, options.limit === undefined ? undefined : start + options.limit), total: matches.length };
  }
}
