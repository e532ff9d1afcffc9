import { fold } from '@xj/domain';
import { CaseAggregates, CaseKind } from '../cases/case-aggregates';
import { AnyCaseState } from '../cases/execute-case-command';
import { streamIdOf } from '../command/aggregate-definition';
import { EventStore } from '../event-store/event-store.port';
import { EventActor, JsonObject, RecordedEvent } from '../event-store/event-store.types';
import { describeEvent } from './describe-event';
import { DescribeContext, EventDescription, namesAsOf } from './event-description';

/** One event of a case's history, as shown to auditors. Revisions and positions are decimal strings. */
export interface HistoryEntry {
  readonly revision: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  /** Who acted: user, role and organisation (from the event metadata). */
  readonly actor: EventActor;
  /** When the store accepted the event. */
  readonly recordedAt: string;
  /** Business time given on the command (`data.at`). */
  readonly at: string | null;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
  /** The rulebook the decision was evaluated under, when the event records one. */
  readonly rulebookVersion: string | null;
  readonly prevHash: string;
  readonly hash: string;
  readonly description: EventDescription;
}

/** A case stream read once: its events and the state they fold to now. */
export interface CaseRecord {
  readonly kind: CaseKind;
  readonly id: string;
  readonly events: readonly RecordedEvent[];
  readonly state: AnyCaseState;
}

/** Where to stop folding: recorded at or before `at`, or up to and including `revision`. */
export type AsOfPoint = { readonly at: string } | { readonly revision: bigint };

export interface AsOfResult {
  readonly state: AnyCaseState;
  /** The last revision folded; undefined when the case did not exist yet at that point. */
  readonly revision: bigint | undefined;
  readonly position: bigint | undefined;
  readonly recordedAt: string | undefined;
}

export interface HistoryPage {
  readonly events: readonly RecordedEvent[];
  /** Pass as `fromRevision` for the next page; undefined on the last page. */
  readonly nextFromRevision: bigint | undefined;
}

export const MAX_HISTORY_PAGE = 500;

const stringOf = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** `rulebookVersion` on the data, else `evaluation.rulebookVersion`, else the metadata's. */
export const rulebookVersionOf = (event: RecordedEvent): string | null => {
  const data = event.data;
  const evaluation = data['evaluation'];
  const fromEvaluation =
    evaluation !== null && typeof evaluation === 'object' && !Array.isArray(evaluation)
      ? (evaluation as JsonObject)['rulebookVersion']
      : undefined;
  return stringOf(data['rulebookVersion']) ?? stringOf(fromEvaluation) ?? stringOf(event.metadata['rulebookVersion']);
};

export const historyEntryOf = (kind: CaseKind, event: RecordedEvent, ctx: DescribeContext): HistoryEntry => ({
  revision: String(event.revision),
  position: String(event.position),
  eventId: event.eventId,
  type: event.type,
  actor: { userId: event.metadata.actor.userId, role: event.metadata.actor.role, orgId: event.metadata.actor.orgId },
  recordedAt: event.metadata.recordedAt,
  at: stringOf(event.data['at']),
  commandId: event.metadata.commandId,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  schemaVersion: event.metadata.schemaVersion,
  rulebookVersion: rulebookVersionOf(event),
  prevHash: event.metadata.prevHash,
  hash: event.metadata.hash,
  // Each line names the organisations as they were called when it was recorded.
  description: describeEvent(kind, event, namesAsOf(ctx, event.metadata.recordedAt)),
});

/** The events of revisions [fromRevision, fromRevision + limit). */
export const historyPage = (events: readonly RecordedEvent[], fromRevision: bigint, limit: number): HistoryPage => {
  const size = Math.max(1, Math.min(limit, MAX_HISTORY_PAGE));
  const page = events.filter((e) => e.revision >= fromRevision).slice(0, size);
  const last = page[page.length - 1];
  const more = last !== undefined && events.some((e) => e.revision > last.revision);
  return { events: page, nextFromRevision: more && last ? last.revision + 1n : undefined };
};

/**
 * The prefix of the stream up to the point. A prefix, not a filter: state is only ever the fold
 * of a prefix, so with a clock that stepped back the first event recorded after `at` ends it.
 */
export const eventsUpTo = (events: readonly RecordedEvent[], point: AsOfPoint): readonly RecordedEvent[] => {
  if ('revision' in point) return events.filter((e) => e.revision <= point.revision);
  const limit = Date.parse(point.at);
  const end = events.findIndex((e) => Date.parse(e.metadata.recordedAt) > limit);
  return end < 0 ? events : events.slice(0, end);
};

/** Reads case streams for the audit views: history and the state as of a past point. */
export class CaseHistoryReader {
  constructor(
    private readonly store: EventStore,
    private readonly aggregates: CaseAggregates,
  ) {}

  async read(kind: CaseKind, id: string): Promise<CaseRecord> {
    const events = await this.store.readStream(streamIdOf(this.aggregates[kind].category, id));
    return { kind, id, events, state: this.fold(kind, events) };
  }

  asOf(record: CaseRecord, point: AsOfPoint): AsOfResult {
    const prefix = eventsUpTo(record.events, point);
    const last = prefix[prefix.length - 1];
    return {
      state: this.fold(record.kind, prefix),
      revision: last?.revision,
      position: last?.position,
      recordedAt: last?.metadata.recordedAt,
    };
  }

  /** Stored events are trusted: they were produced by the decider (upcasters would go here). */
  private fold(kind: CaseKind, events: readonly RecordedEvent[]): AnyCaseState {
    const decider = this.aggregates[kind].decider as CaseAggregates['clue']['decider'];
    return fold(
      decider,
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as Parameters<typeof decider.evolve>[1]),
    );
  }
}
