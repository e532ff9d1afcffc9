import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CASE_WORKFLOWS,
  RectificationPlanItem,
  Workflow,
  accountabilityLinkKey,
  assignmentKey,
  rectificationPlanWorkflow,
  referralSentWorkflow,
} from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import {
  ACTORS,
  AuditWorld,
  CITY_CCDI,
  CLAIM,
  DAWA_CCDI,
  aggregates,
  clueProposed,
  dateOf,
  day,
  packageOf,
  S1,
  S2,
} from '../audit/audit.fixtures-spec';
import { CommandRejectedError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { deterministicUuid } from '../command/deterministic-id';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent } from '../event-store/event-store.types';
import { ReadModelStore } from '../read-models/read-model-store.port';
import {
  WorkflowFailureContext,
  WorkflowProcessor,
  WorkflowProcessorOptions,
  workflowStoreName,
} from './workflow-processor';

const { office, officeHead, agencyHead, ccdi, ccdiHead } = ACTORS;

/** Polls `check` until it holds (fails the test after 10 s): for states the processor reaches on its own. */
const eventually = async (check: () => Promise<boolean>): Promise<void> => {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 10_000) throw new Error('condition not reached');
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

/** C1 → C2 → C4 → C6: the clue waits for the agency's plan. */
const clueInSupervision = async (world: AuditWorld, clueId: string): Promise<void> => {
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

/** The agency submits its plan (C7); nothing else assigns the items. */
const planSubmitted = async (
  world: AuditWorld,
  clueId: string,
  items: readonly RectificationPlanItem[],
): Promise<RecordedEvent> => {
  await clueInSupervision(world, clueId);
  await world.clue(clueId, 'SubmitRectificationPlan', agencyHead, 3, { items });
  const plan = (await world.store.readStream(`clue-${clueId}`)).find((e) => e.type === 'RectificationPlanSubmitted');
  if (!plan) throw new Error(`setup: no plan on ${clueId}`);
  return plan;
};

/** C1 proposes R1; R1 is drafted, approved, sent to the city commission, received and partially accepted (child R1a). */
const referralPartiallyAccepted = async (world: AuditWorld): Promise<void> => {
  await clueProposed(world);
  await world.referral('R1', 'DraftReferral', office, 1, {
    clueId: 'C1',
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    package: packageOf([S1, S2]),
  });
  await world.referral('R1', 'ApproveReferral', officeHead, 1, { opinion: '同意移送' });
  await world.referral('R1', 'SendReferral', office, 2, { target: CITY_CCDI });
  await world.referral('R1', 'ReceiveReferral', ccdi, 3, { registrationNo: 'JW-2026-001' });
  await world.referral('R1', 'PartiallyAcceptReferral', ccdiHead, 4, {
    acceptedSubjectIds: ['s1'],
    forwardTo: DAWA_CCDI,
    childReferralId: 'R1a',
    reason: '乡科级干部由区纪委监委管辖',
  });
};

/** The office opens 追责问责 on each clue, decided by the agency (issue 17); nothing else links them on the clues. */
const accountabilityOpened = async (world: AuditWorld, links: readonly [string, string][]): Promise<void> => {
  for (const [accountabilityId, clueId] of links)
    await world.executor.execute(
      aggregates.accountability,
      accountabilityId,
      {
        type: 'OpenAccountabilityCase',
        actor: office,
        at: day(5),
        accountabilityId,
        accountabilityType: 'EnforcementFault',
        clueId,
        regionId: 'panjin/dawa',
        decidingOrg: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
        summary: '执法人员违法作出罚款决定',
      },
      { commandId: `open-${accountabilityId}`, correlationId: `corr-${accountabilityId}` },
    );
};

const typesOf = async (store: EventStore, streamId: string): Promise<string[]> =>
  (await store.readStream(streamId)).map((e) => e.type);

describe('WorkflowProcessor (embedded stores)', () => {
  const processors: WorkflowProcessor[] = [];
  let failures: { error: unknown; context?: WorkflowFailureContext }[];
  const report = (error: unknown, context?: WorkflowFailureContext) => void failures.push({ error, context });

  const processor = (
    events: EventStore,
    readModels: ReadModelStore,
    executor = new CommandExecutor(events),
    workflows: readonly Workflow<unknown>[] = CASE_WORKFLOWS,
    options: WorkflowProcessorOptions = {},
  ): WorkflowProcessor => {
    const created = new WorkflowProcessor(events, readModels, executor, aggregates, workflows, {
      onError: report,
      idleSaveMs: 10,
      restartDelayMs: 5,
      ...options,
    });
    processors.push(created);
    return created;
  };
  const reached =
    (readModels: ReadModelStore, position: bigint, workflows = CASE_WORKFLOWS) =>
    async () => {
      for (const w of workflows)
        if (((await readModels.checkpoint(workflowStoreName(w), w.version)) ?? -1n) < position) return false;
      return true;
    };
  /** The last event the case workflows consume (they never see the items' own events). */
  const head = async (store: EventStore): Promise<bigint> =>
    (await store.readAll()).filter((e) => /^(clue|referral)-/.test(e.streamId)).at(-1)?.position ?? -1n;

  beforeEach(() => {
    failures = [];
  });
  afterEach(async () => {
    for (const created of processors.splice(0)) await created.stop();
  });

  describe('in memory', () => {
    let world: AuditWorld;
    let readModels: SqliteReadModelStore;
    beforeEach(() => {
      world = new AuditWorld((clock) => new SqliteEventStore({ filename: ':memory:', clock, pollIntervalMs: 5 }));
      readModels = new SqliteReadModelStore({ filename: ':memory:' });
    });
    afterEach(async () => {
      for (const created of processors.splice(0)) await created.stop();
      await readModels.close();
      await world.close();
    });

    it('given a sent, partially accepted referral and a plan, when the processor runs, then the clue records the send, the child is opened and each item assigned, once, caused by the triggering event', async () => {
      await referralPartiallyAccepted(world);
      const plan = await planSubmitted(world, 'C2', [planItem('I1'), planItem('I2')]);
      processor(world.store, readModels).start();
      await eventually(reached(readModels, await head(world.store)));

      const clue = await world.store.readStream('clue-C1');
      const sentOnClue = clue.filter((e) => e.type === 'ClueReferralSent');
      expect(sentOnClue).toHaveLength(1);
      const send = (await world.store.readStream('referral-R1')).find((e) => e.type === 'ReferralSent');
      expect(sentOnClue[0]?.metadata).toMatchObject({
        actor: { userId: 'process:referral-sent', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
        causationId: send?.eventId,
        correlationId: send?.metadata.correlationId,
      });
      expect(sentOnClue[0]?.data).toMatchObject({ referralId: 'R1', sentAt: send?.data['sentAt'] });

      const child = await world.store.readStream('referral-R1a');
      expect(child.map((e) => e.type)).toEqual(['ForwardedReferralOpened']);
      expect(child[0]?.data).toMatchObject({
        parentReferralId: 'R1',
        clueId: 'C1',
        forwardedBy: 'panjin.ccdi',
        forwardTo: DAWA_CCDI,
        by: { userId: ccdiHead.userId, role: 'DisciplineCommission', orgId: 'panjin.ccdi' },
        package: { subjects: [S2] },
      });

      for (const itemId of ['I1', 'I2']) {
        const events = await world.store.readStream(`rectification-${itemId}`);
        expect(events.map((e) => e.type)).toEqual(['RectificationItemAssigned']);
        expect(events[0]?.metadata).toMatchObject({
          commandId: deterministicUuid(assignmentKey('C2', itemId)),
          causationId: plan.eventId,
        });
      }
      expect(failures).toEqual([]);
    });

    it('given a command the domain refuses, then it is reported and the other commands and later events go on', async () => {
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
      const first = await planSubmitted(world, 'C1', [planItem('X1'), planItem('I2')]);
      await planSubmitted(world, 'C2', [planItem('I3')]);
      processor(world.store, readModels).start();
      await eventually(reached(readModels, await head(world.store)));

      expect(failures).toHaveLength(1);
      expect(failures[0]?.context).toEqual({
        workflow: 'rectification-plan',
        instanceId: 'C1',
        position: String(first.position),
        command: { kind: 'rectification', id: 'X1', type: 'AssignRectificationItem' },
      });
      expect((failures[0]?.error as CommandRejectedError).domainError.code).toBe('RECTIFICATION.ALREADY_EXISTS');
      for (const itemId of ['X1', 'I2', 'I3'])
        expect(await world.store.streamRevision(`rectification-${itemId}`)).toBe(0n);
    });

    it('given a store failure between two commands, then it stops, reports, and resumes from its checkpoint to finish', async () => {
      await planSubmitted(world, 'C1', [planItem('I1'), planItem('I2')]);
      const executor = new CommandExecutor(world.store);
      const real = executor.execute.bind(executor);
      let calls = 0;
      jest
        .spyOn(executor, 'execute')
        .mockImplementation((...args) => (++calls === 2 ? Promise.reject(new Error('disk I/O error')) : real(...args)));
      processor(world.store, readModels, executor).start();
      await eventually(reached(readModels, await head(world.store)));

      expect(failures.map((f) => (f.error as Error).message)).toEqual(['disk I/O error']);
      expect(await world.store.streamRevision('rectification-I1')).toBe(0n);
      expect(await world.store.streamRevision('rectification-I2')).toBe(0n);
    });

    it('given a restart, then each workflow resumes from its own checkpoint, and one added later starts from the first event', async () => {
      await planSubmitted(world, 'C0', [planItem('I1')]);
      const before = processor(world.store, readModels, undefined, [rectificationPlanWorkflow]);
      before.start();
      await eventually(reached(readModels, await head(world.store), [rectificationPlanWorkflow]));
      await before.stop();
      const saved = await readModels.checkpoint(workflowStoreName(rectificationPlanWorkflow), 1);

      await referralPartiallyAccepted(world);
      await planSubmitted(world, 'C2', [planItem('I2')]);
      const executor = new CommandExecutor(world.store);
      const execute = jest.spyOn(executor, 'execute');
      const subscribe = jest.spyOn(world.store, 'subscribe');
      const workflows = [rectificationPlanWorkflow, referralSentWorkflow];
      processor(world.store, readModels, executor, workflows).start();
      await eventually(reached(readModels, await head(world.store), workflows));

      expect(saved).toBeDefined();
      // The newcomer has no checkpoint: the feed starts from the first event.
      expect(subscribe.mock.calls[0]?.[0]).toMatchObject({ fromPosition: undefined });
      expect(execute.mock.calls.map((call) => call[1])).toEqual(['C1', 'I2']);
      expect(await typesOf(world.store, 'rectification-I1')).toEqual(['RectificationItemAssigned']);
      expect((await typesOf(world.store, 'clue-C1')).filter((t) => t === 'ClueReferralSent')).toHaveLength(1);
    });

    it('given runs of events it does not act on, then checkpoints are saved every N events and on stop', async () => {
      await clueInSupervision(world, 'C1');
      const positions = (await world.store.readStream('clue-C1')).map((e) => e.position);
      const commits = jest.spyOn(readModels, 'commit');
      const counting = processor(world.store, readModels, undefined, [referralSentWorkflow], {
        checkpointEvery: 3,
        idleSaveMs: 60_000,
      });
      counting.start();
      await eventually(async () => commits.mock.calls.length > 0);
      expect(commits.mock.calls.map((call) => call[3])).toEqual([positions[2]]);
      await counting.stop();
      expect(commits.mock.calls.map((call) => call[3])).toEqual([positions[2], positions[3]]);
      expect(await counting.checkpoints()).toEqual({ 'referral-sent': String(positions[3]) });
    });
  });

  describe('on files in a DATA_DIR, as two processes would share them', () => {
    let dir: string;
    const opened: { close(): Promise<void> }[] = [];
    const events = (): SqliteEventStore => {
      const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
      opened.push(store);
      return store;
    };
    const readModelsOf = (): SqliteReadModelStore => {
      const store = new SqliteReadModelStore({ filename: join(dir, 'readmodels.sqlite') });
      opened.push(store);
      return store;
    };
    let world: AuditWorld;
    /** Ends a command left hanging by a "killed" processor, so that a failed test still stops it. */
    let release: (() => void) | undefined;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'xj-workflows-'));
      world = new AuditWorld((clock) => {
        const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), clock, pollIntervalMs: 5 });
        opened.push(store);
        return store;
      });
    });
    afterEach(async () => {
      release?.();
      release = undefined;
      for (const created of processors.splice(0)) await created.stop();
      for (const store of opened.splice(0).reverse()) await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('given a processor killed between the first and the second command of a plan, when a new one starts on the same stores, then the rest is assigned after the restart, each item exactly once', async () => {
      await planSubmitted(world, 'C1', [planItem('I1'), planItem('I2'), planItem('I3')]);
      const total = (await world.store.readAll()).length;

      // The first process dies inside its second command: that call never returns, nothing after it runs.
      const dying = new CommandExecutor(events());
      const real = dying.execute.bind(dying);
      let killed: ((error: Error) => void) | undefined;
      let calls = 0;
      jest.spyOn(dying, 'execute').mockImplementation((...args) => {
        calls += 1;
        if (calls === 1) return real(...args);
        return new Promise((_, reject) => {
          killed = reject;
          release = () => reject(new Error('released'));
        });
      });
      const first = processor(events(), readModelsOf(), dying);
      first.start();
      await eventually(async () => killed !== undefined);
      expect(await typesOf(world.store, 'rectification-I1')).toEqual(['RectificationItemAssigned']);
      expect(await world.store.streamRevision('rectification-I2')).toBeUndefined();

      const readModels = readModelsOf();
      const second = processor(events(), readModels);
      second.start();
      await eventually(reached(readModels, await head(world.store)));

      for (const itemId of ['I1', 'I2', 'I3'])
        expect(await typesOf(world.store, `rectification-${itemId}`)).toEqual(['RectificationItemAssigned']);
      expect((await world.store.readAll()).length).toBe(total + 3);

      // The dead one's call fails at last: it resumes from its checkpoint and writes nothing more.
      killed?.(new Error('killed'));
      await eventually(async () => failures.length > 0);
      await first.stop();
      await second.stop();
      expect((await world.store.readAll()).length).toBe(total + 3);
      expect(failures.map((f) => (f.error as Error).message)).toEqual(['killed']);
    });

    it('given a processor killed between an accountability case’s opening and its link on the clue, when a new one starts, then each clue links its case exactly once (issue 17)', async () => {
      await clueInSupervision(world, 'C1');
      await clueInSupervision(world, 'C2');
      await accountabilityOpened(world, [
        ['A1', 'C1'],
        ['A2', 'C2'],
      ]);
      const total = (await world.store.readAll()).length;
      const last = (await world.store.readAll()).at(-1)?.position ?? -1n;

      // The first process links A1, then dies inside the link of A2: that call never returns.
      const dying = new CommandExecutor(events());
      const real = dying.execute.bind(dying);
      let killed: ((error: Error) => void) | undefined;
      jest.spyOn(dying, 'execute').mockImplementation((...args) => {
        if (args[1] !== 'C2') return real(...args);
        return new Promise((_, reject) => {
          killed = reject;
          release = () => reject(new Error('released'));
        });
      });
      const first = processor(events(), readModelsOf(), dying);
      first.start();
      await eventually(async () => killed !== undefined);
      expect((await typesOf(world.store, 'clue-C1')).filter((t) => t === 'AccountabilityCaseLinked')).toHaveLength(1);
      expect(await typesOf(world.store, 'clue-C2')).not.toContain('AccountabilityCaseLinked');

      const readModels = readModelsOf();
      const second = processor(events(), readModels);
      second.start();
      await eventually(reached(readModels, last));

      const opening = (await world.store.readStream('accountability-A2'))[0];
      const linked = (await world.store.readStream('clue-C2')).filter((e) => e.type === 'AccountabilityCaseLinked');
      expect(linked).toHaveLength(1);
      expect(linked[0]?.data).toMatchObject({ accountabilityId: 'A2', decidingOrgId: 'dawa.emergency' });
      expect(linked[0]?.metadata).toMatchObject({
        actor: { userId: 'process:accountability-linked', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
        commandId: deterministicUuid(accountabilityLinkKey('A2', 'C2')),
        causationId: opening?.eventId,
      });
      expect((await world.store.readAll()).length).toBe(total + 2);

      // The dead one's call fails at last: it resumes from its checkpoint and writes nothing more.
      killed?.(new Error('killed'));
      await eventually(async () => failures.length > 0);
      await first.stop();
      await second.stop();
      expect((await world.store.readAll()).length).toBe(total + 2);
      expect(failures.map((f) => (f.error as Error).message)).toEqual(['killed']);
    });

    it('given two processors running at once on the same stores, then every step happens exactly once', async () => {
      await referralPartiallyAccepted(world);
      for (const clueId of ['C2', 'C3', 'C4'])
        await planSubmitted(
          world,
          clueId,
          [1, 2, 3].map((n) => planItem(`${clueId}-I${n}`)),
        );
      const total = (await world.store.readAll()).length;

      const [a, b] = [readModelsOf(), readModelsOf()];
      processor(events(), a).start();
      processor(events(), b).start();
      // More arrives while both run.
      await planSubmitted(world, 'C5', [planItem('C5-I1'), planItem('C5-I2')]);
      const last = await head(world.store);
      await eventually(reached(a, last));
      await eventually(reached(b, last));

      expect((await typesOf(world.store, 'clue-C1')).filter((t) => t === 'ClueReferralSent')).toHaveLength(1);
      expect(await typesOf(world.store, 'referral-R1a')).toEqual(['ForwardedReferralOpened']);
      const items = ['C2', 'C3', 'C4'].flatMap((c) => [1, 2, 3].map((n) => `${c}-I${n}`)).concat(['C5-I1', 'C5-I2']);
      for (const itemId of items)
        expect(await typesOf(world.store, `rectification-${itemId}`)).toEqual(['RectificationItemAssigned']);
      // The C5 clue's own five events, then one per step: the send, the child, 11 items.
      expect((await world.store.readAll()).length).toBe(total + 5 + 1 + 1 + items.length);
      expect(failures).toEqual([]);
    });
  });
});
