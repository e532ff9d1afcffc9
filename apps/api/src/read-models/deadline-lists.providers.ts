import { Provider } from '@nestjs/common';
import {
  DeadlineQueries,
  EVENT_STORE,
  EventStore,
  TIMER_STORE,
  TimerStore,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig } from '@xj/domain';

/** The 督办 lists read the timer index (DeadlinesModule) and fold the cases with the deciders' configuration. */
export const deadlineListProviders = (domainConfig: DomainConfig): Provider[] => [
  {
    provide: DeadlineQueries,
    useFactory: (timers: TimerStore, events: EventStore) =>
      new DeadlineQueries(timers, events, createCaseAggregates(domainConfig), domainConfig),
    inject: [TIMER_STORE, EVENT_STORE],
  },
];
