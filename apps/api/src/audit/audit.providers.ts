import { Provider } from '@nestjs/common';
import { AUDIT_DOMAIN_CONFIG, AccessLog, AccessLogConfig, CASE_AGGREGATES, CLOCK, CaseAggregates, CaseHistoryReader, Clock, EVENT_STORE, EventStore } from '@xj/application';
import { DomainConfig, createDomainConfig } from '@xj/domain';
import { AccessLogController } from './access-log.controller';
import { ACCESS_LOG_CONFIG, AccessLogArchiveHost, accessLogConfigProvider, AccessLogHost } from './access-log.hosts';
import { CaseAuditController } from './case-audit.controller';
import { CaseAuditService } from './case-audit.service';
import { ReadModelAsOfController } from './read-model-as-of.controller';
import { ReadAuditService } from './read-audit.service';

/** The audit slice's controllers (issue 6), for the composition root. */
export const AUDIT_CONTROLLERS = [CaseAuditController, AccessLogController, ReadModelAsOfController];

/**
 * The audit slice's providers. `domainConfig` must be the configuration the deciders run with
 * (the explanation looks rulebooks up by version and quotes the deadline policy).
 */
export const auditProviders = (domainConfig: DomainConfig = createDomainConfig()): Provider[] => [
  { provide: AUDIT_DOMAIN_CONFIG, useValue: domainConfig },
  accessLogConfigProvider,
  {
    provide: AccessLog,
    useFactory: (store: EventStore, clock: Clock, config: AccessLogConfig) => new AccessLog(store, clock, { writer: config.writer, flushMs: config.flushMs }),
    inject: [EVENT_STORE, CLOCK, ACCESS_LOG_CONFIG],
  },
  AccessLogHost,
  AccessLogArchiveHost,
  { provide: CaseHistoryReader, useFactory: (store: EventStore, aggregates: CaseAggregates) => new CaseHistoryReader(store, aggregates), inject: [EVENT_STORE, CASE_AGGREGATES] },
  ReadAuditService,
  CaseAuditService,
];
