import { SubscriptionFilter } from '../event-store/event-store.types';
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

/**
 * What a feed serving `projections` asks its subscription for: the union of their categories and,
 * per category, the union of their types where every one of them reading it names its types
 * (Projection.typesOf). Undefined (every event) when one reads every category.
 */
export const feedFilter = (projections: readonly Projection[]): SubscriptionFilter | undefined => {
  if (projections.length === 0 || projections.some((projection) => projection.categories.length === 0))
    return undefined;
  const categories = [...new Set(projections.flatMap((projection) => projection.categories))].sort();
  const types: Record<string, readonly string[]> = {};
  for (const category of categories) {
    const lists = projections
      .filter((projection) => projection.categories.includes(category))
      .map((projection) => projection.typesOf?.[category]);
    if (lists.every((list) => list !== undefined)) types[category] = [...new Set(lists.flat())].sort();
  }
  return Object.keys(types).length === 0 ? { categories } : { categories, types };
};
