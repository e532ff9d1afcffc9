import { categoryOf } from '../event-store/append-preparation';
import { RecordedEvent } from '../event-store/event-store.types';
import { ProjectedEvent } from './projection';

/** What a projection sees of a recorded event: no hash chain, no command ids. */
export const toProjectedEvent = (event: RecordedEvent): ProjectedEvent => {
  const category = categoryOf(event.streamId);
  const { userId, role, orgId } = event.metadata.actor;
  return {
    streamId: event.streamId,
    category,
    aggregateId: event.streamId.slice(category.length + 1),
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: event.data,
    recordedAt: event.metadata.recordedAt,
    actor: { userId, role, orgId },
  };
};
