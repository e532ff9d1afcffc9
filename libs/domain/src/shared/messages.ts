import { Actor, ActorRef, actorRef } from './actor';
import { Instant } from './time';

/** Every command names its type and carries who acts and when (time is given, never read). */
export interface CommandBase<T extends string> {
  readonly type: T;
  readonly actor: Actor;
  readonly at: Instant;
}

/** Every event data records when (business time of the command) and by whom. */
export interface EventDataBase {
  readonly at: Instant;
  readonly by: ActorRef;
}

/**
 * `at` and `by` of every event: the command's business time and its actor. The one helper of the
 * three deciders and the escalation overlay, so every event records them the same way.
 */
export const eventBase = (command: CommandBase<string>): EventDataBase => ({
  at: command.at,
  by: actorRef(command.actor),
});

/** A domain event: a stable `type` string (never derived from a class name) and its data. */
export interface DomainEvent<T extends string, D extends EventDataBase> {
  readonly type: T;
  readonly data: D;
}
