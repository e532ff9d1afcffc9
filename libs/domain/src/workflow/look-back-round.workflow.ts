import { LOOK_BACK_ROUND_CATEGORY, LookBackRoundLaunched } from '../look-back/look-back-round';
import type { Actor } from '../shared/actor';
import { Workflow, WorkflowCommand } from './workflow';

/** The system actor that schedules a round's look-backs on behalf of the round's supervisor. */
export const LOOK_BACK_ROUND_ACTOR_ID = 'process:look-back-round';

/** The key of the command scheduling `itemId`'s look-back for the round: once per round and item. */
export const roundLookBackKey = (roundId: string, itemId: string): string => `look-back-round:${roundId}:${itemId}`;

/**
 * Issue 17 (回头看 as a campaign): a launched round sends each of its items a ScheduleLookBack (the
 * existing C12 mechanism), as the launching supervisor head at the launch time, keyed by round and
 * item so a re-delivery schedules nothing twice. Stateless: the event names everything.
 */
export const lookBackRoundWorkflow: Workflow<Record<string, never>> = {
  name: 'look-back-round',
  version: 1,
  categories: [LOOK_BACK_ROUND_CATEGORY],
  eventTypes: ['LookBackRoundLaunched'],
  instanceOf: (event) => (event.category === LOOK_BACK_ROUND_CATEGORY ? event.streamId : undefined),
  initialState: () => ({}),
  evolve: (state) => state,
  decide(input) {
    if (input.category !== LOOK_BACK_ROUND_CATEGORY || input.type !== 'LookBackRoundLaunched') return [];
    const { data } = input as unknown as LookBackRoundLaunched;
    const supervisor: Actor = {
      userId: LOOK_BACK_ROUND_ACTOR_ID,
      role: data.by.role,
      position: 'Head',
      orgId: data.ownerOrgId,
      regionId: data.regionId,
    };
    return data.itemIds.map((itemId): WorkflowCommand => ({
      kind: 'rectification',
      id: itemId,
      key: roundLookBackKey(data.roundId, itemId),
      command: {
        type: 'ScheduleLookBack',
        actor: supervisor,
        at: data.at,
        itemId,
        ...(data.lookBackOn !== undefined ? { lookBackOn: data.lookBackOn } : {}),
        // Scheduled on the round's business date, which lies after every item's 销号.
        ...(data.occurredOn !== undefined ? { occurredOn: data.occurredOn } : {}),
      },
    }));
  },
};
