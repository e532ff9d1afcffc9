import { RectificationPlanItem } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import { ACTORS, AuditWorld, CLAIM, aggregates, dateOf } from '../audit/audit.fixtures-spec';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { RecordedEvent } from '../event-store/event-store.types';
import {
  PLAN_SUBMITTED_EVENT,
  RECTIFICATION_PLAN_ACTOR_ID,
  assignmentCommandId,
  assignmentsOfPlanEvent,
} from './rectification-assignment';
import {
  PlanFailureContext,
  RectificationPlanProcessManager,
  RectificationPlanProcessOptions,
} from './rectification-plan.process-manager';

const { office, officeHead, agencyHead } = ACTORS;
const { CHECKPOINT_NAME, CHECKPOINT_VERSION } = RectificationPlanProcessManager;

/** Polls `check` until it holds (fails the test after 5 s): for states the manager reaches on its own. */
const eventually = async (check: () => Promise<boolean>): Promise<void> => {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 5000) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const planItem = (itemId: string, over: Partial<RectificationPlanItem> = {}): RectificationPlanItem => ({
  itemId,
  issue: `问题 ${itemId}`,
  measures: '撤销罚款决定',
  mode: 'Deadline',
  dueDate: dateOf(30),
  responsiblePerson: '法制科 李某',
  owner: '局长 张某',
  ...over,
});

