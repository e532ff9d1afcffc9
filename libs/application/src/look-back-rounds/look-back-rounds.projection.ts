import { LOOK_BACK_ROUND_CATEGORY, LookBackRoundLaunched, RECTIFICATION_CATEGORY } from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { IndexedProjection, key, patch, stampFresh, text } from '../projections/projection-support';

export const LOOK_BACK_ROUNDS = 'look-back-rounds';
/** One document per round: each of its items' look-back state. */
export const ROUNDS = 'rounds';
/** Item → the round it was last assigned to. */
export const ROUND_ITEMS = 'round-items';

/** Where an item of a round stands: assigned, its look-back scheduled, passed, or failed (problems found). */
export type RoundItemState = 'Assigned' | 'Scheduled' | 'Passed' | 'Failed';

export interface RoundDocument {
  readonly roundId: string;
  readonly items: Readonly<Record<string, RoundItemState>>;
}

const ITEM_TYPES: readonly string[] = ['LookBackScheduled', 'LookBackCompleted'];

const itemsOf = (doc: JsonObject | undefined): Record<string, RoundItemState> => ({
  ...((doc?.['items'] as Record<string, RoundItemState> | undefined) ?? {}),
});

/**
 * 回头看 round progress (issue 17: assigned / done / problems found), from the round's stream and
 * the look-backs of its items (LookBackScheduled, LookBackCompleted after the launch). Reads
 * across streams through the item index, so it is built by the feed in global order.
 */
export const lookBackRoundsProjection: IndexedProjection = {
  name: LOOK_BACK_ROUNDS,
  version: 1,
  collections: [ROUNDS, ROUND_ITEMS],
  categories: [LOOK_BACK_ROUND_CATEGORY, RECTIFICATION_CATEGORY],
  typesOf: { [RECTIFICATION_CATEGORY]: ITEM_TYPES },
  indexes: { [ROUNDS]: [], [ROUND_ITEMS]: [] },
  keys: async (event, read) => {
    if (event.category === LOOK_BACK_ROUND_CATEGORY && event.type === 'LookBackRoundLaunched') {
      const itemIds = (event.data as unknown as LookBackRoundLaunched['data']).itemIds;
      return [key(ROUNDS, event.aggregateId), ...itemIds.map((id) => key(ROUND_ITEMS, id))];
    }
    if (event.category !== RECTIFICATION_CATEGORY || !ITEM_TYPES.includes(event.type)) return [];
    const roundId = text(await read(key(ROUND_ITEMS, event.aggregateId)), 'roundId');
    return roundId === undefined ? [] : [key(ROUNDS, roundId)];
  },
  apply: (doc, event, target) => {
    if (event.category === LOOK_BACK_ROUND_CATEGORY) {
      if (target.collection === ROUND_ITEMS)
        return Promise.resolve(stampFresh(doc, patch(doc, { roundId: event.aggregateId }), target, event));
      const itemIds = (event.data as unknown as LookBackRoundLaunched['data']).itemIds;
      const items = Object.fromEntries(itemIds.map((id) => [id, 'Assigned']));
      return Promise.resolve(stampFresh(doc, patch(doc, { roundId: event.aggregateId, items }), target, event));
    }
    const items = itemsOf(doc);
    if (!(event.aggregateId in items)) return Promise.resolve(doc);
    items[event.aggregateId] =
      event.type === 'LookBackScheduled' ? 'Scheduled' : event.data['result'] === 'Pass' ? 'Passed' : 'Failed';
    return Promise.resolve(stampFresh(doc, patch(doc, { items }), target, event));
  },
};
