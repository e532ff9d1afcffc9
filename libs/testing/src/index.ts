/**
 * `@xj/testing` — test-only helpers, never imported by product code (lint). This entry loads no
 * database client; the fakes of the clients are entries of their own, so a spec that needs none
 * does not load them: `@xj/testing/fake-esdb-client`, `@xj/testing/fake-mongo-database`,
 * `@xj/testing/in-memory-read-model-store` (mingo).
 */

// Given-When-Then for deciders and projections.
export { deciderSpec } from './decider-spec';
export { workflowSpec } from './workflow-spec';
export { EventLog, foldProjection, projectionSpec } from './projection-spec';
export type { DocumentMap } from './projection-spec';
export { appendEvent, clueCounts, poison, referralIndex } from './test-projections';

// Event stores: events to append, the composed store over memory, a store seen through the port only.
export { TEST_EVENT_METADATA, testEvents } from './event-fixtures';
export { InMemoryEventStorage, inMemoryEventStore } from './in-memory-event-storage';
export { portOnly } from './event-store-port-only';
export { signV1Checkpoint } from './checkpoint-v1';

// Other ports and the file system.
export { InMemoryAttemptCounters } from './in-memory-attempt-counters';
export { canMakeFilesReadOnly, makeFilesReadOnly } from './read-only-files';
export type { ReadOnlyFiles } from './read-only-files';
