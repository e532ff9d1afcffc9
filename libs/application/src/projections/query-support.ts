import { ReadModelDocument } from '../read-models/projection';
import { Filter, ReadModelStore } from '../read-models/read-model-store.port';
import { FRESHNESS_TIMEOUT_MS, ReadModelFreshness } from './read-model-freshness';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** Paging, sorting and read-your-writes, common to every list query. */
export interface PageRequest {
  /** 1–100, default 20 (clamped here too, behind the DTO). */
  readonly limit?: number;
  readonly skip?: number;
  /** A whitelisted field, `-field` for descending. */
  readonly sort?: string;
  /** The global position a command returned: wait (≤ 2 s) for the read model to reach it. */
  readonly minPosition?: bigint;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly skip: number;
  /** True when `minPosition` was given and the read model had not reached it within 2 s. */
  readonly stale: boolean;
}

export const pageOf = (request: PageRequest): { limit: number; skip: number } => ({
  limit: Math.min(MAX_LIMIT, Math.max(1, Math.trunc(request.limit ?? DEFAULT_LIMIT))),
  skip: Math.max(0, Math.trunc(request.skip ?? 0)),
});

/** All given clauses (undefined ones dropped). */
export const and = (...clauses: (Filter | undefined)[]): Filter => {
  const present = clauses.filter((c): c is Filter => c !== undefined && Object.keys(c).length > 0);
  if (present.length === 0) return {};
  return present.length === 1 ? (present[0] as Filter) : { $and: present };
};

/** A sort from a whitelisted field name (`-` prefix = descending); `_id` breaks ties so pages are stable. */
/**
 * `field` equals the value, or one of the values (`$in`: served by mingo and MongoDB alike, see the
 * read-model store contract). No value or an empty list filters nothing, as `?status=` on the inbox.
 */
export const oneOf = (field: string, value: string | readonly string[] | undefined): Filter | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { [field]: value };
  if (value.length === 0) return undefined;
  return value.length === 1 ? { [field]: value[0] } : { [field]: { $in: [...value] } };
};

export const sortOf = (
  sort: string | undefined,
  allowed: readonly string[],
  fallback: string,
): Record<string, 1 | -1> => {
  const requested = sort !== undefined && allowed.includes(sort.replace(/^-/, '')) ? sort : fallback;
  const field = requested.replace(/^-/, '');
  return { [field]: requested.startsWith('-') ? -1 : 1, _id: 1 };
};

/**
 * A stored document read as its type, without a copy: for aggregations over whole collections,
 * whose documents never leave the server (what does goes through {@link publicFields}).
 */
export const fieldsOf = <T>(doc: ReadModelDocument): T => doc as unknown as T;

/** A stored document without the store's bookkeeping fields. */
export const publicFields = <T>(doc: ReadModelDocument): T => {
  const { _id: _ignored, _position: _alsoIgnored, ...rest } = doc;
  return rest as unknown as T;
};

/**
 * Every matching document (for statistics and exports, never for HTTP paging), in one query: they
 * all end up in memory anyway, and paging with skip made each page filter and sort the whole
 * collection again (quadratic: 12 s for the statistics of 50,000 clues), besides letting a
 * commit between pages shift documents across them.
 */
export const findAll = async (
  store: ReadModelStore,
  projection: string,
  collection: string,
  filter: Filter,
  sort: Readonly<Record<string, 1 | -1>> = { _id: 1 },
): Promise<ReadModelDocument[]> => (await store.find(projection, collection, { filter, sort })).items;

/** A ledger's lines for an export: whether the read model may be stale, and the lines in batches (read once). */
export interface LedgerRows<T> {
  readonly stale: boolean;
  readonly batches: AsyncIterable<readonly T[]>;
}

/** Each batch of documents turned into lines as it arrives. */
export async function* mapBatches<T>(
  batches: AsyncIterable<readonly ReadModelDocument[]>,
  line: (doc: ReadModelDocument) => T,
): AsyncGenerator<readonly T[]> {
  for await (const batch of batches) yield batch.map(line);
}

/** Waits for `minPosition` when given; answers whether the result may be stale. */
export const awaitFreshness = async (
  freshness: ReadModelFreshness,
  minPosition: bigint | undefined,
): Promise<boolean> =>
  minPosition === undefined ? false : !(await freshness.waitFor(minPosition, FRESHNESS_TIMEOUT_MS));

/** True when a due date has passed (the due date itself is still in time, as isOverdue in the domain). */
export const pastDue = (dueOn: string | undefined, today: string): boolean => dueOn !== undefined && today > dueOn;

/** Filter for "overdue" / "not overdue" on a due-date field, as of `today`. */
export const overdueFilter = (field: string, overdue: boolean | undefined, today: string): Filter | undefined => {
  if (overdue === undefined) return undefined;
  return overdue
    ? { [field]: { $lt: today } }
    : { $or: [{ [field]: { $exists: false } }, { [field]: { $gte: today } }] };
};
