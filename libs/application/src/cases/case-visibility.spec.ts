import { Actor, ClueCommand, createDomainConfig } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { CaseNotVisibleError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { createCaseAggregates } from './case-aggregates';
import { CaseVisibility } from './case-visibility';
import { ExecuteCaseCommand, ExecuteCaseCommandHandler } from './execute-case-command';
import { LoadCaseQuery, LoadCaseQueryHandler } from './load-case.query';

const office: Actor = {
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const stranger: Actor = { ...office, userId: 'u-stranger', orgId: 'elsewhere' };
/** The rule under test is the seam, not the domain's table: only the office sees anything. */
const seenByOfficeOnly = (actor: Actor) => actor.userId === office.userId;
const visibility: CaseVisibility = {
  clue: seenByOfficeOnly,
  referral: seenByOfficeOnly,
  rectification: seenByOfficeOnly,
  accountability: seenByOfficeOnly,
  campaign: seenByOfficeOnly,
};

const register = (actor: Actor, clueId: string): ClueCommand => ({
  type: 'RegisterClue',
  actor,
  at: '2026-03-02T09:00:00+08:00',
  clueId,
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-02-27T16:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not perform a reconsideration decision.',
});
const analyse = (actor: Actor, clueId: string): ClueCommand => ({
  type: 'StartAnalysis',
  actor,
  at: '2026-03-02T10:00:00+08:00',
  clueId,
  analystUserId: 'u-2',
});
const ctx = (commandId: string) => ({ commandId, correlationId: `corr-${commandId}` });

describe('case access in the application: commands and loads of a caller', () => {
  let store: SqliteEventStore;
  let commands: ExecuteCaseCommandHandler;
  let loads: LoadCaseQueryHandler;
  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:' });
    const executor = new CommandExecutor(store);
    const aggregates = createCaseAggregates(createDomainConfig());
    commands = new ExecuteCaseCommandHandler(executor, aggregates, visibility);
    loads = new LoadCaseQueryHandler(executor, aggregates, visibility);
    await commands.execute(
      new ExecuteCaseCommand('clue', 'c-1', register(office, 'c-1'), ctx('reg-1'), 'visible-or-new'),
    );
  });
  afterEach(() => store.close());

  const refusal = (run: Promise<unknown>) =>
    run.then(
      () => undefined,
      (error: unknown) => (error instanceof CaseNotVisibleError ? { probe: error.probe } : error),
    );

  it('given a case the caller may not see, then the command is refused as not found, with itself as probe, and nothing is written', async () => {
    expect(
      await refusal(
        commands.execute(new ExecuteCaseCommand('clue', 'c-1', analyse(stranger, 'c-1'), ctx('an-1'), 'visible')),
      ),
    ).toEqual({
      probe: { kind: 'clue', id: 'c-1', commandType: 'StartAnalysis' },
    });
    expect(
      await refusal(
        commands.execute(
          new ExecuteCaseCommand('clue', 'c-1', register(stranger, 'c-1'), ctx('reg-2'), 'visible-or-new'),
        ),
      ),
    ).toEqual({
      probe: { kind: 'clue', id: 'c-1', commandType: 'RegisterClue' },
    });
    expect(await store.readStream('clue-c-1')).toHaveLength(1);
  });

  it('given no such case, then a command on it is refused the same way, and a creating one creates it', async () => {
    expect(
      await refusal(
        commands.execute(new ExecuteCaseCommand('clue', 'c-2', analyse(office, 'c-2'), ctx('an-2'), 'visible')),
      ),
    ).toEqual({
      probe: { kind: 'clue', id: 'c-2', commandType: 'StartAnalysis' },
    });
    const created = await commands.execute(
      new ExecuteCaseCommand('clue', 'c-2', register(office, 'c-2'), ctx('reg-3'), 'visible-or-new'),
    );
    expect({ status: created.state.status, events: created.eventTypes }).toEqual({
      status: 'Registered',
      events: ['ClueRegistered'],
    });
  });

  it('given a case the caller may see, then its command is decided', async () => {
    const outcome = await commands.execute(
      new ExecuteCaseCommand('clue', 'c-1', analyse(office, 'c-1'), ctx('an-3'), 'visible'),
    );
    expect(outcome.state.status).toBe('Analysis');
  });

  it('given a command of a process manager (no access), then it is not checked', async () => {
    const outcome = await commands.execute(
      new ExecuteCaseCommand('clue', 'c-1', analyse(stranger, 'c-1'), ctx('an-4')),
    );
    expect(outcome.state.status).toBe('Analysis');
  });

  it('loads a case for a viewer who may see it, refuses one who may not and a missing case alike (no probe: a read), and loads anything without a viewer', async () => {
    const loaded = await loads.execute(new LoadCaseQuery('clue', 'c-1', office));
    // Typed per kind: a clue's own fields, no cast.
    expect({ status: loaded.state.status, referralIds: loaded.state.referralIds, revision: loaded.revision }).toEqual({
      status: 'Registered',
      referralIds: [],
      revision: 0n,
    });
    expect(await refusal(loads.execute(new LoadCaseQuery('clue', 'c-1', stranger)))).toEqual({ probe: undefined });
    expect(await refusal(loads.execute(new LoadCaseQuery('clue', 'nope', office)))).toEqual({ probe: undefined });
    expect((await loads.execute(new LoadCaseQuery('clue', 'c-1'))).state.status).toBe('Registered');
  });
});
