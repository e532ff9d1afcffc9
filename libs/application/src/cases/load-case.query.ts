import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Actor } from '@xj/domain';
import { CaseNotVisibleError } from '../command/command-errors';
import { CommandExecutor } from '../command/command-executor';
import { CASE_AGGREGATES, CaseAggregates, CaseKind, CaseStateOf } from './case-aggregates';
import { CASE_VISIBILITY, CaseVisibility, isVisibleTo } from './case-visibility';
import { AnyCaseState, caseDefinitionOf } from './execute-case-command';

export interface LoadedCase<S = AnyCaseState> {
  readonly state: S;
  readonly revision: bigint | undefined;
  readonly position: bigint | undefined;
}

/**
 * Reads one case's current state straight from its stream (authoritative, never stale). With a
 * `viewer`, a case the viewer may not see — or one that does not exist — is CaseNotVisibleError.
 */
export class LoadCaseQuery<K extends CaseKind = CaseKind> extends Query<LoadedCase<CaseStateOf[K]>> {
  constructor(
    readonly kind: K,
    readonly aggregateId: string,
    readonly viewer?: Actor,
  ) {
    super();
  }
}

@QueryHandler(LoadCaseQuery)
export class LoadCaseQueryHandler implements IQueryHandler<LoadCaseQuery> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CASE_AGGREGATES) private readonly aggregates: CaseAggregates,
    @Inject(CASE_VISIBILITY) private readonly visibility: CaseVisibility,
  ) {}

  async execute<K extends CaseKind>(query: LoadCaseQuery<K>): Promise<LoadedCase<CaseStateOf[K]>> {
    const loaded = await this.executor.load(caseDefinitionOf(this.aggregates, query.kind), query.aggregateId);
    if (query.viewer && !isVisibleTo(this.visibility, query.kind, query.viewer, loaded.state))
      throw new CaseNotVisibleError();
    return loaded;
  }
}
