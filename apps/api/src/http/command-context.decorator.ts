import { randomUUID } from 'node:crypto';
import { ExecutionContext, Inject, Injectable, PipeTransform, createParamDecorator } from '@nestjs/common';
import { CLOCK, Clock, IdempotencyService } from '@xj/application';
import { Actor, Instant } from '@xj/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { commandRequestOf, expectedRevisionOf } from './command-request';

/**
 * What a command derives an id from, for something it creates: the case itself (`case-id`), the
 * items of a rectification plan (`plan`). Part of a stored format: a retry after an upgrade must
 * derive the same ids.
 */
export type NewIdPurpose = 'case-id' | 'plan';

/** Everything a caller's command takes from its request, read once. */
export interface CommandRequestContext {
  readonly actor: Actor;
  /** Now, by the injected clock: the command's business time. */
  readonly at: Instant;
  readonly correlationId: string;
  /** If-Match: the revision the client acted on (412 when the case has moved on). */
  readonly expectedRevision?: bigint;
  /** Derived from (user, Idempotency-Key), so every attempt of the request is the same command; random without a key. */
  readonly commandId: string;
  /** The request's hash under its key, recorded on the command's events (another body under the key → 422). */
  readonly requestHash?: string;
  /** An id for what the command creates: derived from the key, so a retry names the same one; random without a key. */
  newId(purpose: NewIdPurpose): string;
}

/** Builds the {@link CommandRequestContext} from the request; a pipe, so that the clock is injected. */
@Injectable()
export class CommandContextPipe implements PipeTransform<AuthenticatedRequest, CommandRequestContext> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
  ) {}

  transform(request: AuthenticatedRequest): CommandRequestContext {
    const { actor, correlationId, idempotent } = commandRequestOf(request);
    const expectedRevision = expectedRevisionOf(request);
    const idempotency = this.idempotency;
    return {
      actor,
      at: this.clock.now().toISOString(),
      correlationId,
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
      commandId: idempotent ? idempotency.commandIdFor(idempotent) : randomUUID(),
      ...(idempotent ? { requestHash: idempotency.requestHashOf(idempotent) } : {}),
      newId: (purpose) =>
        idempotent ? idempotency.commandIdFor({ actor, key: `${purpose}:${idempotent.key}` }) : randomUUID(),
    };
  }
}

const RequestParam = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedRequest =>
  context.switchToHttp().getRequest<AuthenticatedRequest>(),
);

/** The command context of the request (actor, time, correlation, If-Match, Idempotency-Key): `@CommandCtx() ctx: CommandRequestContext`. */
export const CommandCtx = (): ParameterDecorator => RequestParam(CommandContextPipe);
