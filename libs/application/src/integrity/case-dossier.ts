import { DomainConfig, localDateOf, ReferralState } from '@xj/domain';
import { AccessAction } from '../audit/access-log.types';
import { AsOfPoint, CaseHistoryReader, HistoryEntry, historyEntryOf } from '../audit/case-history';
import { DescribeContext } from '../audit/event-description';
import { explainReferral, ReferralExplanation } from '../audit/referral-explanation';
import { CaseAggregates, CaseKind } from '../cases/case-aggregates';
import { AnyCaseState } from '../cases/execute-case-command';
import { streamIdOf } from '../command/aggregate-definition';
import { verifyStream } from '../event-store/chain-pages';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { JsonObject, RecordedEvent } from '../event-store/event-store.types';
import { IntegrityReport, reportOfVerification } from './integrity-report';

/** A history entry with the event's data: the operator's and the dossier's unredacted view. */
export type FullHistoryEntry = HistoryEntry & { readonly data: JsonObject };

export interface CaseHistory {
  readonly kind: CaseKind;
  readonly id: string;
  readonly revision: string;
  readonly entries: readonly FullHistoryEntry[];
}

export interface CaseAsOf {
  readonly kind: CaseKind;
  readonly id: string;
  readonly asOf: { readonly at: string | null; readonly revision: string | null };
  /** The last revision folded; null when the case did not exist yet then. */
  readonly revision: string | null;
  readonly recordedAt: string | null;
  readonly currentRevision: string;
  readonly state: AnyCaseState | null;
}

/** Everything about one case, for an auditor's file: state, history, explanation, verification. */
export interface CaseDossier {
  readonly kind: CaseKind;
  readonly id: string;
  readonly streamId: string;
  readonly exportedAt: string;
  readonly revision: string;
  readonly state: AnyCaseState;
  readonly history: readonly FullHistoryEntry[];
  /** Referrals only: which situations matched, who proposed and approved, how deadlines ran. */
  readonly explanation: ReferralExplanation | null;
  /** The case stream's hash chain, verified as the dossier was assembled. */
  readonly verification: IntegrityReport;
}

/** Records a read before it is answered (the access log); rejects to refuse the read. */
export type CaseReadRecorder = (kind: CaseKind, id: string, action: AccessAction, detail?: string) => Promise<void>;

export interface CaseDossierDeps {
  readonly store: EventStore;
  readonly aggregates: CaseAggregates;
  readonly domainConfig: DomainConfig;
  readonly clock: Clock;
  /** Organisation names for the descriptions. */
  readonly names: DescribeContext;
  readonly recordRead: CaseReadRecorder;
}

/**
 * The operator's case views (CLI): history, state as of a past point, a referral's explanation
 * and the dossier — the audit library's reader and describers, without the HTTP layer's
 * per-role redaction (the operator holds the store itself), but with every read recorded.
 * Each returns undefined for a case that does not exist.
 */
export class CaseDossierService {
  private readonly reader: CaseHistoryReader;

  constructor(private readonly deps: CaseDossierDeps) {
    this.reader = new CaseHistoryReader(deps.store, deps.aggregates);
  }

  async history(kind: CaseKind, id: string): Promise<CaseHistory | undefined> {
    const record = await this.reader.read(kind, id);
    if (record.events.length === 0) return undefined;
    await this.deps.recordRead(kind, id, 'history');
    return {
      kind,
      id,
      revision: lastRevision(record.events),
      entries: record.events.map((e) => ({ ...historyEntryOf(kind, e, this.deps.names), data: e.data })),
    };
  }

  async asOf(kind: CaseKind, id: string, point: AsOfPoint): Promise<CaseAsOf | undefined> {
    const record = await this.reader.read(kind, id);
    if (record.events.length === 0) return undefined;
    const detail = 'at' in point ? `at=${point.at}` : `revision=${point.revision}`;
    await this.deps.recordRead(kind, id, 'as-of', detail);
    const past = this.reader.asOf(record, point);
    return {
      kind,
      id,
      asOf: 'at' in point ? { at: point.at, revision: null } : { at: null, revision: String(point.revision) },
      revision: past.revision === undefined ? null : String(past.revision),
      recordedAt: past.recordedAt ?? null,
      currentRevision: lastRevision(record.events),
      state: past.revision === undefined ? null : past.state,
    };
  }

  async explain(id: string): Promise<ReferralExplanation | undefined> {
    const record = await this.reader.read('referral', id);
    if (record.events.length === 0) return undefined;
    await this.deps.recordRead('referral', id, 'explanation');
    return this.explanationOf(record.events, record.state as ReferralState);
  }

  async export(kind: CaseKind, id: string): Promise<CaseDossier | undefined> {
    const streamId = streamIdOf(this.deps.aggregates[kind].category, id);
    const verification = reportOfVerification(await verifyStream(this.deps.store, streamId));
    const record = await this.reader.read(kind, id);
    if (record.events.length === 0) return undefined;
    await this.deps.recordRead(kind, id, 'history', 'export');
    return {
      kind,
      id,
      streamId,
      exportedAt: this.deps.clock.now().toISOString(),
      revision: lastRevision(record.events),
      state: record.state,
      history: record.events.map((e) => ({ ...historyEntryOf(kind, e, this.deps.names), data: e.data })),
      explanation:
        kind === 'referral' ? ((await this.explanationOf(record.events, record.state as ReferralState)) ?? null) : null,
      verification,
    };
  }

  private async explanationOf(
    events: readonly RecordedEvent[],
    state: ReferralState,
  ): Promise<ReferralExplanation | undefined> {
    const clueId = state.status === 'None' ? undefined : state.clueId;
    const clue = clueId ? await this.reader.read('clue', clueId) : undefined;
    return explainReferral({
      referralEvents: events,
      clueEvents: clue?.events ?? [],
      config: this.deps.domainConfig,
      today: localDateOf(this.deps.clock.now().toISOString()),
      ctx: this.deps.names,
    });
  }
}

const lastRevision = (events: readonly RecordedEvent[]): string => String(events[events.length - 1]?.revision ?? '');
