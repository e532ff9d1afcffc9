import { Projection } from './projection';

/**
 * Whether an event of `category` and `type` goes to `projection`: one of its categories and, where
 * it names the types it reads of that category (Projection.typesOf), one of those. Worked out once
 * per projection: every event of a replay asks.
 */
export const readsEvent = (projection: Projection): ((category: string, type: string) => boolean) => {
  const categories = new Set(projection.categories);
  const types = new Map(Object.entries(projection.typesOf ?? {}).map(([category, list]) => [category, new Set(list)]));
  return (category, type) => categories.has(category) && (types.get(category)?.has(type) ?? true);
};
