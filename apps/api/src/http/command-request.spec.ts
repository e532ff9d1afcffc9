import fc from 'fast-check';
import type { Request } from 'express';
import { Actor } from '@xj/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { commandRequestOf, expectedRevisionOf, fingerprintOf } from './command-request';
import { ApiProblem } from './problem';

const office: Actor = {
  userId: 'user-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};

/** A request as the command path reads it: headers, method, path, parsed body, pino's id, the actor. */
const requestOf = (
  headers: Record<string, string>,
  over: Partial<{ body: unknown; id: string; actor: Actor | undefined }> = {},
): AuthenticatedRequest => {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'POST',
    originalUrl: '/api/v1/clues/c-1/analysis?ignored=1',
    header: (name: string) => lower[name.toLowerCase()],
    body: { analystUserId: 'u' },
    actor: office,
    ...over,
  } as unknown as AuthenticatedRequest;
};

const problemOf = (run: () => unknown): { status: number; code: string } | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof ApiProblem ? { status: error.status, code: error.code } : undefined;
  }
};

/** The gateway's encoding before issue #14, kept here as the reference the stored hashes were made with. */
const canonicalBefore14 = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalBefore14).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalBefore14(v)}`).join(',')}}`;
};

describe('the fingerprint of a command request (a stored format: its hash is on keyed events and records)', () => {
  it('is method, path without query and the canonical body; no body is null', () => {
    const body = { b: [1, { d: 2, c: '线索"\n' }], a: null, B: true };
    expect(fingerprintOf({ method: 'POST', originalUrl: '/api/v1/clues/c-1/analysis?x=1', body } as Request)).toBe(
      'POST /api/v1/clues/c-1/analysis {"B":true,"a":null,"b":[1,{"c":"线索\\"\\n","d":2}]}',
    );
    expect(
      fingerprintOf({ method: 'POST', originalUrl: '/api/v1/clues/c-1/evaluation-start', body: undefined } as Request),
    ).toBe('POST /api/v1/clues/c-1/evaluation-start null');
  });

  it('encodes every parsed JSON body exactly as versions before #14 did', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body: unknown = JSON.parse(JSON.stringify(value));
        expect(fingerprintOf({ method: 'POST', originalUrl: '/p', body } as Request)).toBe(
          `POST /p ${canonicalBefore14(body)}`,
        );
      }),
    );
  });
});

describe('If-Match', () => {
  it.each([
    ['"3"', 3n],
    ['W/"3"', 3n],
    [' "17" ', 17n],
    ['*', undefined],
  ])('%s pins %s', (header, revision) => {
    expect(expectedRevisionOf(requestOf({ 'If-Match': header }))).toBe(revision);
  });

  it('is optional', () => {
    expect(expectedRevisionOf(requestOf({}))).toBeUndefined();
  });

  it.each(['garbage', '3', '"-1"', '"1234567890123456789"', '"1", "2"'])(
    '%s is 400 PRECONDITION.INVALID_IF_MATCH',
    (header) => {
      expect(problemOf(() => expectedRevisionOf(requestOf({ 'If-Match': header })))).toEqual({
        status: 400,
        code: 'PRECONDITION.INVALID_IF_MATCH',
      });
    },
  );
});

describe('Idempotency-Key and correlation of a command request', () => {
  it('reads the key with the fingerprint of the request, once: every reader gets the same correlation id', () => {
    const request = requestOf({ 'Idempotency-Key': 'key-0001' }, { id: undefined });
    const first = commandRequestOf(request);
    expect(first.idempotent).toEqual({
      actor: office,
      key: 'key-0001',
      fingerprint: 'POST /api/v1/clues/c-1/analysis {"analystUserId":"u"}',
      correlationId: first.correlationId,
    });
    expect(commandRequestOf(request)).toBe(first);
  });

  it('takes the correlation id of the request (pino) and has no key when none was sent', () => {
    expect(commandRequestOf(requestOf({}, { id: 'corr-123456' }))).toEqual({
      actor: office,
      correlationId: 'corr-123456',
    });
  });

  it.each([
    ['of 5 characters', 'short'],
    ['with a space', 'with space-123'],
    ['with a non-ASCII letter', 'ü-umlaut-key'],
    ['of 129 characters', 'x'.repeat(129)],
  ])('a key %s is 400 IDEMPOTENCY.INVALID_KEY', (_label, key) => {
    expect(problemOf(() => commandRequestOf(requestOf({ 'Idempotency-Key': key })))).toEqual({
      status: 400,
      code: 'IDEMPOTENCY.INVALID_KEY',
    });
  });

  it('is 401 without an authenticated actor', () => {
    expect(problemOf(() => commandRequestOf(requestOf({}, { actor: undefined })))).toEqual({
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
    });
  });
});
