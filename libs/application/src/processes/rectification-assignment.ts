import {
  Actor,
  AssignRectificationItem,
  CLUE_CATEGORY,
  ClueState,
  Instant,
  RectificationPlanItem,
  RectificationPlanSubmittedData,
} from '@xj/domain';
import { CommandContext } from '../command/command-executor';
import { deterministicUuid } from '../command/deterministic-id';
import { RecordedEvent } from '../event-store/event-store.types';

/** The system actor that assigns plan items on behalf of the clue's supervising office. */
export const RECTIFICATION_PLAN_ACTOR_ID = 'process:rectification-plan';

/** The stored type of the C7 event whose items are assigned. */
export const PLAN_SUBMITTED_EVENT = 'RectificationPlanSubmitted';

/** What an assignment needs of the clue (all set at registration and never changed). */
export type ClueFacts = Pick<ClueState, 'ownerOrgId' | 'regionId' | 'agency'>;

/** One item's assignment, with the command id that makes it happen once whoever runs it. */
export interface PlannedAssignment {
  readonly itemId: string;
  readonly commandId: string;
  readonly command: AssignRectificationItem;
}

/** A plan event's assignments and the command context both paths run them with. */
export interface PlanAssignments {
  readonly clueId: string;
  readonly assignments: readonly PlannedAssignment[];
  /** The plan's correlation id; caused by the plan event. */
  readonly context: Omit<CommandContext, 'commandId'>;
}

/**
 * The id of the command that assigns `itemId` of `clueId`'s plan. The command path recognises
 * an id already on the item's stream, so whichever path runs second writes nothing.
 */
export const assignmentCommandId = (clueId: string, itemId: string): string =>
  deterministicUuid(`assign:${clueId}:${itemId}`);

/**
 * C7 → §4.3: the AssignRectificationItem of each plan item, on behalf of the clue's supervising
 * office. The ONE place these commands are built, so the two paths that run them (the plan
 * request and the process manager) cannot drift: when both race, their events must be identical
 * or the store refuses the second as an id conflict. Hence `at` is the plan's own time, never "now".
 *
 * Undefined when the clue lacks what an assignment needs (a clue that was never registered).
 */
export const planAssignments = (
  clueId: string,
  items: readonly RectificationPlanItem[],
  clue: ClueFacts,
  at: Instant,
): PlannedAssignment[] | undefined => {
  const { ownerOrgId, regionId, agency } = clue;
  if (!ownerOrgId || !regionId || !agency) return undefined;
  const office: Actor = {
    userId: RECTIFICATION_PLAN_ACTOR_ID,
    role: 'RuleOfLawOffice',
    position: 'Head',
    orgId: ownerOrgId,
    regionId,
  };
  return items.map((item) => ({
    itemId: item.itemId,
    commandId: assignmentCommandId(clueId, item.itemId),
    command: {
      type: 'AssignRectificationItem',
      actor: office,
      at,
      itemId: item.itemId,
      clueId,
      regionId,
      agencyOrgId: agency.orgId,
      mode: item.mode,
      issue: item.issue,
      measures: item.measures,
      ...(item.dueDate !== undefined ? { dueDate: item.dueDate } : {}),
      ...(item.longTermTarget !== undefined ? { longTermTarget: item.longTermTarget } : {}),
      // A plan recorded before the owner was kept names only the responsible person. An item must
      // have an owner, and leaving it unassigned would block 销号 (C10 needs every item closed),
      // so the one person the record names for the item answers for it.
      owner: item.owner ?? item.responsiblePerson,
      responsiblePerson: item.responsiblePerson,
    },
  }));
};

/**
 * The assignments of a stored RectificationPlanSubmitted event of `clue-<id>`. Undefined for
 * another event, or for a clue without the facts an assignment needs.
 */
export const assignmentsOfPlanEvent = (event: RecordedEvent, clue: ClueFacts): PlanAssignments | undefined => {
  if (event.type !== PLAN_SUBMITTED_EVENT) return undefined;
  const clueId = event.streamId.slice(CLUE_CATEGORY.length + 1);
  // Stored events were produced by the decider, as the command path assumes too.
  const plan = event.data as unknown as RectificationPlanSubmittedData;
  const assignments = planAssignments(clueId, plan.items, clue, plan.at);
  return (
    assignments && {
      clueId,
      assignments,
      context: { correlationId: event.metadata.correlationId, causationId: event.eventId },
    }
  );
};