describe('RectificationPlanProcessManager (embedded event store and read models in memory)', () => {
  let world: AuditWorld;
  let readModels: SqliteReadModelStore;
  let failures: { error: unknown; context?: PlanFailureContext }[];
  const managers: RectificationPlanProcessManager[] = [];

  const manager = (
    executor = world.executor,
    options: RectificationPlanProcessOptions = {},
  ): RectificationPlanProcessManager => {
    const created = new RectificationPlanProcessManager(world.store, readModels, executor, aggregates, {
      onError: (error, context) => failures.push({ error, context }),
      idleSaveMs: 10,
      restartDelayMs: 5,
      ...options,
    });
    managers.push(created);
    return created;
  };
  const checkpoint = (): Promise<bigint | undefined> => readModels.checkpoint(CHECKPOINT_NAME, CHECKPOINT_VERSION);
  const reached = (position: bigint) => async (): Promise<boolean> => ((await checkpoint()) ?? -1n) >= position;
  const allEvents = (): Promise<RecordedEvent[]> => world.store.readAll();
  const itemEvents = (itemId: string): Promise<RecordedEvent[]> => world.store.readStream(`rectification-${itemId}`);

  /** C1 → C2 → C4 → C6: the clue waits for the agency's plan. */
  const clueInSupervision = async (clueId: string): Promise<void> => {
    await world.clue(clueId, 'RegisterClue', office, 0, {
      regionId: 'panjin/dawa',
      source: 'Reconsideration',
      sourceRef: `盘复〔2026〕${clueId}号`,
      receivedAt: '2026-02-27T16:00:00+08:00',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: '复议意见书送达后逾期未纠正违法罚款',
    });
    await world.clue(clueId, 'StartAnalysis', office, 0, { analystUserId: 'u-office' });
    await world.clue(clueId, 'StartVerification', officeHead, 1, {
      ...CLAIM,
      category: 'Inaction',
      verificationPlan: '调取卷宗',
      team: ['u-office'],
    });
    await world.clue(clueId, 'IssueSupervisionInstrument', officeHead, 2, {
      verificationReport: '核实属实',
      responsibleUnits: ['dawa.emergency'],
      instrument: { kind: 'SupervisionOpinion', documentNo: `盘法督〔2026〕${clueId}号` },
    });
  };

  /** The agency submits its plan (C7) and nothing assigns the items: the request died after the clue's event. */
  const planSubmitted = async (clueId: string, items: readonly RectificationPlanItem[]): Promise<RecordedEvent> => {
    await clueInSupervision(clueId);
    await world.clue(clueId, 'SubmitRectificationPlan', agencyHead, 3, { items });
    const plan = (await world.store.readStream(`clue-${clueId}`)).find((e) => e.type === PLAN_SUBMITTED_EVENT);
    if (!plan) throw new Error(`setup: no plan on ${clueId}`);
    return plan;
  };

  /** What the API does within the plan request, with the same helper. */
  const assignInRequest = async (plan: RecordedEvent): Promise<boolean[]> => {
    const clue = await world.executor.load(aggregates.clue, plan.streamId.slice('clue-'.length));
    const run = assignmentsOfPlanEvent(plan, clue.state);
    if (!run) throw new Error('setup: no assignments');
    const outcomes = [];
    for (const { itemId, commandId, command } of run.assignments) {
      outcomes.push(
        await world.executor.execute(aggregates.rectification, itemId, command, { ...run.context, commandId }),
      );
    }
    return outcomes.map((o) => o.replayed);
  };

  beforeEach(() => {
    world = new AuditWorld((clock) => new SqliteEventStore({ filename: ':memory:', clock, pollIntervalMs: 5 }));
    readModels = new SqliteReadModelStore({ filename: ':memory:' });
    failures = [];
  });

  afterEach(async () => {
    for (const created of managers.splice(0)) await created.stop();
    await readModels.close();
    await world.close();
  });

  it('given a plan whose items were never assigned (the request died), when the manager runs, then it assigns each item once, as the office, from the plan event alone', async () => {
    const plan = await planSubmitted('C1', [
      planItem('I1'),
      planItem('I2', { mode: 'LongTerm', dueDate: undefined, longTermTarget: '审核全覆盖' }),
    ]);
    manager().start();
    await eventually(reached(plan.position));

    for (const itemId of ['I1', 'I2']) {
      const events = await itemEvents(itemId);
      expect(events.map((e) => e.type)).toEqual(['RectificationItemAssigned']);
      expect(events[0]?.metadata).toMatchObject({
        actor: { userId: RECTIFICATION_PLAN_ACTOR_ID, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
        commandId: assignmentCommandId('C1', itemId),
        correlationId: plan.metadata.correlationId,
        causationId: plan.eventId,
      });
      expect(events[0]?.data).toMatchObject({
        clueId: 'C1',
        regionId: 'panjin/dawa',
        agencyOrgId: 'dawa.emergency',
        owner: '局长 张某',
        responsiblePerson: '法制科 李某',
        at: plan.data['at'],
      });
    }
    expect((await itemEvents('I2'))[0]?.data).toMatchObject({ mode: 'LongTerm', longTermTarget: '审核全覆盖' });
    // The in-request path, arriving late, finds every item assigned and writes nothing.
    expect(await assignInRequest(plan)).toEqual([true, true]);
    expect(failures).toEqual([]);
  });

  it('given a plan recorded without owners, when the manager assigns it, then each responsible person answers for the item', async () => {
    const plan = await planSubmitted('C1', [planItem('I1', { owner: undefined, responsiblePerson: '王五常' })]);
    manager().start();
    await eventually(reached(plan.position));
    expect((await itemEvents('I1'))[0]?.data).toMatchObject({ owner: '王五常', responsiblePerson: '王五常' });
  });

  it('given items the in-request path already assigned, when the manager handles the plan, then nothing new is written', async () => {
    const plan = await planSubmitted('C1', [planItem('I1'), planItem('I2')]);
    expect(await assignInRequest(plan)).toEqual([false, false]);
    const before = await allEvents();

    manager().start();
    await eventually(reached(plan.position));
    expect(await world.store.streamRevision('rectification-I1')).toBe(0n);
    expect(await world.store.streamRevision('rectification-I2')).toBe(0n);
    expect((await allEvents()).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    expect(failures).toEqual([]);
  });

  it('given the manager live, when the in-request path assigns the plan as it arrives, then each item is assigned once and nothing conflicts', async () => {
    manager().start();
    const plan = await planSubmitted('C1', [planItem('I1'), planItem('I2'), planItem('I3')]);
    await assignInRequest(plan);
    await eventually(reached(plan.position));
    for (const itemId of ['I1', 'I2', 'I3'])
      expect(await world.store.streamRevision(`rectification-${itemId}`)).toBe(0n);
    expect(failures).toEqual([]);
  });

  it('given a restart, when the manager runs again, then it resumes from its checkpoint and assigns only the plan that came meanwhile', async () => {
    const first = await planSubmitted('C1', [planItem('I1')]);
    const before = manager();
    before.start();
    await eventually(reached(first.position));
    await before.stop();
    const saved = await checkpoint();

    const second = await planSubmitted('C2', [planItem('I2')]);
    const executor = new CommandExecutor(world.store);
    const execute = jest.spyOn(executor, 'execute');
    const subscribe = jest.spyOn(world.store, 'subscribe');
    manager(executor).start();
    await eventually(reached(second.position));

    expect(subscribe.mock.calls[0]?.[0]).toMatchObject({ fromPosition: saved, filter: { categories: ['clue'] } });
    expect(execute.mock.calls.map((call) => call[1])).toEqual(['I2']);
    expect(await world.store.streamRevision('rectification-I1')).toBe(0n);
    expect(await world.store.streamRevision('rectification-I2')).toBe(0n);
  });

  it('given an assignment the domain refuses, when the manager meets it, then it reports it and carries on with the other items and later plans', async () => {
    // A supervisor put X1 on the ledger by hand, with other content, before the plan named it.
    await world.item('X1', 'AssignRectificationItem', officeHead, 2, {
      clueId: 'C0',
      regionId: 'panjin/dawa',
      agencyOrgId: 'dawa.emergency',
      mode: 'Immediate',
      issue: '另一问题',
      measures: '立行立改',
      owner: '局长 张某',
      responsiblePerson: '李某',
    });
    await planSubmitted('C1', [planItem('X1'), planItem('I2')]);
    const later = await planSubmitted('C2', [planItem('I3')]);
    manager().start();
    await eventually(reached(later.position));

    expect(failures).toHaveLength(1);
    expect(failures[0]?.context).toEqual({ clueId: 'C1', itemId: 'X1' });
    expect((failures[0]?.error as CommandRejectedError).domainError.code).toBe('RECTIFICATION.ALREADY_EXISTS');
    expect(await world.store.streamRevision('rectification-X1')).toBe(0n);
    expect(await world.store.streamRevision('rectification-I2')).toBe(0n);
    expect(await world.store.streamRevision('rectification-I3')).toBe(0n);
  });

  it('given a store failure, when assigning, then it stops, reports, and resubscribes from the saved checkpoint to finish the plan', async () => {
    const plan = await planSubmitted('C1', [planItem('I1'), planItem('I2')]);
    const executor = new CommandExecutor(world.store);
    const real = executor.execute.bind(executor);
    let calls = 0;
    jest
      .spyOn(executor, 'execute')
      .mockImplementation((...args) => (++calls === 2 ? Promise.reject(new Error('disk I/O error')) : real(...args)));
    manager(executor).start();
    await eventually(reached(plan.position));

    expect(failures.map((f) => (f.error as Error).message)).toEqual(['disk I/O error']);
    expect(await world.store.streamRevision('rectification-I1')).toBe(0n);
    expect(await world.store.streamRevision('rectification-I2')).toBe(0n);
  });

  it('given runs of other clue events, then the checkpoint is saved every N events and on stop, not in between', async () => {
    await clueInSupervision('C1');
    const positions = (await world.store.readStream('clue-C1')).map((e) => e.position);
    expect(positions).toHaveLength(4);
    const commits = jest.spyOn(readModels, 'commit');
    const delivered: bigint[] = [];
    const subscribe = world.store.subscribe.bind(world.store);
    jest.spyOn(world.store, 'subscribe').mockImplementation((options) =>
      subscribe({
        ...options,
        handler: async (event) => (await options.handler(event), void delivered.push(event.position)),
      }),
    );
    const counting = manager(world.executor, { checkpointEvery: 3, idleSaveMs: 60_000 });
    counting.start();
    await eventually(async () => delivered.length === 4);
    expect(commits.mock.calls.map((call) => call[3])).toEqual([positions[2]]);
    await counting.stop();
    expect(commits.mock.calls.map((call) => call[3])).toEqual([positions[2], positions[3]]);
    expect(await checkpoint()).toBe(positions[3]);
  });

  it('given the feed goes quiet, then the position reached is saved', async () => {
    await clueInSupervision('C1');
    const head = (await world.store.readStream('clue-C1')).at(-1)?.position as bigint;
    manager(world.executor, { checkpointEvery: 1000, idleSaveMs: 10 }).start();
    await eventually(reached(head));
  });
});
