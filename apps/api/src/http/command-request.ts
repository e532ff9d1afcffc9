import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { IdempotentRequest, canonicalJson } from '@xj/application';
import { Actor } from '@xj/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiProblem } from './problem';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
const REVISION_PATTERN = /^(?:W\/)?"(\d{1,18})"$/;

/** What a command request says about itself, read once per request by whoever asks first. */
export interface CommandRequest {
  readonly actor: Actor;
  readonly correlationId: string;
  /** Present when the request came with an Idempotency-Key. */
  readonly idempotent?: IdempotentRequest & { readonly actor: Actor };
}

const parsed = new WeakMap<Request, CommandRequest>();

/**
 * The caller, the correlation id and the Idempotency-Key of a command request (400
 * IDEMPOTENCY.INVALID_KEY for a malformed key). The idempotency interceptor and the command
 * context both need them; they are read once, so both see the same correlation id and body hash.
 */
export const commandRequestOf = (request: AuthenticatedRequest): CommandRequest => {
  const known = parsed.get(request);
  if (known) return known;
  const { actor } = request;
  if (!actor) throw new ApiProblem(401, 'AUTH.UNAUTHENTICATED', 'A valid bearer token is required.');
  const key = idempotencyKeyOf(request);
  const correlationId = String((request as Request & { id?: unknown }).id ?? randomUUID());
  const read: CommandRequest = {
    actor,
    correlationId,
    ...(key === undefined ? {} : { idempotent: { actor, key, fingerprint: fingerprintOf(request), correlationId } }),
  };
  parsed.set(request, read);
  return read;
};

const idempotencyKeyOf = (request: Request): string | undefined => {
  const key = request.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key))
    throw new ApiProblem(
      400,
      'IDEMPOTENCY.INVALID_KEY',
      'Idempotency-Key must be 8–128 characters of A–Z, a–z, 0–9, _ . : -',
    );
  return key;
};

/**
 * "The same request" for Idempotency-Key purposes: method, path and the body in canonical JSON.
 * A stored format — its hash is on the events and records of every keyed command — so it must not
 * change: the body (absent: `null`) encodes as it always has (sorted keys, JSON.stringify scalars).
 */
export const fingerprintOf = (request: Pick<Request, 'method' | 'originalUrl' | 'body'>): string =>
  `${request.method} ${request.originalUrl.split('?')[0]} ${canonicalJson((request.body as unknown) ?? null, 'body')}`;

/** If-Match: the revision the client acted on (none for `*` or no header); 400 for anything but an ETag of this API. */
export const expectedRevisionOf = (request: Pick<Request, 'header'>): bigint | undefined => {
  const header = request.header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = REVISION_PATTERN.exec(header.trim());
  if (!match?.[1])
    throw new ApiProblem(
      400,
      'PRECONDITION.INVALID_IF_MATCH',
      'If-Match must be an ETag returned by this API, e.g. "3".',
    );
  return BigInt(match[1]);
};
