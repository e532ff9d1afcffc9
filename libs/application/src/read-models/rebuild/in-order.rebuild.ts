import { RebuildStrategy } from './rebuild-strategy';

/**
 * Builds in global order: nothing ahead of the feed, whose catch-up from position 0 is that walk
 * (every event once, in order, each projection in batches committed with their checkpoint, and the
 * documents served as they are built). It needs nothing but the EventStore port. The runner's
 * default; the partitioned strategy leaves to it what it cannot build case by case.
 */
export const IN_ORDER_REBUILD: RebuildStrategy = {
  rebuild: async () => undefined,
};
