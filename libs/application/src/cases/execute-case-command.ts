import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClueState, RectificationState, ReferralState } from '@xj/domain';
import { AggregateDefinition } from '../command/aggregate-definition';
import { CommandContext, CommandExecutor, CommandOutcome } from '../command/command-executor';
import { CASE_AGGREGATES, CaseAggregates, CaseCommandOf, CaseKind, CaseStateOf } from './case-aggregates';
import { CASE_VISIBILITY, CaseAccess, CaseVisibility, requireCommandAccess } from './case-visibility';

export type AnyCaseState = ClueState | ReferralState | RectificationState;

/** The aggregate definition of one case kind, as the generic command path takes it. */
export type CaseDefinitionOf<K extends CaseKind> = AggregateDefinition<
  CaseCommandOf[K],
  CaseStateOf[K],
  { readonly type: string; readonly data: object }
>;

/**
 * The definition of `kind`: command, state and events of one kind belong together by construction
 * (CaseAggregates), which TypeScript cannot follow through an index by a type parameter.
 */
export const caseDefinitionOf = <K extends CaseKind>(aggregates: CaseAggregates, kind: K): CaseDefinitionOf<K> =>
  aggregates[kind] as unknown as CaseDefinitionOf<K>;

/**
 * Dispatched on the CommandBus for every case command: one generic handler runs the one generic
 * command path (load → fold → access → decide → append). A caller's command says what it may act
 * on (`access`): a case its actor may not see is refused before anything is decided
 * (CaseNotVisibleError, 404). Process managers, acting for the system, give none.
 */
export class ExecuteCaseCommand<K extends CaseKind = CaseKind> extends Command<CommandOutcome<CaseStateOf[K]>> {
  constructor(
    readonly kind: K,
    readonly aggregateId: string,
    readonly command: CaseCommandOf[K],
    readonly context: CommandContext,
    readonly access?: CaseAccess,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CASE_AGGREGATES) private readonly aggregates: CaseAggregates,
    @Inject(CASE_VISIBILITY) private readonly visibility: CaseVisibility,
  ) {}

  execute<K extends CaseKind>(message: ExecuteCaseCommand<K>): Promise<CommandOutcome<CaseStateOf[K]>> {
    const { kind, aggregateId, command, context, access } = message;
    const guard =
      access &&
      ((state: CaseStateOf[K]) => requireCommandAccess(this.visibility, kind, aggregateId, command, access, state));
    return this.executor.execute(caseDefinitionOf(this.aggregates, kind), aggregateId, command, context, guard);
  }
}
