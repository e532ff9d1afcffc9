import { join } from 'node:path';
import { IdempotencyService, RecordedEvent } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { Intent } from './chaos-client';

export interface StoreFindings {
  readonly events: number;
  /** Acknowledged commands whose events are not in the store where the answer said. */
  readonly lost: number;
  /** Keys with more than one effect, and clue events no key of the load explains. */
  readonly duplicated: number;
  /** Keys that wrote but were never answered a success (a client giving up would write again). */
  readonly unacknowledged: number;
  readonly notes: readonly string[];
}

/**
 * Reads the data directory's event store (the server stopped) and holds every acknowledged
 * command to its answer: its events are stored, at the revision and position it was answered
 * with (not lost), and its command id — derived from (user, key) — wrote exactly the events the
 * answer lists, in one stream (not duplicated). Every event of a clue stream must belong to a
 * key of the load, and a key that was never answered a success must have written nothing.
 */
export const checkStore = async (dataDir: string, intents: readonly Intent[]): Promise<StoreFindings> => {
  const store = new SqliteEventStore({ filename: join(dataDir, EVENTS_DB_FILENAME) });
  try {
    const events: RecordedEvent[] = [];
    for (
      let page = await store.readAll({ maxCount: 10_000 });
      page.length > 0;
      page = await store.readAll({ fromPosition: page[page.length - 1]?.position, maxCount: 10_000 })
    ) {
      events.push(...page);
    }
    const byCommand = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith('clue-')) continue;
      const list = byCommand.get(event.metadata.commandId) ?? [];
      list.push(event);
      byCommand.set(event.metadata.commandId, list);
    }
    const ids = new IdempotencyService(store);
    const notes: string[] = [];
    let lost = 0;
    let duplicated = 0;
    let unacknowledged = 0;
    let registered = 0;
    for (const intent of intents) {
      const commandId = ids.commandIdFor({
        actor: { userId: `user-${intent.username}`, role: '', orgId: '' },
        key: intent.key,
      });
      const written = byCommand.get(commandId) ?? [];
      byCommand.delete(commandId);
      if (written.some((e) => e.type === 'ClueRegistered')) registered += 1;
      const answer = intent.answer;
      if (!answer) {
        if (written.length > 0) {
          unacknowledged += 1;
          notes.push(`written but answered ${intent.rejected ?? 'nothing'}: ${intent.key}`);
        }
        continue;
      }
      const stream = `clue-${answer.body.id}`;
      const last = written[written.length - 1];
      if (
        !last ||
        last.streamId !== stream ||
        String(last.revision) !== answer.body.revision ||
        String(last.position) !== answer.body.position
      ) {
        lost += 1;
        notes.push(
          `lost: ${intent.key} answered ${answer.status} at ${stream}@${answer.body.revision ?? '-'} (position ${answer.body.position ?? '-'}); stored: ${written.length} events`,
        );
      }
      if (written.length > answer.body.events.length || new Set(written.map((e) => e.streamId)).size > 1) {
        duplicated += 1;
        notes.push(
          `duplicated: ${intent.key} wrote ${written.length} events (${written.map((e) => `${e.streamId}@${e.revision}`).join(', ')}), answered ${answer.body.events.length}`,
        );
      }
    }
    for (const [commandId, stray] of byCommand) {
      duplicated += 1;
      notes.push(`duplicated: command ${commandId} wrote ${stray.length} clue events no key of the load explains`);
    }
    const clues = events.filter((e) => e.type === 'ClueRegistered').length;
    if (clues !== registered)
      notes.push(`${clues} clues in the store, ${registered} registrations written by the load's keys`);
    return { events: events.length, lost, duplicated, unacknowledged, notes };
  } finally {
    await store.close();
  }
};
