import { workflowSpec } from '@xj/testing';
import { createAccountabilityDecider } from '../accountability/accountability.decider';
import { AccountabilityEvent, OpenAccountabilityCase } from '../accountability/accountability.events';
import { createClueDecider } from '../clue/clue.decider';
import { RegisterClue } from '../clue/clue.commands';
import { createDomainConfig } from '../domain-config';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import {
  ACCOUNTABILITY_LINKED_ACTOR_ID,
  accountabilityLinkKey,
  accountabilityLinkedWorkflow,
} from './accountability-linked.workflow';
import { WorkflowEvent } from './workflow';

/* Issue 17 (accountability outside the commission, linked to the clue): the opening is linked on the clue's stream. */
const config = createDomainConfig();
const spec = workflowSpec(accountabilityLinkedWorkflow);
const AT = '2026-03-20T10:00:00+08:00';
const justice: Actor = {
  userId: 'u-justice',
  role: 'JusticeBureau',
  position: 'Staff',
  orgId: 'panjin.justice',
  regionId: 'panjin',
};

/** The opening as the accountability decider records it (so the workflow reads a real event). */
const opened = (over: Partial<OpenAccountabilityCase> = {}): WorkflowEvent => {
  const decider = createAccountabilityDecider();
  const result = decider.decide(
    {
      type: 'OpenAccountabilityCase',
      actor: justice,
      at: AT,
      accountabilityId: 'a-1',
      accountabilityType: 'EnforcementFault',
      clueId: 'c-1',
      regionId: 'panjin/dawa',
      decidingOrg: { orgId: 'panjin.justice', role: 'JusticeBureau', regionId: 'panjin' },
      summary: '执法人员违法作出罚款决定',
      occurredOn: '2026-03-19',
      ...over,
    },
    decider.initialState(),
  );
  if (isDomainError(result)) throw new Error(`setup: ${result.code}`);
  const [event] = result as readonly AccountabilityEvent[];
  if (!event) throw new Error('setup: nothing opened');
  return { category: 'accountability', streamId: 'a-1', eventId: 'a-1-opened', type: event.type, data: event.data };
};

describe('accountability-linked workflow (issue 17: an accountability case opened on a clue is linked on the clue)', () => {
  it('given an opening on a clue, then it links the case on the clue, on behalf of the opener, with a key naming the case and the clue', () => {
    spec
      .given([])
      .when(opened())
      .then([
        {
          kind: 'clue',
          id: 'c-1',
          key: accountabilityLinkKey('a-1', 'c-1'),
          command: {
            type: 'LinkAccountabilityCase',
            actor: {
              userId: ACCOUNTABILITY_LINKED_ACTOR_ID,
              role: 'JusticeBureau',
              position: 'Staff',
              orgId: 'panjin.justice',
              regionId: 'panjin/dawa',
            },
            at: AT,
            clueId: 'c-1',
            accountabilityId: 'a-1',
            accountabilityType: 'EnforcementFault',
            decidingOrgId: 'panjin.justice',
            openedOn: '2026-03-19',
          },
        },
      ]);
  });

  it('the same opening delivered twice gives the same command key (the command path runs it once)', () => {
    const [first] = spec.given([]).when(opened()).thenCommands();
    const [again] = spec.given([opened()]).when(opened()).thenCommands();
    expect(again?.key).toBe(first?.key);
  });

  it('the clue decider accepts the command and the clue lists the case', () => {
    const clue = createClueDecider(config);
    const register: RegisterClue = {
      type: 'RegisterClue',
      actor: { ...justice, userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
      at: '2026-03-02T09:00:00+08:00',
      clueId: 'c-1',
      regionId: 'panjin/dawa',
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕12号',
      receivedAt: '2026-02-27T16:00:00+08:00',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: '应急局违法罚款被复议撤销',
    };
    const registered = clue.decide(register, clue.initialState());
    if (isDomainError(registered)) throw new Error(registered.code);
    const [sent] = spec.given([]).when(opened()).thenCommands();
    const linked = clue.decide(sent?.command as Parameters<typeof clue.decide>[0], fold(clue, registered));
    if (isDomainError(linked)) throw new Error(linked.code);
    expect(fold(clue, [...registered, ...linked]).accountabilityIds).toEqual(['a-1']);
  });

  it('sends nothing for a case opened without a clue, nor for any later event of the case', () => {
    spec
      .given([])
      .when(opened({ clueId: undefined }))
      .then([]);
    spec
      .given([opened()])
      .when({
        category: 'accountability',
        streamId: 'a-1',
        eventId: 'e2',
        type: 'AccountabilityInvestigationStarted',
        data: {},
      })
      .then([]);
  });
});
