import { ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { lastValueFrom, of } from 'rxjs';
import { HttpAnswer, HttpAnswerInterceptor } from './http-answer';

describe('HttpAnswerInterceptor', () => {
  const written: { status?: number; headers: Record<string, string> } = { headers: {} };
  const response = {
    status: (code: number) => ((written.status = code), response),
    setHeader: (name: string, value: string) => ((written.headers[name] = value), response),
  } as unknown as Response;
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ExecutionContext;
  const through = (value: unknown) =>
    lastValueFrom(new HttpAnswerInterceptor().intercept(context, { handle: () => of(value) }));
  beforeEach(() => {
    delete written.status;
    written.headers = {};
  });

  it("writes an answer's status and headers and leaves its body for Nest to send", async () => {
    expect(await through(new HttpAnswer(201, { etag: '"0"', location: '/api/v1/clues/c-1' }, { id: 'c-1' }))).toEqual({
      id: 'c-1',
    });
    expect(written).toEqual({ status: 201, headers: { etag: '"0"', location: '/api/v1/clues/c-1' } });
  });

  it('marks a replay with Idempotent-Replayed', async () => {
    await through(new HttpAnswer(200, {}, {}, true));
    expect(written).toEqual({ status: 200, headers: { 'idempotent-replayed': 'true' } });
  });

  it('leaves any other value alone', async () => {
    const page = { items: [], total: 0 };
    expect(await through(page)).toBe(page);
    expect(written).toEqual({ headers: {} });
  });
});
