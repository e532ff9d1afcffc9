import { Workflow, WorkflowCommand, WorkflowEvent } from '@xj/domain';

/**
 * Given-When-Then for workflows, one instance at a time:
 *   spec.given([...events]).when(event).then([...commands])
 * `given` events are folded with `evolve` from `initialState()`; `when` is decided on that state.
 */
export const workflowSpec = <S>(workflow: Workflow<S>) => ({
  given: (events: readonly WorkflowEvent[]) => ({
    when: (event: WorkflowEvent) => {
      const state = events.reduce((s, e) => workflow.evolve(s, e), workflow.initialState());
      const commands = workflow.decide(event, state);
      return {
        /** Asserts the exact commands sent. */
        then: (expected: readonly WorkflowCommand[]): readonly WorkflowCommand[] => {
          expect(commands).toEqual(expected);
          return commands;
        },
        /** The commands, for assertions on parts of them. */
        thenCommands: (): readonly WorkflowCommand[] => commands,
        /** The instance's state after the event. */
        thenState: (): S => workflow.evolve(state, event),
      };
    },
  }),
});
