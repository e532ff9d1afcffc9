import { Provider } from '@nestjs/common';
import {
  AUDIT_DOMAIN_CONFIG,
  CASE_AGGREGATES,
  CaseAggregates,
  CaseHistoryReader,
  EVENT_STORE,
  EventStore,
} from '@xj/application';
import { DomainConfig, createDomainConfig } from '@xj/domain';
import { AccessLogController } from './access-log.controller';
import { AuditLogsController } from './audit-logs.controller';
import { CaseAuditController } from './case-audit.controller';
import { CaseAuditService } from './case-audit.service';
import { LogExports } from './log-exports';
import { ReadModelAsOfController } from './read-model-as-of.controller';
import { ReadAuditService } from './read-audit.service';

/** The audit slice's controllers (issue 6), for the composition root. */
export const AUDIT_CONTROLLERS = [
  CaseAuditController,
  AccessLogController,
  AuditLogsController,
  ReadModelAsOfController,
];

/**
 * The audit slice's providers. `domainConfig` must be the configuration the deciders run with
 * (the explanation looks rulebooks up by version and quotes the deadline policy). The access log
 * itself (writer, flush, archiving) comes from @xj/composition's CompositionModule.
 */
export const auditProviders = (domainConfig: DomainConfig = createDomainConfig()): Provider[] => [
  { provide: AUDIT_DOMAIN_CONFIG, useValue: domainConfig },
  {
    provide: CaseHistoryReader,
    useFactory: (store: EventStore, aggregates: CaseAggregates) => new CaseHistoryReader(store, aggregates),
    inject: [EVENT_STORE, CASE_AGGREGATES],
  },
  ReadAuditService,
  CaseAuditService,
  LogExports,
];
