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
import { CommandRejectedError, IdempotencyKeyReusedError, RevisionMismatchError } from './command-errors';
import { CommandExecutor } from './command-executor';
import { IdempotencyService } from './idempotency';

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
const AT = '2026-03-02T09:00:00+08:00';
const register = (clueId: string): ClueCommand => ({
  type: 'RegisterClue',
  actor: office,
  at: AT,
  clueId,
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-02-27T16:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not perform a reconsideration decision.',
});
const analyse = (clueId: string): ClueCommand => ({
  type: 'StartAnalysis',
  actor: office,
  at: AT,
  clueId,
  analystUserId: 'u-2',
});
const ctx = (commandId: string, extra: object = {}) => ({ commandId, correlationId: `corr-${commandId}`, ...extra });

describe('CommandExecutor (generic command path) on the embedded store', () => {
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    executor = new CommandExecutor(store);
  });
  afterEach(() => store.close());

  it('given no stream, when a creating command runs, then its events are appended with metadata and the new revision is returned', async () => {
    const outcome = await executor.execute(clues, 'c1', register('c1'), ctx('cmd-1'));
    expect(outcome).toMatchObject({
      streamId: 'clue-c1',
      revision: 0n,
      eventTypes: ['ClueRegistered'],
      replayed: false,
    });
    expect(outcome.state.status).toBe('Registered');
    const [event] = await store.readStream('clue-c1');
    expect(event?.metadata).toMatchObject({
      commandId: 'cmd-1',
      correlationId: 'corr-cmd-1',
      causationId: 'cmd-1',
      schemaVersion: 1,
      actor: { userId: 'u-1' },
    });
  });

  it('when the same command id runs again, then nothing is written and the original outcome is returned', async () => {
    const first = await executor.execute(clues, 'c1', register('c1'), ctx('cmd-1'));
    const again = await executor.execute(clues, 'c1', register('c1'), ctx('cmd-1'));
    expect(again).toMatchObject({ revision: first.revision, position: first.position, replayed: true });
    expect(await store.readStream('clue-c1')).toHaveLength(1);
  });

  it('when the decider rejects, then it throws CommandRejectedError with the domain code and writes nothing', async () => {
    await expect(executor.execute(clues, 'c1', analyse('c1'), ctx('cmd-1'))).rejects.toMatchObject({
      domainError: { kind: 'NotFound', code: 'CLUE.NOT_FOUND' },
    });
    await expect(executor.execute(clues, 'c1', analyse('c1'), ctx('cmd-1'))).rejects.toBeInstanceOf(
      CommandRejectedError,
    );
    expect(await store.readStream('clue-c1')).toEqual([]);
  });

  it('when the client pinned a stale revision, then RevisionMismatchError and nothing written', async () => {
    await executor.execute(clues, 'c1', register('c1'), ctx('cmd-1'));
    await expect(
      executor.execute(clues, 'c1', analyse('c1'), ctx('cmd-2', { expectedRevision: 5n })),
    ).rejects.toBeInstanceOf(RevisionMismatchError);
    await expect(
      executor.execute(clues, 'c1', register('c1'), ctx('cmd-3', { expectedRevision: 'no_stream' })),
    ).rejects.toBeInstanceOf(RevisionMismatchError);
    expect(await store.readStream('clue-c1')).toHaveLength(1);
    const ok = await executor.execute(clues, 'c1', analyse('c1'), ctx('cmd-2', { expectedRevision: 0n }));
    expect(ok.revision).toBe(1n);
  });

  it('when concurrent unpinned commands race, then the loser retries on the new state instead of failing', async () => {
    await executor.execute(clues, 'c1', register('c1'), ctx('cmd-1'));
    const escalate = (id: string): ClueCommand => ({
      type: 'RaiseEscalation',
      actor: office,
      at: AT,
      clueId: 'c1',
      escalationId: id,
      escalationType: 'Interview',
      reason: 'slow',
      targetOrgId: 'dawa.emergency',
      target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
    });
    const results = await Promise.all(
      ['e1', 'e2', 'e3', 'e4'].map((id) => executor.execute(clues, 'c1', escalate(id), ctx(`cmd-${id}`))),
    );
    expect(results.map((r) => r.revision).sort()).toEqual([1n, 2n, 3n, 4n]);
    expect(await store.readStream('clue-c1')).toHaveLength(5);
  });
});

describe('IdempotencyService', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ filename: ':memory:' })));
  afterEach(() => store.close());
  const request = {
    actor: { userId: 'u-1', role: 'RuleOfLawOffice', orgId: 'o' },
    key: 'key-1',
    fingerprint: 'POST /clues {"a":1}',
    correlationId: 'c',
  };
  const response = { status: 201, body: { id: 'x' }, headers: { etag: '"0"' } };

  it('records the first response and replays it for the same request, also from a fresh service (restart)', async () => {
    const service = new IdempotencyService(store);
    expect(await service.lookup(request)).toBeUndefined();
    await service.record(request, response);
    expect(await new IdempotencyService(store).lookup(request)).toEqual(response);
  });

  it('rejects the same key with a different request', async () => {
    const service = new IdempotencyService(store);
    await service.record(request, response);
    await expect(service.lookup({ ...request, fingerprint: 'POST /clues {"a":2}' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('keeps the first response when two attempts record concurrently, and scopes keys per user', async () => {
    const service = new IdempotencyService(store);
    const [a, b] = await Promise.all([
      service.record(request, response),
      service.record(request, { ...response, body: { id: 'y' } }),
    ]);
    expect(a).toEqual(b);
    expect(await service.lookup({ ...request, actor: { ...request.actor, userId: 'u-2' } })).toBeUndefined();
    expect(service.commandIdFor(request)).toBe(new IdempotencyService(store).commandIdFor(request));
  });
});
