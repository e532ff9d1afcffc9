import { Deadline, LocalDate, isEvidenceAttached, localDateOf } from '@xj/domain';
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

/**
 * Evidence (issue 19 §1) is an overlay of every case kind, recorded in the case's own stream: the
 * case's files are read from that stream (case-evidence.ts) and no read-model line shows them, so
 * such an event touches no line (the case's step functions know only the case's own events).
 */
export const touchesNoLine = (event: ProjectedEvent): boolean => isEvidenceAttached(event);

/** Changes to a document; `undefined` removes the field, so documents stay plain JSON. */
export type Patch = { readonly [key: string]: JsonValue | undefined };

/**
 * A new document with the changes applied; never mutates `doc`. Fields keep their order: changed
 * ones stay in place, new ones follow in the order of `changes`, removed ones go.
 *
 * One copy of the document per patch, and no `delete` on it (which would turn the copy into a
 * slow dictionary object): a replay patches millions of documents.
 */
export const patch = (doc: JsonObject | undefined, changes: Patch): JsonObject => {
  const next: Record<string, JsonValue> = { ...doc };
  let removes = false;
  for (const key in changes) {
    const value = changes[key];
    if (value !== undefined) next[key] = value;
    else if (doc !== undefined && Object.hasOwn(doc, key)) removes = true;
  }
  if (!removes) return next;
  const kept: Record<string, JsonValue> = {};
  for (const key in next) {
    if (!(Object.hasOwn(changes, key) && changes[key] === undefined)) kept[key] = next[key] as JsonValue;
  }
  return kept;
};

/**
 * A due date on a ledger line with its flags (issue 15 §4): `<name>On`, `<name>Provisional` (counted
 * without its year's holiday table; may move when the table arrives) and `<name>NonWorkingDay` (an
 * explicit date kept on a rest day). `undefined` clears all three.
 */
export const due = (name: string, deadline: Deadline | undefined): Patch => ({
  [`${name}On`]: deadline?.dueOn,
  [`${name}Provisional`]: deadline?.provisional,
  [`${name}NonWorkingDay`]: deadline?.nonWorkingDay,
});

/** Copies only the defined values (for nested objects built from optional domain fields). */
export const defined = (fields: Patch): JsonObject => patch(undefined, fields);

/** Domain data (readonly arrays, optional fields already removed) as a JSON value. */
export const json = <T>(value: T): JsonValue => value as unknown as JsonValue;

/** `panjin/dawa/xinkai` → `panjin/dawa`; a city-level region is its own "county" bucket. */
export const countyOf = (regionId: string): string => {
  // Two searches, no arrays: statistics call this for every document of three collections.
  const first = regionId.indexOf('/');
  const second = first < 0 ? -1 : regionId.indexOf('/', first + 1);
  return second < 0 ? regionId : regionId.slice(0, second);
};

/** China date of an instant (business dates are CST, DOMAIN.md §4.5). */
export const dateOf = (at: string): LocalDate => localDateOf(at);

export const key = (collection: string, id: string): DocKey => ({ collection, id });

/**
 * The runner stores every document with `_id` and `_position`, copying it to add them unless they
 * are already right. An apply whose result it has just built (a patch: never `doc` itself, never an
 * object kept elsewhere) stamps that result, which saves the copy — once per document per event in
 * a replay. The runner still checks the stamp (a retried parked event keeps a newer position).
 */
export const stampFresh = (
  doc: JsonObject | undefined,
  next: JsonObject | undefined,
  target: DocKey,
  event: ProjectedEvent,
): JsonObject | undefined => {
  if (next === undefined || next === doc) return next;
  const own = next as Record<string, JsonValue>;
  own._id = target.id;
  own._position = event.position.toString();
  return next;
};

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
  dates.reduce<string | undefined>(
    (min, d) => (d !== undefined && (min === undefined || d < min) ? d : min),
    undefined,
  );
