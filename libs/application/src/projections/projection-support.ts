import { LocalDate, localDateOf } from '@xj/domain';
import { JsonObject, JsonValue } from '../event-store/event-store.types';
import { DocKey, Projection, ProjectedEvent } from '../read-models/projection';

/** A projection that declares the indexes its queries need (every case read model does). */
export type IndexedProjection = Projection & Required<Pick<Projection, 'indexes'>>;

/**
 * The stored event as the domain typed it. The payload is trusted: `decide` validated it before it
 * was appended, and stored payloads never change (STYLE.md).
 */
export const domainEvent = <E extends { readonly type: string }>(event: ProjectedEvent): E =>
  ({ type: event.type, data: event.data }) as unknown as E;

/** Changes to a document; `undefined` removes the field, so documents stay plain JSON. */
export type Patch = { readonly [key: string]: JsonValue | undefined };

/** A new document with the changes applied; never mutates `doc`. */
export const patch = (doc: JsonObject | undefined, changes: Patch): JsonObject => {
  const next: Record<string, JsonValue> = { ...(doc ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
};

/** Copies only the defined values (for nested objects built from optional domain fields). */
export const defined = (fields: Patch): JsonObject => patch(undefined, fields);

/** Domain data (readonly arrays, optional fields already removed) as a JSON value. */
export const json = <T>(value: T): JsonValue => value as unknown as JsonValue;

/** `panjin/dawa/xinkai` → `panjin/dawa`; a city-level region is its own "county" bucket. */
export const countyOf = (regionId: string): string => regionId.split('/').slice(0, 2).join('/');

/** China date of an instant (business dates are CST, DOMAIN.md §4.5). */
export const dateOf = (at: string): LocalDate => localDateOf(at);

export const key = (collection: string, id: string): DocKey => ({ collection, id });

/** Reads a string field of a document (documents are JSON, typed at the edges). */
export const text = (doc: JsonObject | undefined, field: string): string | undefined => {
  const value = doc?.[field];
  return typeof value === 'string' ? value : undefined;
};

export const list = <T>(doc: JsonObject | undefined, field: string): readonly T[] => {
  const value = doc?.[field];
  return Array.isArray(value) ? (value as unknown as readonly T[]) : [];
};

export const count = (doc: JsonObject | undefined, field: string): number => {
  const value = doc?.[field];
  return typeof value === 'number' ? value : 0;
};

/** The earliest of some optional dates. */
export const earliest = (dates: readonly (string | undefined)[]): string | undefined =>
  dates.reduce<string | undefined>((min, d) => (d !== undefined && (min === undefined || d < min) ? d : min), undefined);
