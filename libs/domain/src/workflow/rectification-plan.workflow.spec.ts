import { workflowSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { WorkflowEvent } from './workflow';
import { RECTIFICATION_PLAN_ACTOR_ID, assignmentKey, rectificationPlanWorkflow } from './rectification-plan.workflow';

const spec = workflowSpec(rectificationPlanWorkflow);
const AT = '2026-04-01T09:00:00+08:00';
const agency = { orgId: 'dawa.emergency', name: '大洼区应急管理局' };
const by = { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' };

const clueEvent = (type: string, data: object, clueId = 'C1'): WorkflowEvent => ({
  category: 'clue',
  streamId: clueId,
  eventId: `${clueId}-${type}`,
  type,
  data,
});
const registered = clueEvent('ClueRegistered', {
  at: '2026-03-02T09:00:00+08:00',
  by,
  clueId: 'C1',
  regionId: 'panjin/dawa',
  ownerOrgId: 'panjin.rol-office',
  agency,
});
const plan = (items: readonly object[]) =>
  clueEvent('RectificationPlanSubmitted', { at: AT, by: { ...by, userId: 'u-agency-head' }, items });
const item = (itemId: string, over: object = {}) => ({
  itemId,
  issue: `问题 ${itemId}`,
  measures: '撤销罚款决定',
  mode: 'Deadline',
  dueDate: '2026-05-01',
  responsiblePerson: '法制科 李某',
  owner: '局长 张某',
  ...over,
});
const office: Actor = {
  userId: RECTIFICATION_PLAN_ACTOR_ID,
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'panjin.rol-office',
  regionId: 'panjin/dawa',
};

describe('rectification-plan workflow (C7 → §4.3)', () => {
  it('given a registered clue, when its plan is submitted, then each item is assigned as the office, at the plan time, keyed by clue and item', () => {
    spec
      .given([registered])
      .when(plan([item('I1'), item('I2', { mode: 'LongTerm', dueDate: undefined, longTermTarget: '审核全覆盖' })]))
      .then([
        {
          kind: 'rectification',
          id: 'I1',
          key: assignmentKey('C1', 'I1'),
          command: {
            type: 'AssignRectificationItem',
            actor: office,
            at: AT,
            itemId: 'I1',
            clueId: 'C1',
            regionId: 'panjin/dawa',
            agencyOrgId: 'dawa.emergency',
            mode: 'Deadline',
            issue: '问题 I1',
            measures: '撤销罚款决定',
            dueDate: '2026-05-01',
            owner: '局长 张某',
            responsiblePerson: '法制科 李某',
          },
        },
        {
          kind: 'rectification',
          id: 'I2',
          key: assignmentKey('C1', 'I2'),
          command: {
            type: 'AssignRectificationItem',
            actor: office,
            at: AT,
            itemId: 'I2',
            clueId: 'C1',
            regionId: 'panjin/dawa',
            agencyOrgId: 'dawa.emergency',
            mode: 'LongTerm',
            issue: '问题 I2',
            measures: '撤销罚款决定',
            longTermTarget: '审核全覆盖',
            owner: '局长 张某',
            responsiblePerson: '法制科 李某',
          },
        },
      ]);
  });

  it('given a plan recorded before owners were kept, then the responsible person answers for the item', () => {
    const [assign] = spec
      .given([registered])
      .when(plan([item('I1', { owner: undefined, responsiblePerson: '王五常' })]))
      .thenCommands();
    expect(assign?.command).toMatchObject({ owner: '王五常', responsiblePerson: '王五常' });
  });

  it('given a plan with its business date, then each item is assigned on that day (issue 17 item 7)', () => {
    const dated = clueEvent('RectificationPlanSubmitted', {
      at: AT,
      by: { ...by, userId: 'u-agency-head' },
      items: [item('I1'), item('I2')],
      occurredOn: '2026-03-16',
    });
    const commands = spec.given([registered]).when(dated).thenCommands();
    expect(commands.map((c) => (c.command as { occurredOn?: string }).occurredOn)).toEqual([
      '2026-03-16',
      '2026-03-16',
    ]);
    const undated = spec
      .given([registered])
      .when(plan([item('I1')]))
      .thenCommands();
    expect(Object.hasOwn(undated[0]?.command ?? {}, 'occurredOn')).toBe(false);
  });

  it('given no registration (nothing to assign from), when a plan arrives, then nothing is sent', () => {
    spec
      .given([])
      .when(plan([item('I1')]))
      .then([]);
  });

  it('given a registered clue, when another clue event arrives, then nothing is sent and the facts are kept', () => {
    const when = spec.given([registered]).when(clueEvent('ClueAnalysisStarted', { at: AT, by }));
    when.then([]);
    expect(when.thenState()).toEqual({ ownerOrgId: 'panjin.rol-office', regionId: 'panjin/dawa', agency });
  });

  it('belongs to the clue: one instance per clue stream, none for other categories', () => {
    expect(rectificationPlanWorkflow.instanceOf(registered)).toBe('C1');
    expect(rectificationPlanWorkflow.instanceOf({ ...registered, category: 'referral' })).toBeUndefined();
  });
});
