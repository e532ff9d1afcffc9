import { DomainError } from './domain-error';

/** A decision: the events to append (possibly none), or why the command is rejected. */
export type Decision<E> = readonly E[] | DomainError;

/**
 * A decider in the emmett sense: pure functions only. The application loads a stream, folds it
 * with `evolve` from `initialState()`, calls `decide`, and appends what it returns.
 */
export interface Decider<C, S, E> {
  readonly decide: (command: C, state: S) => Decision<E>;
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
}

/** Folds events into state: the single definition of "current state" for every aggregate. */
export const fold = <S, E>(decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());

/** Exhaustiveness guard for `switch` over unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
