import { ACCOUNTABILITY_CATEGORY } from '../accountability/accountability.events';
import type { Actor } from '../shared/actor';
import { Workflow, WorkflowCommand, caseEventOf } from './workflow';

/** The system actor that links an accountability case on its clue, with the opener's role and organisation. */
export const ACCOUNTABILITY_LINKED_ACTOR_ID = 'process:accountability-linked';

/** The key of the command that links `accountabilityId` on `clueId` (one link per case, ever). */
export const accountabilityLinkKey = (accountabilityId: string, clueId: string): string =>
  `accountability-linked:${accountabilityId}:${clueId}`;

/**
 * Issue 17 (accountability outside the commission, "linked to the clue"): an accountability case
 * opened on a clue is linked on the clue's stream (AccountabilityCaseLinked), so the clue's history
 * and linked cases show it. One event triggers one command and the case's opening is all it needs:
 * no state is kept between events.
 */
export const accountabilityLinkedWorkflow: Workflow<Record<string, never>> = {
  name: 'accountability-linked',
  version: 1,
  categories: [ACCOUNTABILITY_CATEGORY],
  eventTypes: ['AccountabilityCaseOpened'],
  instanceOf: (event) => (event.category === ACCOUNTABILITY_CATEGORY ? event.streamId : undefined),
  initialState: () => ({}),
  evolve: (state) => state,
  decide(input) {
    const event = caseEventOf('accountability', input);
    if (event?.type !== 'AccountabilityCaseOpened' || event.data.clueId === undefined) return [];
    const { clueId, accountabilityType, decidingOrgId, openedOn, regionId, at, by } = event.data;
    // On behalf of the opener, within the case's region (the clue's, where the case was opened on one).
    const opener: Actor = {
      userId: ACCOUNTABILITY_LINKED_ACTOR_ID,
      role: by.role,
      position: 'Staff',
      orgId: by.orgId,
      regionId,
    };
    const command: WorkflowCommand = {
      kind: 'clue',
      id: clueId,
      key: accountabilityLinkKey(input.streamId, clueId),
      command: {
        type: 'LinkAccountabilityCase',
        actor: opener,
        at,
        clueId,
        accountabilityId: input.streamId,
        accountabilityType,
        decidingOrgId,
        openedOn,
      },
    };
    return [command];
  },
};
