import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject, Projection } from '@xj/application';

/**
 * Tiny projections for the runner's tests.
 * - `clue-counts` (clue): one document per clue counting its events; `Withdrawn` deletes it;
 *   an event with `poison: true` throws until `poison.cured` is set.
 * - `referral-index` (clue, referral): per clue the referrals that point at it, found through
 *   a second collection (referral → clue), to exercise reads of other documents.
 */
export const poison = { cured: false };

export const clueCounts = (version = 1): Projection => ({
  name: 'clue-counts',
  version,
  collections: ['clues'],
  categories: ['clue'],
  indexes: { clues: [{ county: 1, count: -1 }] },
  keys: async (event) => [{ collection: 'clues', id: event.aggregateId }],
  apply: async (doc, event) => {
    if (event.data.poison === true && !poison.cured) throw new Error(`cannot project ${event.type}`);
    if (event.type === 'Withdrawn') return undefined;
    const count = typeof doc?.count === 'number' ? doc.count : 0;
    return {
      county: typeof event.data.county === 'string' ? event.data.county : (doc?.county ?? null),
      count: count + 1,
      lastType: event.type,
      history: [...(Array.isArray(doc?.history) ? doc.history : []), event.type],
    };
  },
});

export const referralIndex = (version = 1): Projection => ({
  name: 'referral-index',
  version,
  collections: ['byClue', 'referrals'],
  categories: ['clue', 'referral'],
  keys: async (event, read) => {
    if (event.category === 'clue')
      return event.type === 'Registered' ? [{ collection: 'byClue', id: event.aggregateId }] : [];
    const clueId =
      typeof event.data.clueId === 'string'
        ? event.data.clueId
        : (await read({ collection: 'referrals', id: event.aggregateId }))?.clueId;
    return typeof clueId === 'string'
      ? [
          { collection: 'referrals', id: event.aggregateId },
          { collection: 'byClue', id: clueId },
        ]
      : [];
  },
  apply: async (doc, event, key, read): Promise<JsonObject | undefined> => {
    if (key.collection === 'referrals') {
      return {
        clueId: typeof event.data.clueId === 'string' ? event.data.clueId : (doc?.clueId ?? null),
        status: event.type,
      };
    }
    if (event.category === 'clue') return { referrals: [] };
    const referral = await read({ collection: 'referrals', id: event.aggregateId });
    const before = Array.isArray(doc?.referrals) ? (doc.referrals as readonly JsonObject[]) : [];
    const others = before.filter((entry) => entry.id !== event.aggregateId);
    return {
      referrals: [...others, { id: event.aggregateId, status: event.type, knownBefore: referral !== undefined }],
    };
  },
});

export const appendEvent = async (
  store: EventStore,
  streamId: string,
  type: string,
  data: JsonObject = {},
): Promise<bigint> => {
  const result = await store.append(
    streamId,
    [
      {
        eventId: randomUUID(),
        type,
        data,
        metadata: {
          schemaVersion: 1,
          actor: { userId: 'u-1', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
          commandId: randomUUID(),
          correlationId: 'corr',
          causationId: 'cause',
        },
      },
    ],
    'any',
  );
  return result.position;
};
