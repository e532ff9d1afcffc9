import { FixedClock, IdempotencyService, deterministicUuid, sha256Hex } from '@xj/application';
import { Actor } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { CommandContextPipe } from './command-context.decorator';

const office: Actor = {
  userId: 'user-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const now = new Date('2026-03-02T01:30:00.000Z');

const requestOf = (headers: Record<string, string>): AuthenticatedRequest =>
  ({
    method: 'POST',
    originalUrl: '/api/v1/clues',
    header: (name: string) => headers[name.toLowerCase()],
    body: { a: 1 },
    id: 'corr-0000001',
    actor: office,
  }) as unknown as AuthenticatedRequest;

describe('@CommandCtx(): the command context of a request', () => {
  let store: SqliteEventStore;
  let pipe: CommandContextPipe;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    pipe = new CommandContextPipe(new FixedClock(now), new IdempotencyService(store));
  });
  afterEach(() => store.close());

  it("gives the actor, the clock's time, the correlation id and the revision of If-Match", () => {
    const ctx = pipe.transform(requestOf({ 'if-match': '"4"' }));
    expect(ctx).toMatchObject({
      actor: office,
      at: now.toISOString(),
      correlationId: 'corr-0000001',
      expectedRevision: 4n,
    });
    expect(ctx.requestHash).toBeUndefined();
  });

  it('derives the command id, the request hash and new ids from (user, Idempotency-Key) as versions before #14 did, so a retry after the upgrade is the same command on the same case', () => {
    const ctx = pipe.transform(requestOf({ 'idempotency-key': 'key-0001' }));
    expect(ctx.commandId).toBe(deterministicUuid('idempotency:user-office:key-0001'));
    expect(ctx.requestHash).toBe(sha256Hex('POST /api/v1/clues {"a":1}'));
    expect(ctx.newId('case-id')).toBe(deterministicUuid('idempotency:user-office:case-id:key-0001'));
    expect(ctx.newId('plan')).toBe(deterministicUuid('idempotency:user-office:plan:key-0001'));
    expect(pipe.transform(requestOf({ 'idempotency-key': 'key-0001' })).newId('case-id')).toBe(ctx.newId('case-id'));
  });

  it('without a key, every command and every new id is fresh', () => {
    const a = pipe.transform(requestOf({}));
    const b = pipe.transform(requestOf({}));
    expect(a.commandId).not.toBe(b.commandId);
    expect(a.newId('case-id')).not.toBe(a.newId('case-id'));
    expect(a.expectedRevision).toBeUndefined();
  });
});
