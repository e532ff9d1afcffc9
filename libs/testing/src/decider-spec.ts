import { Decider, DomainError, DomainErrorKind, fold, isDomainError } from '@xj/domain';

/**
 * Given-When-Then for deciders:
 *   spec.given([...events]).when(command).then([...events])
 *   spec.given([...events]).when(command).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED')
 */
export const deciderSpec = <C, S, E>(decider: Decider<C, S, E>) => ({
  given: (events: readonly E[]) => ({
    when: (command: C) => {
      const state = fold(decider, events);
      const result = decider.decide(command, state);
      return {
        /** Asserts the exact events emitted. */
        then: (expected: readonly E[]): readonly E[] => {
          if (isDomainError(result))
            throw new Error(`Expected events, got ${result.kind} ${result.code}: ${result.message}`);
          expect(result).toEqual(expected);
          return result;
        },
        /** Returns the emitted events for assertions on parts of them. */
        thenEvents: (): readonly E[] => {
          if (isDomainError(result))
            throw new Error(`Expected events, got ${result.kind} ${result.code}: ${result.message}`);
          return result;
        },
        /** Asserts a rejection with this kind and code. */
        thenError: (kind: DomainErrorKind, code: string): DomainError => {
          if (!isDomainError(result)) throw new Error(`Expected ${kind} ${code}, got events ${JSON.stringify(result)}`);
          expect({ kind: result.kind, code: result.code }).toEqual({ kind, code });
          return result;
        },
        /** The state after folding the given events and the emitted ones. */
        thenState: (): S => {
          if (isDomainError(result))
            throw new Error(`Expected events, got ${result.kind} ${result.code}: ${result.message}`);
          return fold(decider, [...events, ...result]);
        },
      };
    },
  }),
});
