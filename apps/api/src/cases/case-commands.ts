import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseCommandOf, CaseKind, CaseStateOf, CommandOutcome, ExecuteCaseCommand } from '@xj/application';
import { CommandRequestContext } from '../http/command-context.decorator';

/** The field naming the case on each kind's commands. */
const ID_FIELD = {
  clue: 'clueId',
  referral: 'referralId',
  rectification: 'itemId',
  accountability: 'accountabilityId',
  campaign: 'campaignId',
} as const satisfies Record<CaseKind, string>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A case command as a route gives it: the actor, the time and the case id are added by {@link CaseCommands.run}. */
export type CaseCommandInput<K extends CaseKind> = DistributiveOmit<
  CaseCommandOf[K],
  'actor' | 'at' | (typeof ID_FIELD)[K]
>;

/** What a command route returns; the command result interceptor turns it into the HTTP answer. */
export interface CaseCommandResult {
  readonly kind: CaseKind;
  readonly id: string;
  readonly status: string;
  /** Stream revision after the command (also in ETag). */
  readonly revision: string | null;
  /** Global position of the command's last event: pass as `minPosition` to read your own write. */
  readonly position: string | null;
  readonly events: readonly string[];
  /** A creating command: 201 with Location. */
  readonly created: boolean;
  /** The command had already been executed (a retry): nothing was written now. */
  readonly replayed: boolean;
  /**
   * The case's deadlines the user must know are not final or not ordinary (issue 15 §4): counted
   * through a year without a holiday table (`provisional`), or an explicit date kept on a rest day
   * (`nonWorkingDay`). Absent when there is none.
   */
  readonly flaggedDeadlines?: readonly FlaggedDeadline[];
  /** Other cases the command opened (or reserved the id of): a plan's items, a proposed or child referral. */
  readonly createdCases?: readonly CreatedCase[];
}

/** A case a command opened besides its own, by id, so the client need not look it up. */
export interface CreatedCase {
  readonly kind: CaseKind;
  readonly id: string;
}

export interface FlaggedDeadline {
  readonly rule: string;
  readonly dueOn: string;
  readonly provisional?: true;
  readonly nonWorkingDay?: true;
}

/** Every deadline-shaped value in a state (`rule` + `dueOn`) that carries a flag, once per rule and date. */
export const flaggedDeadlinesIn = (value: unknown, found = new Map<string, FlaggedDeadline>()): FlaggedDeadline[] => {
  if (Array.isArray(value)) value.forEach((v) => flaggedDeadlinesIn(v, found));
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (
      typeof o.rule === 'string' &&
      typeof o.dueOn === 'string' &&
      (o.provisional === true || o.nonWorkingDay === true)
    )
      found.set(`${o.rule}:${o.dueOn}`, {
        rule: o.rule,
        dueOn: o.dueOn,
        ...(o.provisional === true ? { provisional: true } : {}),
        ...(o.nonWorkingDay === true ? { nonWorkingDay: true } : {}),
      });
    else Object.values(o).forEach((v) => flaggedDeadlinesIn(v, found));
  }
  return [...found.values()];
};

export interface RunOptions {
  /** A creating command: the case need not exist (nor be visible) yet; answered 201 with Location. */
  readonly creates?: boolean;
  /** The other cases the command opens, answered in `createdCases`. */
  readonly createdCases?: readonly CreatedCase[];
}

/**
 * A caller's case command on the one command path (ExecuteCaseCommand): the command completed from
 * its request context, the case's visibility checked by the application's handler, and the outcome
 * as a {@link CaseCommandResult}. What a command sets off on other cases is a workflow's
 * (WorkflowProcessor), never the request's. A replayed outcome carries the command's own
 * revision, position and events (CommandExecutor), so a retry — after a race or a crash before
 * its answer was recorded — is answered exactly as the first attempt was.
 */
@Injectable()
export class CaseCommands {
  constructor(private readonly commandBus: CommandBus) {}

  async run<K extends CaseKind>(
    kind: K,
    id: string,
    input: CaseCommandInput<K>,
    ctx: CommandRequestContext,
    options: RunOptions = {},
  ): Promise<CaseCommandResult> {
    // The base fields go last, so nothing in a body can set them. The spread of a union with a
    // key chosen by `kind` is one of K's commands; TypeScript cannot follow that through the index.
    const command = { ...input, actor: ctx.actor, at: ctx.at, [ID_FIELD[kind]]: id } as unknown as CaseCommandOf[K];
    const context = {
      commandId: ctx.commandId,
      correlationId: ctx.correlationId,
      ...(ctx.expectedRevision === undefined ? {} : { expectedRevision: ctx.expectedRevision }),
      ...(ctx.requestHash === undefined ? {} : { requestHash: ctx.requestHash }),
    };
    const outcome = await this.commandBus.execute(
      new ExecuteCaseCommand(kind, id, command, context, options.creates ? 'visible-or-new' : 'visible'),
    );
    const result = resultOf(kind, id, outcome, options.creates === true);
    return options.createdCases ? { ...result, createdCases: options.createdCases } : result;
  }
}

const resultOf = <K extends CaseKind>(
  kind: K,
  id: string,
  outcome: CommandOutcome<CaseStateOf[K]>,
  created: boolean,
): CaseCommandResult => {
  const flagged = flaggedDeadlinesIn(outcome.state);
  return {
    kind,
    id,
    status: outcome.state.status,
    revision: outcome.revision === undefined ? null : String(outcome.revision),
    position: outcome.position === undefined ? null : String(outcome.position),
    events: outcome.eventTypes,
    created,
    replayed: outcome.replayed,
    ...(flagged.length > 0 ? { flaggedDeadlines: flagged } : {}),
  };
};
