import type { Agency } from '../clue/clue.commands';
import { CLUE_CATEGORY } from '../clue/clue.state';
import type { Actor } from '../shared/actor';
import { Workflow, WorkflowCommand, caseEventOf } from './workflow';

/** The system actor that assigns plan items on behalf of the clue's supervising office. */
export const RECTIFICATION_PLAN_ACTOR_ID = 'process:rectification-plan';

/** What an assignment needs of the clue (all set at registration and never changed). */
export interface RectificationPlanState {
  readonly ownerOrgId?: string;
  readonly regionId?: string;
  readonly agency?: Agency;
}

/** The key of the command that assigns `itemId` of `clueId`'s plan (the id the plan request used before). */
export const assignmentKey = (clueId: string, itemId: string): string => `assign:${clueId}:${itemId}`;

/**
 * C7 → §4.3: each item of a submitted rectification plan becomes a RectificationItem, assigned on
 * behalf of the clue's supervising office. One instance per clue; `at` is the plan's own time, so
 * every delivery of the plan builds the very same commands.
 */
export const rectificationPlanWorkflow: Workflow<RectificationPlanState> = {
  name: 'rectification-plan',
  version: 1,
  categories: [CLUE_CATEGORY],
  eventTypes: ['ClueRegistered', 'RectificationPlanSubmitted'],
  instanceOf: (event) => (event.category === CLUE_CATEGORY ? event.streamId : undefined),
  initialState: () => ({}),
  evolve(state, input) {
    const event = caseEventOf('clue', input);
    if (event?.type !== 'ClueRegistered') return state;
    const { ownerOrgId, regionId, agency } = event.data;
    return { ownerOrgId, regionId, agency };
  },
  decide(input, state) {
    const event = caseEventOf('clue', input);
    if (event?.type !== 'RectificationPlanSubmitted') return [];
    const clueId = input.streamId;
    const { ownerOrgId, regionId, agency } = state;
    // A plan on a clue never registered cannot be assigned (the decider would not have accepted it).
    if (!ownerOrgId || !regionId || !agency) return [];
    const office: Actor = {
      userId: RECTIFICATION_PLAN_ACTOR_ID,
      role: 'RuleOfLawOffice',
      position: 'Head',
      orgId: ownerOrgId,
      regionId,
    };
    return event.data.items.map((item): WorkflowCommand => ({
      kind: 'rectification',
      id: item.itemId,
      key: assignmentKey(clueId, item.itemId),
      command: {
        type: 'AssignRectificationItem',
        actor: office,
        at: event.data.at,
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
        // Assigned on the plan's business date (issue 17 item 7), already checked against the clue's receipt.
        ...(event.data.occurredOn !== undefined ? { occurredOn: event.data.occurredOn } : {}),
      },
    }));
  },
};
