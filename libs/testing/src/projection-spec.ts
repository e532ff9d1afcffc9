import { DocKey, JsonObject, ProjectedEvent, Projection, ReadModelDocument } from '@xj/application';

/**
 * Given-When-Then for projections:
 *   const log = new EventLog(); log.append('clue-c1', events);
 *   await projectionSpec(projection).given(log.events).then({ collection: 'clues', id: 'c1' }, expectedDocument);
 *   await projectionSpec(projection).given(log.events).thenReplayChangesNothing();
 *
 * Events are folded the way the projection runner does it: keys() then apply() per key, with an
 * in-memory DocReader that sees earlier writes, `_id` / `_position` set on every write, and an
 * event skipped for a document whose `_position` is at or after it (at-least-once delivery).
 * Stored documents are deep-frozen, so a projection that mutates `doc` fails the test, and every
 * written document must survive a JSON round trip unchanged (no undefined, no bigint).
 */

export type DocumentMap = Map<string, ReadModelDocument>;

export const docId = (key: DocKey): string => `${key.collection}/${key.id}`;

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value as object).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

/** Builds ProjectedEvents with per-stream revisions and increasing, non-dense global positions. */
export class EventLog {
  readonly events: ProjectedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private position: bigint;

  constructor(
    start = 1_000n,
    private readonly step = 7n,
  ) {
    this.position = start;
  }

  /** Appends domain events (`{ type, data }`) to a stream `<category>-<id>`; returns the new ones. */
  append(streamId: string, events: readonly { readonly type: string; readonly data: object }[]): ProjectedEvent[] {
    const dash = streamId.indexOf('-');
    const category = streamId.slice(0, dash);
    const added = events.map((event) => {
      const revision = this.revisions.get(streamId) ?? 0n;
      this.revisions.set(streamId, revision + 1n);
      this.position += this.step;
      const data = event.data as { at?: unknown; by?: { userId: string; role: string; orgId: string } };
      return {
        streamId,
        category,
        aggregateId: streamId.slice(dash + 1),
        revision,
        position: this.position,
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)) as JsonObject,
        recordedAt: typeof data.at === 'string' ? new Date(data.at).toISOString() : '2026-01-01T00:00:00.000Z',
        actor: data.by ?? { userId: 'system', role: 'System', orgId: 'system' },
      };
    });
    this.events.push(...added);
    return added;
  }
}

/** Folds events through a projection onto `docs` (a fresh map by default); returns the map. */
export const foldProjection = async (
  projection: Projection,
  events: readonly ProjectedEvent[],
  docs: DocumentMap = new Map(),
): Promise<DocumentMap> => {
  const read = (key: DocKey) => Promise.resolve(docs.get(docId(key)));
  for (const event of events) {
    if (!projection.categories.includes(event.category)) continue;
    for (const key of await projection.keys(event, read)) {
      const current = docs.get(docId(key));
      if (current !== undefined && BigInt(current._position) >= event.position) continue;
      const next = await projection.apply(current, event, key, read);
      if (next === undefined) {
        docs.delete(docId(key));
        continue;
      }
      const written = { ...next, _id: key.id, _position: event.position.toString() };
      const roundTripped = JSON.parse(JSON.stringify(written)) as ReadModelDocument;
      expect(roundTripped).toStrictEqual(written);
      docs.set(docId(key), deepFreeze(roundTripped));
    }
  }
  return docs;
};

/** A document without the runner's bookkeeping, for comparisons. */
export const withoutBookkeeping = (doc: ReadModelDocument | undefined): JsonObject | undefined => {
  if (doc === undefined) return undefined;
  const { _id: _ignored, _position: _alsoIgnored, ...rest } = doc;
  return rest;
};

export const projectionSpec = (projection: Projection) => ({
  given: (events: readonly ProjectedEvent[]) => {
    const fold = () => foldProjection(projection, events);
    return {
      /** Asserts the whole document (without `_id` / `_position`); `undefined` = no document. */
      then: async (key: DocKey, expected: Record<string, unknown> | undefined): Promise<void> => {
        expect(withoutBookkeeping((await fold()).get(docId(key)))).toEqual(expected);
      },
      /** Asserts the fields given, and returns the document for further checks. */
      thenMatch: async (key: DocKey, expected: Record<string, unknown>): Promise<JsonObject> => {
        const doc = withoutBookkeeping((await fold()).get(docId(key)));
        expect(doc).toMatchObject(expected);
        return doc as JsonObject;
      },
      /** The document as stored (with `_id` and `_position`). */
      document: async (key: DocKey): Promise<ReadModelDocument | undefined> => (await fold()).get(docId(key)),
      /** Every document of a collection, by id. */
      collection: async (collection: string): Promise<Map<string, ReadModelDocument>> =>
        new Map(
          [...(await fold()).entries()]
            .filter(([id]) => id.startsWith(`${collection}/`))
            .map(([, d]) => [d._id, d] as const),
        ),
      /**
       * "Run it twice": delivering every event again, or again from any point on (at-least-once
       * redelivery after a crash), changes nothing; a rebuild gives the same documents; and when
       * any single document lags behind the others (MongoDB saves documents one by one, and the
       * checkpoint after them), redelivery brings it level with the rest.
       */
      thenReplayChangesNothing: async (): Promise<void> => {
        const final = await fold();
        const snapshot = new Map(final);
        const step = Math.max(1, Math.floor(events.length / 5));
        for (let from = 0; from < events.length; from += step) {
          await foldProjection(projection, events.slice(from), final);
          expect(final).toEqual(snapshot);
        }
        expect(await fold()).toEqual(snapshot);
        for (let cut = 0; cut < events.length; cut += step) {
          const earlier = await foldProjection(projection, events.slice(0, cut));
          for (const id of snapshot.keys()) {
            const mixed = new Map(snapshot);
            const lagging = earlier.get(id);
            if (lagging === undefined) mixed.delete(id);
            else mixed.set(id, lagging);
            expect(await foldProjection(projection, events.slice(cut), mixed)).toEqual(snapshot);
          }
        }
      },
    };
  },
});
