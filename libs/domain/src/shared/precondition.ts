import { Actor } from './actor';
import { DomainError } from './domain-error';

/**
 * What a command needs of the case and of the actor before its input is read: role, position,
 * region or organisation, and status. `undefined` means the command may be sent now (its input is
 * judged next). The decider runs the same function first, so a command an action list offers is
 * never refused for who sends it or when, and one it leaves out is refused whatever its input.
 */
export type Precondition<S> = (state: S, actor: Actor) => DomainError | undefined;

/** The command types whose precondition holds, in the table's order. */
export const availableFrom = <T extends string, S>(
  table: Readonly<Record<T, Precondition<S>>>,
  state: S,
  actor: Actor,
): T[] => (Object.keys(table) as T[]).filter((type) => table[type](state, actor) === undefined);
