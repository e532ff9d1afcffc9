import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { AnyCaseState, CaseNotVisibleError, CommandOutcome, ExecuteCaseCommand, IdempotencyService, StoredResponse } from '@xj/application';
import {
  Actor,
  ClueCommand,
  ClueState,
  RectificationCommand,
  RectificationState,
  ReferralCommand,
  ReferralState,
  canSeeClue,
  canSeeRectificationItem,
  canSeeReferral,
} from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { ApiProblem } from '../http/problem';

type Kinds = {
  clue: { command: ClueCommand; state: ClueState };
  referral: { command: ReferralCommand; state: ReferralState };
  rectification: { command: RectificationCommand; state: RectificationState };
};

const VISIBLE: { [K in keyof Kinds]: (actor: Actor, state: Kinds[K]['state']) => boolean } = {
  clue: canSeeClue,
  referral: canSeeReferral,
  rectification: canSeeRectificationItem,
};

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
const REVISION_PATTERN = /^(?:W\/)?"(\d{1,18})"$/;

/** The body every command route answers with. */
export interface CommandResponseBody {
  readonly kind: keyof Kinds;
  readonly id: string;
  readonly status: string;
  /** Stream revision after the command (also in ETag). */
  readonly revision: string | null;
  /** Global position of the command's last event: pass as `minPosition` to read your own write. */
  readonly position: string | null;
  readonly events: readonly string[];
}

export interface RunOptions {
  /** A creating command: 201 with Location; the case need not exist (nor be visible) yet. */
  readonly creates?: boolean;
  /** Extra metadata on the events (JSON scalars). */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
  /** Follow-up work that must succeed before the client is answered (e.g. assigning plan items). */
  readonly after?: (correlationId: string) => Promise<void>;
}

/**
 * HTTP side of the one command path: Idempotency-Key (the recorded success, or 422), If-Match
 * (pinned revision → 412), visibility (404 for cases the caller may not see), then the CommandBus;
 * answers with ETag, X-Global-Position and the new revision, and records a success as the key's
 * answer. Attempts under one key share a command id, so one racing another, or retried after a
 * crash before the record, gets the original success rebuilt from the case's stream.
 */
@Injectable()
export class CaseCommandGateway {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly idempotency: IdempotencyService,
    private readonly audit: ReadAuditService,
  ) {}

  /** The id a creating route should use: derived from the Idempotency-Key so a retry hits the same case. */
  newCaseId(request: Request, actor: Actor): string {
    const key = idempotencyKeyOf(request);
    return key ? this.idempotency.commandIdFor({ actor, key: `case-id:${key}` }) : randomUUID();
  }

  async run<K extends keyof Kinds>(
    request: Request,
    response: Response,
    actor: Actor,
    kind: K,
    id: string,
    command: Kinds[K]['command'],
    options: RunOptions = {},
  ): Promise<void> {
    const key = idempotencyKeyOf(request);
    const correlationId = String((request as Request & { id?: unknown }).id ?? randomUUID());
    const idem = key ? { actor, key, fingerprint: fingerprintOf(request), correlationId } : undefined;
    if (idem) {
      const stored = await this.idempotency.lookup(idem);
      if (stored) return send(response, stored, true);
    }
    const context = {
      commandId: idem ? this.idempotency.commandIdFor(idem) : randomUUID(),
      correlationId,
      expectedRevision: expectedRevisionOf(request),
      metadata: options.metadata,
      requestHash: idem && this.idempotency.requestHashOf(idem),
    };
    const guard = (state: Kinds[K]['state']): void => {
      const exists = (state as { status: string }).status !== 'None';
      if (exists && !VISIBLE[kind](actor, state)) throw new CaseNotVisibleError();
      if (!exists && !options.creates) throw new CaseNotVisibleError();
    };
    let outcome: CommandOutcome<AnyCaseState>;
    try {
      outcome = await this.commandBus.execute(new ExecuteCaseCommand(kind, id, command as never, context, guard as never));
    } catch (error) {
      // A command on a case the caller may not see probes for it like a read would: logged as a denied access.
      if (error instanceof CaseNotVisibleError) await this.audit.record(request, actor, { kind, id }, 'command', 'denied', command.type);
      // Errors are never a key's answer (IdempotencyService: isRecordableAnswer); the filter maps them.
      throw error;
    }
    await options.after?.(correlationId);
    const answer = successOf(kind, id, outcome, options.creates === true);
    send(response, idem ? await this.idempotency.record(idem, answer) : answer, outcome.replayed);
  }
}

/**
 * The success of a command. A replayed outcome carries the command's own revision, position and
 * events (CommandExecutor), so a retry — after a race or a crash before the answer was recorded —
 * is answered exactly as the first attempt was, 201 and Location included.
 */
const successOf = (kind: keyof Kinds, id: string, outcome: CommandOutcome<AnyCaseState>, creates: boolean): StoredResponse => {
  const body: CommandResponseBody = {
    kind,
    id,
    status: outcome.state.status,
    revision: outcome.revision === undefined ? null : String(outcome.revision),
    position: outcome.position === undefined ? null : String(outcome.position),
    events: outcome.eventTypes,
  };
  const headers: Record<string, string> = {};
  if (outcome.revision !== undefined) headers['etag'] = `"${outcome.revision}"`;
  if (outcome.position !== undefined) headers['x-global-position'] = String(outcome.position);
  if (creates) headers['location'] = `/api/v1/${pathOf(kind)}/${id}`;
  return { status: creates ? 201 : 200, body: { ...body }, headers };
};

const pathOf = (kind: keyof Kinds): string => (kind === 'rectification' ? 'rectification-items' : `${kind}s`);

const send = (response: Response, stored: StoredResponse, replayed: boolean): void => {
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  if (replayed) response.setHeader('idempotent-replayed', 'true');
  const contentType = stored.headers['content-type'] ?? 'application/json';
  response.status(stored.status).type(contentType).send(JSON.stringify(stored.body));
};

const idempotencyKeyOf = (request: Request): string | undefined => {
  const key = request.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) throw new ApiProblem(400, 'IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key must be 8–128 characters of A–Z, a–z, 0–9, _ . : -');
  return key;
};

const expectedRevisionOf = (request: Request): bigint | undefined => {
  const header = request.header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = REVISION_PATTERN.exec(header.trim());
  if (!match?.[1]) throw new ApiProblem(400, 'PRECONDITION.INVALID_IF_MATCH', 'If-Match must be an ETag returned by this API, e.g. "3".');
  return BigInt(match[1]);
};

/** Method, path and a canonical body: "the same request" for Idempotency-Key purposes. */
const fingerprintOf = (request: Request): string => `${request.method} ${request.originalUrl.split('?')[0]} ${canonical(request.body)}`;

const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
};
