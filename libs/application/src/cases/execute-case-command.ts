import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClueCommand, ClueState, RectificationCommand, RectificationState, ReferralCommand, ReferralState } from '@xj/domain';
import { CommandContext, CommandExecutor, CommandOutcome } from '../command/command-executor';
import { CASE_AGGREGATES, CaseAggregates } from './case-aggregates';

type CaseCommandOf = { clue: ClueCommand; referral: ReferralCommand; rectification: RectificationCommand };
type CaseStateOf = { clue: ClueState; referral: ReferralState; rectification: RectificationState };
export type AnyCaseState = ClueState | ReferralState | RectificationState;

/**
 * Dispatched on the CommandBus for every case command: one generic handler runs the one generic
 * command path (load → fold → guard → decide → append). `guard` lets the caller refuse to act on a
 * case it may not see, before anything is decided.
 */
export class ExecuteCaseCommand<K extends keyof CaseCommandOf = keyof CaseCommandOf> extends Command<CommandOutcome<AnyCaseState>> {
  constructor(
    readonly kind: K,
    readonly aggregateId: string,
    readonly command: CaseCommandOf[K],
    readonly context: CommandContext,
    readonly guard?: (state: CaseStateOf[K]) => void,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CASE_AGGREGATES) private readonly aggregates: CaseAggregates,
  ) {}

  execute(command: ExecuteCaseCommand): Promise<CommandOutcome<AnyCaseState>> {
    const { kind, aggregateId, context } = command;
    // The union of (kind, command, guard) is correlated by construction; TypeScript cannot follow it here.
    const definition = this.aggregates[kind] as CaseAggregates['clue'];
    return this.executor.execute(definition, aggregateId, command.command as ClueCommand, context, command.guard as ((s: ClueState) => void) | undefined);
  }
}
