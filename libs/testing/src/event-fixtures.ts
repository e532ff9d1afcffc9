import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@xj/application';

/** Writer metadata as the command path records it: what every event store accepts. */
export const TEST_EVENT_METADATA = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};

/** `count` events of type `Happened`, data `{ n }`, fresh ids: for event-store specs. */
export const testEvents = (count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({
    eventId: randomUUID(),
    type: 'Happened',
    data: { n },
    metadata: TEST_EVENT_METADATA,
  }));
