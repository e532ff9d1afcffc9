import { Provider } from '@nestjs/common';
import {
  DEADLINE_LIGHT_CONFIG,
  DeadlineQueries,
  EVENT_STORE,
  EventStore,
  TIMER_STORE,
  TimerStore,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig } from '@xj/domain';

/**
 * The 督办 lists read the timer index (DeadlinesModule) and fold the cases with the deciders'
 * configuration; the inbox and the ledgers compute their 红黄绿灯 with the same calendar and ladder.
 */
export const deadlineListProviders = (domainConfig: DomainConfig): Provider[] => [
  { provide: DEADLINE_LIGHT_CONFIG, useValue: domainConfig },
  {
    provide: DeadlineQueries,
    useFactory: (timers: TimerStore, events: EventStore) =>
      new DeadlineQueries(timers, events, createCaseAggregates(domainConfig), domainConfig),
    inject: [TIMER_STORE, EVENT_STORE],
  },
];
