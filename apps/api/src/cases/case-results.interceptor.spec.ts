import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import { CaseNotVisibleError } from '@xj/application';
import { Actor } from '@xj/domain';
import type { ReadAuditService } from '../audit/read-audit.service';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { HttpAnswer } from '../http/http-answer';
import { ApiProblem } from '../http/problem';
import type { CaseCommandResult } from './case-commands';
import { CaseCommandInterceptor, CaseViewInterceptor, commandAnswerOf } from './case-results.interceptor';

const office: Actor = {
  userId: 'user-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const result = (over: Partial<CaseCommandResult> = {}): CaseCommandResult => ({
  kind: 'clue',
  id: 'c-1',
  status: 'Analysis',
  revision: '1',
  position: '42',
  events: ['ClueAnalysisStarted'],
  created: false,
  replayed: false,
  ...over,
});

describe('the answer to a case command', () => {
  it('is 200 with the new revision as ETag and the global position; the body says what happened', () => {
    expect(commandAnswerOf(result())).toEqual(
      new HttpAnswer(
        200,
        { etag: '"1"', 'x-global-position': '42' },
        { kind: 'clue', id: 'c-1', status: 'Analysis', revision: '1', position: '42', events: ['ClueAnalysisStarted'] },
      ),
    );
  });

  it.each([
    ['clue', '/api/v1/clues/x-1'],
    ['referral', '/api/v1/referrals/x-1'],
    ['rectification', '/api/v1/rectification-items/x-1'],
  ] as const)('is 201 with Location for a created %s', (kind, location) => {
    const answer = commandAnswerOf(result({ kind, id: 'x-1', revision: '0', created: true }));
    expect({ status: answer.status, location: answer.headers['location'] }).toEqual({ status: 201, location });
  });

  it('carries a replay, and leaves out ETag and position a command on no stream has none of', () => {
    const answer = commandAnswerOf(result({ revision: null, position: null, events: [], replayed: true }));
    expect({ headers: answer.headers, replayed: answer.replayed }).toEqual({ headers: {}, replayed: true });
  });
});

describe('CaseCommandInterceptor', () => {
  const request = {
    actor: office,
    method: 'POST',
    originalUrl: '/api/v1/clues/c-9/analysis',
  } as unknown as AuthenticatedRequest;
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  let recorded: unknown[][];
  let failure: Error | undefined;
  const audit = {
    record: async (...args: unknown[]): Promise<void> => {
      if (failure) throw failure;
      recorded.push(args);
    },
  } as unknown as ReadAuditService;
  const interceptor = new CaseCommandInterceptor(audit);
  const run = (handler: CallHandler<CaseCommandResult>) => lastValueFrom(interceptor.intercept(context, handler));
  beforeEach(() => {
    recorded = [];
    failure = undefined;
  });

  it("maps the route's result to its answer", async () => {
    expect(await run({ handle: () => of(result()) })).toEqual(commandAnswerOf(result()));
  });

  it('given a command refused because its case is not visible, then the probe is recorded as a denied access before the 404 goes out', async () => {
    const refused = new CaseNotVisibleError({ kind: 'clue', id: 'c-9', commandType: 'StartAnalysis' });
    await expect(run({ handle: () => throwError(() => refused) })).rejects.toBe(refused);
    expect(recorded).toEqual([[request, office, { kind: 'clue', id: 'c-9' }, 'command', 'denied', 'StartAnalysis']]);
  });

  it('records nothing for other refusals, nor for a case a route could not read (no probe)', async () => {
    await expect(run({ handle: () => throwError(() => new CaseNotVisibleError()) })).rejects.toBeInstanceOf(
      CaseNotVisibleError,
    );
    await expect(
      run({ handle: () => throwError(() => new ApiProblem(422, 'ORGANISATION.NOT_AN_AGENCY', 'x')) }),
    ).rejects.toBeInstanceOf(ApiProblem);
    expect(recorded).toEqual([]);
  });

  it('given the access log cannot be written, then that failure is the answer (an unrecorded probe is not answered)', async () => {
    failure = new ApiProblem(503, 'AUDIT.LOG_UNAVAILABLE', 'x');
    await expect(
      run({
        handle: () =>
          throwError(() => new CaseNotVisibleError({ kind: 'clue', id: 'c-9', commandType: 'StartAnalysis' })),
      }),
    ).rejects.toBe(failure);
  });
});

describe('CaseViewInterceptor', () => {
  it('answers a case read with its revision as ETag', async () => {
    const view = { kind: 'clue' as const, id: 'c-1', revision: '3', position: '9', state: { status: 'Analysis' } };
    const answer = await lastValueFrom(
      new CaseViewInterceptor().intercept({} as ExecutionContext, { handle: () => of(view) }),
    );
    expect(answer).toEqual(new HttpAnswer(200, { etag: '"3"' }, view));
  });
});
