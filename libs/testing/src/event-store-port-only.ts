import { EventStore } from '@xj/application';

/**
 * Only the EventStore port of a store, none of its optional capabilities (PartitionReads,
 * ChainRowSource, …): what the runner and the verifiers see of a store that offers none, such as
 * the EventStoreDB adapter.
 */
export const portOnly = (store: EventStore): EventStore => ({
  append: (...args) => store.append(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  subscribe: (options) => store.subscribe(options),
  streamRevision: (streamId) => store.streamRevision(streamId),
  close: () => store.close(),
});
