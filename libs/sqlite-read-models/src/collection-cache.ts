import { FindOptions, ReadModelDocument, stableSort } from '@xj/application';
import { Query } from 'mingo';
import { exactMatch } from './exact-match';
import { fieldValue as sortValue, prefilter, sortedPage } from './in-memory-query';

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
  // Filled by put() (a collection's load, then the commits). Documents are frozen when first handed
  // out, not when loaded: the first query of a large collection (after a restart) parses every
  // document but returns a page of them.
  private readonly rows: ReadModelDocument[] = [];
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  /**
   * The values of each field a filter tested, row by row (kept current by put()): a match reads a
   * packed array instead of a property of each of 50,000 documents of as many shapes (issue 16:
   * at 50,000 ledger lines that lookup was most of a ledger query's time).
   */
  private readonly columns = new Map<string, unknown[]>();

  get(id: string): ReadModelDocument | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : deepFreeze(this.rows[row] as ReadModelDocument);
  }

  /** A committed document, as stored (`undefined`: deleted). */
  put(id: string, json: string | undefined): void {
    const row = this.rowOf.get(id);
    if (json === undefined) {
      if (row !== undefined) this.remove(id, row);
      return;
    }
    const doc = JSON.parse(json) as ReadModelDocument;
    const at = row ?? this.rows.length;
    if (row === undefined) {
      this.rowOf.set(id, at);
      this.ids[at] = id;
    }
    this.rows[at] = doc;
    for (const [field, values] of this.columns) values[at] = doc[field];
  }

  get size(): number {
    return this.rows.length;
  }

  find(options: FindOptions): { items: ReadModelDocument[]; total: number } {
    const filter = options.filter ?? {};
    const matches: number[] = [];
    const query = new Query(filter);
    const exact = exactMatch<number>(filter, (field) => {
      const values = this.column(field);
      return (row) => values[row];
    });
    const rows = this.rows;
    if (exact !== undefined) {
      for (let row = 0; row < rows.length; row++) {
        const matched = exact(row);
        if (matched === true || (matched === undefined && query.test(rows[row] as ReadModelDocument)))
          matches.push(row);
      }
    } else {
      const candidate = prefilter(filter);
      for (let row = 0; row < rows.length; row++) {
        const doc = rows[row] as ReadModelDocument;
        if ((candidate === undefined || candidate(doc)) && query.test(doc)) matches.push(row);
      }
    }
    // Like MongoDB, limit 0 would mean "no limit" to mingo; the port means "no items".
    if (options.limit === 0) return { items: [], total: matches.length };
    // Top-level sort fields are read from their columns too; a dotted path from the document.
    const page = sortedPage(matches, stableSort(options.sort), options.skip ?? 0, options.limit, (path) => {
      if (path.includes('.')) return (row: number) => sortValue(rows[row] as ReadModelDocument, path);
      const values = this.column(path);
      return (row: number) => values[row];
    });
    return { items: page.map((row) => deepFreeze(rows[row] as ReadModelDocument)), total: matches.length };
  }

  private column(field: string): unknown[] {
    let values = this.columns.get(field);
    if (values === undefined) {
      values = this.rows.map((doc) => doc[field]);
      this.columns.set(field, values);
    }
    return values;
  }

  /** The last row takes the removed one's place, in every column too. */
  private remove(id: string, row: number): void {
    const last = this.rows.length - 1;
    const movedId = this.ids[last] as string;
    this.rows[row] = this.rows[last] as ReadModelDocument;
    this.rows.pop();
    this.ids[row] = movedId;
    this.ids.pop();
    for (const values of this.columns.values()) {
      values[row] = values[last];
      values.pop();
    }
    this.rowOf.delete(id);
    if (row !== last) this.rowOf.set(movedId, row);
  }
}
