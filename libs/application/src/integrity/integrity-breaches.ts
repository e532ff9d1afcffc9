import { randomUUID } from 'node:crypto';
import { Clock } from '../event-store/clock.port';
import { isEventStoreError } from '../event-store/event-store.errors';
import { EventStore } from '../event-store/event-store.port';
import { EventActor, EventToAppend, ExpectedRevision, JsonObject } from '../event-store/event-store.types';
import {
  acknowledgedData,
  BREACH_ACKNOWLEDGED,
  BREACH_DETECTED,
  BREACH_SCHEMA_VERSION,
  BREACH_STREAM,
  BreachPhase,
  detectedData,
  evolveBreaches,
  fingerprintOf,
  INTEGRITY_SYSTEM_ACTOR,
  IntegrityBreach,
} from './integrity-breach.events';
import { IntegrityReport } from './integrity-report';

export class BreachNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(readonly breachId: string) {
    super(`No integrity breach ${breachId}.`);
  }
}

export class BreachAlreadyAcknowledgedError extends Error {
  readonly code = 'INTEGRITY.BREACH_ALREADY_ACKNOWLEDGED';
  constructor(readonly breach: IntegrityBreach) {
    super(`Integrity breach ${breach.breachId} was acknowledged at ${breach.acknowledgement?.acknowledgedAt}.`);
  }
}

/** Appends racing another replica's are retried on a fresh read this many times. */
const APPEND_ATTEMPTS = 5;

/**
 * The breaches as recorded in `integrity-breaches` (see integrity-breach.events.ts), cached in
 * memory: the guard asks on every request. Each process re-reads the stream's new events on a
 * timer (`watch`), so a breach recorded by the worker, or acknowledged on another replica, takes
 * effect everywhere within that interval; this process's own records take effect at once.
 */
export class IntegrityBreaches {
  private readonly breaches = new Map<string, IntegrityBreach>();
  private revision?: bigint;
  private loaded = false;
  private refreshing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly listeners = new Set<(open: readonly IntegrityBreach[]) => void>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** False until the stream was read once: nobody can tell yet whether writes are suspended. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Unacknowledged breaches, oldest first. */
  open(): IntegrityBreach[] {
    return [...this.breaches.values()].filter((breach) => breach.acknowledgement === undefined);
  }

  /** Every breach, newest first. */
  list(): IntegrityBreach[] {
    return [...this.breaches.values()].reverse();
  }

  /** The breach already recorded for this finding (open or acknowledged), if any. */
  known(report: IntegrityReport): IntegrityBreach | undefined {
    const fingerprint = fingerprintOf(report);
    return this.list().find((breach) => breach.fingerprint === fingerprint);
  }

  /** Reads what was appended since the last read. One read at a time; callers share it. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readNew().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Records the failed verification as a breach, unless the same finding is recorded already. */
  async record(phase: BreachPhase, report: IntegrityReport): Promise<IntegrityBreach> {
    return this.appendFresh(() => {
      const known = this.known(report);
      if (known) return { result: known };
      const breachId = this.newId();
      const event = this.event(
        BREACH_DETECTED,
        detectedData(breachId, this.clock.now().toISOString(), phase, report),
        INTEGRITY_SYSTEM_ACTOR,
        breachId,
      );
      return { event, breachId };
    });
  }

  /** An administrator's acknowledgement: who, when, why. Writes resume once no breach is open. */
  async acknowledge(breachId: string, by: EventActor, reason: string): Promise<IntegrityBreach> {
    return this.appendFresh(() => {
      const breach = this.breaches.get(breachId);
      if (!breach) throw new BreachNotFoundError(breachId);
      if (breach.acknowledgement) throw new BreachAlreadyAcknowledgedError(breach);
      const data = acknowledgedData(breachId, { acknowledgedAt: this.clock.now().toISOString(), by, reason });
      return { event: this.event(BREACH_ACKNOWLEDGED, data, by, breachId), breachId };
    });
  }

  /** Re-reads the stream every `intervalMs` (the timer does not keep the process alive); errors go to `onError`. */
  watch(intervalMs: number, onError: (error: unknown) => void): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  stopWatching(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Called with the open breaches whenever that set changes. */
  onChange(listener: (open: readonly IntegrityBreach[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async readNew(): Promise<void> {
    const from = this.revision === undefined ? 0n : this.revision + 1n;
    const events = await this.store.readStream(BREACH_STREAM, { fromRevision: from });
    const before = this.openIds();
    for (const event of events) {
      evolveBreaches(this.breaches, event);
      this.revision = event.revision;
    }
    this.loaded = true;
    if (this.openIds() !== before) for (const listener of this.listeners) listener(this.open());
  }

  /**
   * Decides on the latest state, appends at the revision it decided on, and on a concurrent
   * append (another replica) reads again and decides again.
   */
  private async appendFresh(
    decide: () => { result: IntegrityBreach } | { event: EventToAppend; breachId: string },
  ): Promise<IntegrityBreach> {
    for (let attempt = 1; ; attempt += 1) {
      await this.refresh();
      const decision = decide();
      if ('result' in decision) return decision.result;
      const expected: ExpectedRevision = this.revision ?? 'no_stream';
      try {
        await this.store.append(BREACH_STREAM, [decision.event], expected);
      } catch (error) {
        if (attempt < APPEND_ATTEMPTS && isEventStoreError(error, 'STREAM.WRONG_EXPECTED_REVISION')) continue;
        throw error;
      }
      await this.refresh();
      const appended = this.breaches.get(decision.breachId);
      if (!appended)
        throw new Error(`${BREACH_STREAM} does not hold the event just appended for ${decision.breachId}.`);
      return appended;
    }
  }

  private event(type: string, data: JsonObject, actor: EventActor, breachId: string): EventToAppend {
    const eventId = this.newId();
    return {
      eventId,
      type,
      data,
      metadata: {
        schemaVersion: BREACH_SCHEMA_VERSION,
        actor: { userId: actor.userId, role: actor.role, orgId: actor.orgId },
        commandId: eventId,
        correlationId: breachId,
        causationId: breachId,
      },
    };
  }

  private openIds(): string {
    return this.open()
      .map((breach) => breach.breachId)
      .join(',');
  }
}
