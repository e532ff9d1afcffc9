import {
  Actor,
  ClueCommand,
  ClueEvent,
  ClueState,
  createClueDecider,
  createDomainConfig,
  CLUE_CATEGORY,
} from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { AggregateDefinition } from './aggregate-definition';
import { IdempotencyKeyReusedError } from './command-errors';
import { CommandExecutor, CommandOutcome } from './command-executor';

const clues: AggregateDefinition<ClueCommand, ClueState, ClueEvent> = {
  category: CLUE_CATEGORY,
  decider: createClueDecider(createDomainConfig()),
  schemaVersion: 1,
};
const office: Actor = {
  userId: 'u-1',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
/** Every attempt of a request reads the clock anew: the decided events differ between attempts. */
const at = (attempt: number): string => `2026-03-02T09:00:${String(attempt % 60).padStart(2, '0')}+08:00`;
const register = (clueId: string, attempt: number): ClueCommand => ({
  type: 'RegisterClue',
  actor: office,
  at: at(attempt),
  clueId,
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-02-27T16:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not perform a reconsideration decision.',
});
const analyse = (clueId: string, attempt: number): ClueCommand => ({
  type: 'StartAnalysis',
  actor: office,
  at: at(attempt),
  clueId,
  analystUserId: 'u-2',
});
const escalate = (clueId: string, escalationId: string): ClueCommand => ({
  type: 'RaiseEscalation',
  actor: office,
  at: at(0),
  clueId,
  escalationId,
  escalationType: 'Interview',
  reason: 'slow',
  targetOrgId: 'dawa.emergency',
  target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
});
const ctx = (commandId: string, extra: object = {}) => ({ commandId, correlationId: `corr-${commandId}`, ...extra });
const ATTEMPTS = 8;

/** What a client would see of an outcome: everything but whether this attempt wrote. */
const answerOf = ({ replayed: _, ...answer }: CommandOutcome<ClueState>) => ({
  ...answer,
  status: answer.state.status,
});

describe('CommandExecutor: attempts of one command (same command id) racing or repeated', () => {
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    executor = new CommandExecutor(store);
  });
  afterEach(() => store.close());

  it('given no stream, when attempts of one creating command race with different clock readings, then all answer the one success and one event is written', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) => executor.execute(clues, 'c1', register('c1', i), ctx('cmd-1'))),
    );
    const events = await store.readStream('clue-c1');
    expect(events).toHaveLength(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    const [first] = events;
    for (const outcome of outcomes) {
      expect(answerOf(outcome)).toEqual(answerOf(outcomes[0] as CommandOutcome<ClueState>));
      expect(outcome).toMatchObject({
        revision: 0n,
        position: first?.position,
        eventTypes: ['ClueRegistered'],
        state: { status: 'Registered' },
      });
    }
  });

  it('given a clue, when attempts of one transition race, unpinned or pinned to the revision they saw, then all answer the one success and the stream grows by one event', async () => {
    await executor.execute(clues, 'c1', register('c1', 0), ctx('cmd-1'));
    for (const [round, pinned] of [
      [1, false],
      [2, true],
    ] as const) {
      const id = `c${round + 1}`;
      await executor.execute(clues, id, register(id, 0), ctx(`reg-${id}`));
      const context = ctx(`cmd-${id}`, pinned ? { expectedRevision: 0n } : {});
      const outcomes = await Promise.all(
        Array.from({ length: ATTEMPTS }, (_, i) => executor.execute(clues, id, analyse(id, i), context)),
      );
      expect(await store.readStream(`clue-${id}`)).toHaveLength(2);
      expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
      for (const outcome of outcomes)
        expect(outcome).toMatchObject({
          revision: 1n,
          eventTypes: ['ClueAnalysisStarted'],
          state: { status: 'Analysis' },
        });
      expect(new Set(outcomes.map((o) => o.position)).size).toBe(1);
    }
  });

  it('given a command executed and others after it, when it is executed again, then the answer is its own: revision, position and state as of its last event, not the head', async () => {
    await executor.execute(clues, 'c1', register('c1', 0), ctx('cmd-1'));
    const original = await executor.execute(clues, 'c1', analyse('c1', 1), ctx('cmd-2'));
    await executor.execute(clues, 'c1', escalate('c1', 'e1'), ctx('cmd-3'));
    const again = await executor.execute(clues, 'c1', analyse('c1', 2), ctx('cmd-2'));
    expect(again.replayed).toBe(true);
    expect(answerOf(again)).toEqual(answerOf(original));
    expect(again.revision).toBe(1n);
    expect(again.state.escalationIds).toEqual([]);
  });

  it('given a command stored with its request hash, when the same command id comes with another request hash, then IdempotencyKeyReusedError; without one stored (older events) it replays', async () => {
    await executor.execute(clues, 'c1', register('c1', 0), ctx('cmd-1', { requestHash: 'hash-a' }));
    expect((await store.readStream('clue-c1'))[0]?.metadata['requestHash']).toBe('hash-a');
    await expect(
      executor.execute(clues, 'c1', register('c1', 1), ctx('cmd-1', { requestHash: 'hash-b' })),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(
      (await executor.execute(clues, 'c1', register('c1', 1), ctx('cmd-1', { requestHash: 'hash-a' }))).replayed,
    ).toBe(true);

    await executor.execute(clues, 'c2', register('c2', 0), ctx('cmd-old'));
    const replay = await executor.execute(clues, 'c2', register('c2', 1), ctx('cmd-old', { requestHash: 'hash-c' }));
    expect(replay).toMatchObject({ replayed: true, revision: 0n });
    expect(await store.readStream('clue-c2')).toHaveLength(1);
  });
});
