import { categoryOf } from './append-preparation';
import { SubscriptionFilter } from './event-store.types';

/** The filter's categories, or undefined when it lets every category through. */
export const filteredCategories = (filter: SubscriptionFilter | undefined): readonly string[] | undefined =>
  filter?.categories !== undefined && filter.categories.length > 0 ? filter.categories : undefined;

/**
 * Whether an event goes through the filter (SubscriptionFilter's rule, for stores that check it
 * after reading); undefined when every event does. Worked out once per subscription.
 */
export const filterMatcher = (
  filter: SubscriptionFilter | undefined,
): ((streamId: string, type: string) => boolean) | undefined => {
  const categories = filteredCategories(filter);
  if (categories === undefined) return undefined;
  const allowed = new Set(categories);
  const types = new Map(
    Object.entries(filter?.types ?? {})
      .filter(([category]) => allowed.has(category))
      .map(([category, list]) => [category, new Set(list)]),
  );
  return (streamId, type) => {
    const category = categoryOf(streamId);
    return allowed.has(category) && (types.get(category)?.has(type) ?? true);
  };
};
