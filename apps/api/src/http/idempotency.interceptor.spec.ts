import { CallHandler, ExecutionContext } from '@nestjs/common';
import { Observable, lastValueFrom, of, throwError } from 'rxjs';
import { CommandRejectedError, IdempotencyKeyReusedError, IdempotencyService } from '@xj/application';
import { Actor, invalidTransition } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { HttpAnswer } from './http-answer';
import { IdempotencyInterceptor } from './idempotency.interceptor';

const office: Actor = {
  userId: 'user-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const created = new HttpAnswer(
  201,
  { etag: '"0"', 'x-global-position': '7', location: '/api/v1/clues/c-1' },
  { kind: 'clue', id: 'c-1', events: ['ClueRegistered'] },
);

/** `key` null: the request comes without an Idempotency-Key. */
const contextOf = (body: object, key: string | null = 'key-0001'): ExecutionContext => {
  const request = {
    method: 'POST',
    originalUrl: '/api/v1/clues',
    header: (name: string) => (name === 'idempotency-key' ? (key ?? undefined) : undefined),
    body,
    id: 'corr-0000001',
    actor: office,
  } as unknown as AuthenticatedRequest;
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
};

/** The route: counts its runs and answers `answer` (or throws it when it is an Error). */
const route = (answer: unknown) => {
  const handler = {
    runs: 0,
    handle: (): Observable<unknown> => (
      (handler.runs += 1),
      answer instanceof Error ? throwError(() => answer) : of(answer)
    ),
  };
  return handler satisfies CallHandler;
};

describe('IdempotencyInterceptor', () => {
  let store: SqliteEventStore;
  let service: IdempotencyService;
  let interceptor: IdempotencyInterceptor;
  const call = (body: object, handler: CallHandler, key?: string | null) =>
    lastValueFrom(interceptor.intercept(contextOf(body, key), handler));
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    service = new IdempotencyService(store);
    interceptor = new IdempotencyInterceptor(service);
  });
  afterEach(() => store.close());

  it('records a success as status, headers and body, and replays it to a retry with Idempotent-Replayed without running the route', async () => {
    expect(await call({ a: 1 }, route(created))).toEqual(created);
    const retry = route(created);
    expect(await call({ a: 1 }, retry)).toEqual(new HttpAnswer(created.status, created.headers, created.body, true));
    expect(retry.runs).toBe(0);
    const request = { actor: office, key: 'key-0001', fingerprint: 'POST /api/v1/clues {"a":1}', correlationId: 'c' };
    expect(await service.lookup(request)).toEqual({ status: 201, headers: created.headers, body: created.body });
  });

  it('answers another request under the key with 422 before the route runs', async () => {
    await call({ a: 1 }, route(created));
    const other = route(created);
    await expect(call({ a: 2 }, other)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(other.runs).toBe(0);
  });

  it('records no error: a rejected command is decided again on retry', async () => {
    const rejected = new CommandRejectedError(invalidTransition('CLUE.WRONG_STATE', 'no'));
    await expect(call({ a: 1 }, route(rejected))).rejects.toBe(rejected);
    const retry = route(created);
    expect(await call({ a: 1 }, retry)).toEqual(created);
    expect(retry.runs).toBe(1);
  });

  it('records no answer that is not a success', async () => {
    const conflict = new HttpAnswer(409, {}, { code: 'EVENT.ID_CONFLICT' });
    expect(await call({ a: 1 }, route(conflict))).toBe(conflict);
    const retry = route(created);
    expect(await call({ a: 1 }, retry)).toEqual(created);
    expect(retry.runs).toBe(1);
  });

  it('passes a request without a key through untouched, recording nothing', async () => {
    const handler = route(created);
    expect(await call({ a: 1 }, handler, null)).toBe(created);
    expect(await call({ a: 1 }, handler, null)).toBe(created);
    expect(handler.runs).toBe(2);
  });

  it('refuses a route that answers anything but an answer with a JSON object body (it could not be replayed)', async () => {
    await expect(call({ a: 1 }, route({ kind: 'clue' }))).rejects.toThrow(/HttpAnswer/);
    await expect(call({ a: 1 }, route(new HttpAnswer(200, {}, 'text')), 'key-0002')).rejects.toThrow(/HttpAnswer/);
  });
});
