import { FindOptions, ReadModelDocument, stableSort } from '@xj/application';
import { Query } from 'mingo';
import { exactMatch } from './exact-match';
import { prefilter, sortedPage } from './in-memory-query';

/** Freezes `value` and everything in it (no list of values per object: every document read passes here). */
const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const child of value) if (typeof child === 'object' && child !== null) deepFreeze(child);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) deepFreeze(child);
    }
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

  // Filled by put() (a collection's load, then the commits). Documents are frozen when first handed
  // out, not when loaded: the first query of a large collection (after a restart) parses every
  // document but returns a page of them.

  get(id: string): ReadModelDocument | undefined {
    const doc = this.docs.get(id);
    return doc === undefined ? undefined : deepFreeze(doc);
  }

  /** A committed document, as stored (`undefined`: deleted). */
  put(id: string, json: string | undefined): void {
    if (json === undefined) this.docs.delete(id);
    else this.docs.set(id, JSON.parse(json) as ReadModelDocument);
  }

  get size(): number {
    return this.docs.size;
  }

  find(options: FindOptions): { items: ReadModelDocument[]; total: number } {
    const filter = options.filter ?? {};
    const matches: ReadModelDocument[] = [];
    const query = new Query(filter);
    const exact = exactMatch(filter);
    if (exact !== undefined) {
      for (const doc of this.docs.values()) {
        const matched = exact(doc);
        if (matched === true || (matched === undefined && query.test(doc))) matches.push(doc);
      }
    } else {
      const candidate = prefilter(filter);
      for (const doc of this.docs.values())
        if ((candidate === undefined || candidate(doc)) && query.test(doc)) matches.push(doc);
    }
    // Like MongoDB, limit 0 would mean "no limit" to mingo; the port means "no items".
    if (options.limit === 0) return { items: [], total: matches.length };
    const items = sortedPage(matches, stableSort(options.sort), options.skip ?? 0, options.limit);
    return { items: items.map(deepFreeze), total: matches.length };
  }
}
