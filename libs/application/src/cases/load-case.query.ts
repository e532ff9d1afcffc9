import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../command/command-executor';
import { CASE_AGGREGATES, CaseAggregates, CaseKind } from './case-aggregates';
import { AnyCaseState } from './execute-case-command';

export interface LoadedCase {
  readonly state: AnyCaseState;
  readonly revision: bigint | undefined;
  readonly position: bigint | undefined;
}

/** Reads one case's current state straight from its stream (authoritative, never stale). */
export class LoadCaseQuery extends Query<LoadedCase> {
  constructor(
    readonly kind: CaseKind,
    readonly aggregateId: string,
  ) {
    super();
  }
}

@QueryHandler(LoadCaseQuery)
export class LoadCaseQueryHandler implements IQueryHandler<LoadCaseQuery> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CASE_AGGREGATES) private readonly aggregates: CaseAggregates,
  ) {}

  execute(query: LoadCaseQuery): Promise<LoadedCase> {
    return this.executor.load(this.aggregates[query.kind] as CaseAggregates['clue'], query.aggregateId);
  }
}
