import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import {
  AUDIT_DOMAIN_CONFIG,
  AccessAction,
  AsOfPoint,
  CLOCK,
  CaseHistoryReader,
  CaseKind,
  CaseRecord,
  Clock,
  DescribeContext,
  ReferralExplanation,
  explainReferral,
  historyEntryOf,
  historyPage,
} from '@xj/application';
import {
  Actor,
  DomainConfig,
  ReferralState,
  canSeeCase,
  caseViewFor,
  hiddenPartsFor,
  historyEntryVisible,
  localDateOf,
} from '@xj/domain';
import { OrganisationDirectory, describeContextOf } from '@xj/composition';
import { ApiProblem, notFoundProblem } from '../http/problem';
import { HistoryEntryView } from './audit-views';
import { AsOfQueryDto, HistoryQueryDto } from './dto/audit-query.dto';
import { ReadAuditService } from './read-audit.service';

export interface HistoryView {
  readonly kind: CaseKind;
  readonly id: string;
  /** The stream's current revision. */
  readonly revision: string;
  /** True for the agency's view of a clue: only its part of the history, without payloads. */
  readonly redacted: boolean;
  readonly entries: readonly HistoryEntryView[];
  readonly nextFromRevision: string | null;
}

export interface AsOfView {
  readonly kind: CaseKind;
  readonly id: string;
  readonly asOf: { readonly at: string | null; readonly revision: string | null };
  /** The last revision folded; null when the case did not exist yet at that point. */
  readonly revision: string | null;
  readonly position: string | null;
  readonly recordedAt: string | null;
  readonly currentRevision: string;
  readonly state: unknown;
}

const DEFAULT_PAGE = 100;

/**
 * The auditors' case views — history, state as of a past point, a referral's explanation — with
 * the access rules of the current read (the domain's canSeeCase: 404 for a case the caller may not see) and
 * every read, allowed or denied, recorded in the access log before anything is answered.
 */
@Injectable()
export class CaseAuditService {
  private readonly names: DescribeContext;

  constructor(
    private readonly reader: CaseHistoryReader,
    private readonly audit: ReadAuditService,
    directory: OrganisationDirectory,
    @Inject(AUDIT_DOMAIN_CONFIG) private readonly config: DomainConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.names = describeContextOf(directory);
  }

  async history(
    request: Request,
    actor: Actor,
    kind: CaseKind,
    id: string,
    query: HistoryQueryDto,
  ): Promise<HistoryView> {
    const record = await this.open(request, actor, kind, id, 'history');
    const redacted = hiddenPartsFor(actor, kind) !== undefined;
    const page = historyPage(record.events, BigInt(query.fromRevision ?? '0'), query.limit ?? DEFAULT_PAGE);
    const entries = page.events
      .filter((event) => historyEntryVisible(actor, kind, event))
      .map((event): HistoryEntryView => ({
        ...historyEntryOf(kind, event, this.names),
        ...(redacted ? {} : { data: event.data }),
      }));
    return {
      kind,
      id,
      revision: headOf(record),
      redacted,
      entries,
      nextFromRevision: page.nextFromRevision === undefined ? null : String(page.nextFromRevision),
    };
  }

  async asOf(request: Request, actor: Actor, kind: CaseKind, id: string, query: AsOfQueryDto): Promise<AsOfView> {
    if ((query.at === undefined) === (query.revision === undefined)) {
      throw new ApiProblem(400, 'AUDIT.AS_OF_POINT', 'Give exactly one of `at` (an ISO-8601 instant) and `revision`.');
    }
    const point: AsOfPoint = query.at !== undefined ? { at: query.at } : { revision: BigInt(query.revision ?? '0') };
    const record = await this.reader.read(kind, id);
    const past = this.reader.asOf(record, point);
    // Visible now, and as it stood then unless it did not exist yet (an agency does not see a clue
    // as it was before the instrument was served on it).
    const allowed =
      canSeeCase(actor, kind, record.state) && (past.revision === undefined || canSeeCase(actor, kind, past.state));
    await this.recordAccess(
      request,
      actor,
      kind,
      id,
      'as-of',
      allowed,
      query.at !== undefined ? `at=${query.at}` : `revision=${query.revision}`,
    );
    return {
      kind,
      id,
      asOf: { at: query.at ?? null, revision: query.revision ?? null },
      revision: past.revision === undefined ? null : String(past.revision),
      position: past.position === undefined ? null : String(past.position),
      recordedAt: past.recordedAt ?? null,
      currentRevision: headOf(record),
      state: past.revision === undefined ? null : caseViewFor(actor, kind, past.state),
    };
  }

  async explanation(request: Request, actor: Actor, id: string): Promise<ReferralExplanation> {
    const record = await this.open(request, actor, 'referral', id, 'explanation');
    const referral = record.state as ReferralState;
    const clueId = referral.status === 'None' ? undefined : referral.clueId;
    const clue = clueId ? await this.reader.read('clue', clueId) : undefined;
    const explanation = explainReferral({
      referralEvents: record.events,
      clueEvents: clue?.events ?? [],
      config: this.config,
      today: localDateOf(this.clock.now().toISOString()),
      ctx: this.names,
    });
    if (!explanation) throw notFoundProblem();
    return explanation;
  }

  /** Reads the case, records the access (allowed or denied) and answers 404 when denied. */
  private async open(
    request: Request,
    actor: Actor,
    kind: CaseKind,
    id: string,
    action: AccessAction,
  ): Promise<CaseRecord> {
    const record = await this.reader.read(kind, id);
    await this.recordAccess(request, actor, kind, id, action, canSeeCase(actor, kind, record.state));
    return record;
  }

  private async recordAccess(
    request: Request,
    actor: Actor,
    kind: CaseKind,
    id: string,
    action: AccessAction,
    allowed: boolean,
    detail?: string,
  ): Promise<void> {
    await this.audit.record(request, actor, { kind, id }, action, allowed ? 'allowed' : 'denied', detail);
    if (!allowed) throw notFoundProblem();
  }
}

const headOf = (record: CaseRecord): string => String(record.events[record.events.length - 1]?.revision ?? '');
