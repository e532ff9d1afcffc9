import { EventActor, JsonObject, RecordedEvent } from '../event-store/event-store.types';
import { IntegrityProblem, IntegrityReport } from './integrity-report';

/**
 * 完整性告警 — a breach: the product verified the store against its newest signed checkpoint (or
 * its chains, without one) and found it changed. Recorded in the event store, the one durable
 * store every API replica shares, in one stream: `integrity-breaches`. While a breach is
 * unacknowledged, writes are suspended and only auditors read; an administrator acknowledges it.
 */
export const INTEGRITY_CATEGORY = 'integrity';
export const BREACH_STREAM = `${INTEGRITY_CATEGORY}-breaches`;
export const BREACH_DETECTED = 'IntegrityBreachDetected';
export const BREACH_ACKNOWLEDGED = 'IntegrityBreachAcknowledged';
export const BREACH_SCHEMA_VERSION = 1;

/** Who records a detection: the product itself. */
export const INTEGRITY_SYSTEM_ACTOR: EventActor = { userId: 'system:integrity', role: 'System', orgId: 'system' };

/** When the product found it. */
export type BreachPhase = 'start' | 'interval' | 'shutdown' | 'acknowledged' | 'on_demand';

export interface BreachAcknowledgement {
  readonly acknowledgedAt: string;
  readonly by: EventActor;
  readonly reason: string;
}

export interface IntegrityBreach {
  readonly breachId: string;
  readonly detectedAt: string;
  readonly detectedDuring: BreachPhase;
  /** Identifies the finding across runs (see fingerprintOf): the same finding is recorded once. */
  readonly fingerprint: string;
  readonly problem: IntegrityProblem;
  readonly checkedEvents: number;
  /** The checkpoint the store was compared with; absent when there was none. */
  readonly checkpoint?: { readonly createdAt: string; readonly globalPosition: string; readonly keyId: string };
  readonly acknowledgement?: BreachAcknowledgement;
}

/**
 * The finding, without its wording: the problem's kind and coordinates and the checkpoint
 * compared with. A detail text may change between versions; these do not.
 */
export const fingerprintOf = (report: IntegrityReport): string => {
  const p = report.firstProblem;
  const c = report.checkpoint;
  return [p?.kind, p?.streamId, p?.revision, p?.position, p?.eventId, c?.createdAt, c?.globalPosition, c?.keyId]
    .map((part) => part ?? '')
    .join('|');
};

export const detectedData = (
  breachId: string,
  detectedAt: string,
  phase: BreachPhase,
  report: IntegrityReport,
): JsonObject => {
  const problem = report.firstProblem ?? { kind: 'malformed', detail: 'verification failed without naming a problem' };
  return JSON.parse(
    JSON.stringify({
      breachId,
      detectedAt,
      detectedDuring: phase,
      fingerprint: fingerprintOf(report),
      problem,
      checkedEvents: report.checkedEvents,
      checkpoint: report.checkpoint,
    }),
  ) as JsonObject;
};

export const acknowledgedData = (breachId: string, acknowledgement: BreachAcknowledgement): JsonObject => ({
  breachId,
  acknowledgedAt: acknowledgement.acknowledgedAt,
  by: { userId: acknowledgement.by.userId, role: acknowledgement.by.role, orgId: acknowledgement.by.orgId },
  reason: acknowledgement.reason,
});

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Folds one event of the stream into the breaches by id. Events of unknown types or shapes are
 * skipped: the stream is hash-chained like every other, so a forged one shows up there.
 */
export const evolveBreaches = (
  breaches: Map<string, IntegrityBreach>,
  event: Pick<RecordedEvent, 'type' | 'data'>,
): void => {
  const data = event.data as Record<string, unknown>;
  const breachId = text(data.breachId);
  if (breachId === undefined) return;
  if (event.type === BREACH_DETECTED) {
    if (
      breaches.has(breachId) ||
      text(data.detectedAt) === undefined ||
      typeof data.problem !== 'object' ||
      data.problem === null
    )
      return;
    breaches.set(breachId, data as unknown as IntegrityBreach);
  } else if (event.type === BREACH_ACKNOWLEDGED) {
    const breach = breaches.get(breachId);
    const by = data.by as EventActor | undefined;
    const acknowledgedAt = text(data.acknowledgedAt);
    if (!breach || breach.acknowledgement || !by || acknowledgedAt === undefined) return;
    breaches.set(breachId, { ...breach, acknowledgement: { acknowledgedAt, by, reason: text(data.reason) ?? '' } });
  }
};
