import { CASE_WORKFLOWS, DomainConfig, Workflow } from '@xj/domain';

/**
 * The workflows the WorkflowProcessor runs, wherever it runs (the embedded process, or the
 * worker). Registering one is one line here; `_domainConfig` is the deciders' configuration, for
 * workflows that will need it (calendar, policies).
 */
export const workflowsOf = (_domainConfig: DomainConfig): readonly Workflow<unknown>[] => [...CASE_WORKFLOWS];
