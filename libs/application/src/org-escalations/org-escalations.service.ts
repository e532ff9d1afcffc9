import {
  Actor,
  DomainConfig,
  ESCALATION_LADDER_LEVELS,
  ORG_ESCALATION_CATEGORY,
  OrgEscalationCommand,
  OrgEscalationEvent,
  OrgEscalationState,
  RaisedOrgEscalation,
  canSeeOrgEscalation,
  createOrgEscalationDecider,
  fold,
} from '@xj/domain';
import { DescribeContext, EventDescription, namesAsOf } from '../audit/event-description';
import { AggregateDefinition, streamIdOf } from '../command/aggregate-definition';
import { CommandContext, CommandExecutor, CommandOutcome } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { EventActor } from '../event-store/event-store.types';
import { ORG_ESCALATION_DESCRIBERS } from './org-escalation.describers';
import { OrgEscalationDocument, regionsAbove } from './org-escalations.projection';

/** An escalation against an organisation as its readers see it: the listed fields and its 督办 ladder level. */
export type OrgEscalationItem = OrgEscalationDocument & {
  /** 函询 3, 约谈 4, 挂牌督办 5, 通报 6; null for 批示 and 责令限期履行 (off the ladder). */
  readonly ladderLevel: number | null;
};

/** One event of the escalation's stream, described in both languages. */
export interface OrgEscalationHistoryEntry {
  readonly revision: string;
  readonly type: string;
  readonly at: string | null;
  readonly recordedAt: string;
  readonly actor: EventActor;
  readonly description: EventDescription;
}

export interface OrgEscalationView extends OrgEscalationItem {
  readonly revision: string;
  readonly history: readonly OrgEscalationHistoryEntry[];
}

export const ladderLevelOf = (doc: Pick<OrgEscalationDocument, 'escalationType'>): number | null =>
  ESCALATION_LADDER_LEVELS[doc.escalationType] ?? null;

/** The listed fields of a raised escalation, as the projection writes them (one shape for both reads). */
export const itemOf = (raised: RaisedOrgEscalation): OrgEscalationItem => ({
  escalationId: raised.escalationId,
  escalationType: raised.escalationType,
  reason: raised.reason,
  targetOrgId: raised.target.orgId,
  targetRole: raised.target.role,
  targetRegionId: raised.target.regionId,
  targetRegions: regionsAbove(raised.target.regionId),
  raisedByOrgId: raised.raisedBy.orgId,
  raisedByUserId: raised.raisedBy.userId,
  raisedByRole: raised.raisedBy.role,
  raisedByRegionId: raised.raisedByRegionId,
  raisedAt: raised.raisedAt,
  ...(raised.deadline ? { deadline: raised.deadline } : {}),
  ladderLevel: ladderLevelOf(raised),
});

const describe = (event: { type: string; data: object }, ctx: DescribeContext): EventDescription => {
  const describer = Object.hasOwn(ORG_ESCALATION_DESCRIBERS, event.type)
    ? (ORG_ESCALATION_DESCRIBERS as Record<string, (data: never, ctx: DescribeContext) => EventDescription>)[event.type]
    : undefined;
  try {
    if (describer) return describer(event.data as never, ctx);
  } catch {
    // An unreadable payload gets the neutral line below, never a broken read.
  }
  return { zh: `未能识别的事件（${event.type}）`, en: `Unrecognised event (${event.type})` };
};

/**
 * Escalations against organisations (issue 15 §2): raised through the one command path on their
 * own stream, read straight from it (read-your-writes, the revision as ETag). Who may see one is
 * the domain's rule (canSeeOrgEscalation); an escalation the caller may not see reads as missing.
 */
export class OrgEscalations {
  readonly definition: AggregateDefinition<OrgEscalationCommand, OrgEscalationState, OrgEscalationEvent>;
  private readonly executor: CommandExecutor;

  constructor(
    private readonly store: EventStore,
    config: Pick<DomainConfig, 'calendar'>,
    private readonly names: DescribeContext,
  ) {
    this.definition = {
      category: ORG_ESCALATION_CATEGORY,
      decider: createOrgEscalationDecider(config),
      schemaVersion: 1,
    };
    this.executor = new CommandExecutor(store);
  }

  raise(command: OrgEscalationCommand, context: CommandContext): Promise<CommandOutcome<OrgEscalationState>> {
    return this.executor.execute(this.definition, command.escalationId, command, context);
  }

  /** The escalation as the actor may see it; undefined when it does not exist or is not the actor's to see. */
  async read(actor: Actor, id: string): Promise<OrgEscalationView | undefined> {
    const events = await this.store.readStream(streamIdOf(ORG_ESCALATION_CATEGORY, id));
    const state = fold(
      this.definition.decider,
      events.map((e) => ({ type: e.type, data: e.data }) as unknown as OrgEscalationEvent),
    );
    const raised = state.raised;
    const head = events[events.length - 1];
    if (!raised || !head) return undefined;
    if (!canSeeOrgEscalation(actor, { target: raised.target, raisedByOrgId: raised.raisedBy.orgId })) return undefined;
    return {
      ...itemOf(raised),
      revision: String(head.revision),
      history: events.map((e) => ({
        revision: String(e.revision),
        type: e.type,
        at: typeof e.data['at'] === 'string' ? e.data['at'] : null,
        recordedAt: e.metadata.recordedAt,
        actor: e.metadata.actor,
        description: describe(e, namesAsOf(this.names, e.metadata.recordedAt)),
      })),
    };
  }
}
