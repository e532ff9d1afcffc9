import { Provider, Type } from '@nestjs/common';
import {
  AccountabilityLedgerQueries,
  AnnualReportQueries,
  CampaignFiguresQueries,
  ClueLedgerQueries,
  CommissionInboxQueries,
  CorrectedCasesQueries,
  OrgEscalationQueries,
  RectificationLedgerQueries,
  StatisticsQueries,
} from '@xj/application';
import { AccountabilityLedgerController } from './accountability-ledger.controller';
import { AnnualReportController } from './annual-report.controller';
import { InboxController } from './inbox.controller';
import { LedgerExports } from './ledger-exports';
import { LedgersController } from './ledgers.controller';
import { StatisticsController } from './statistics.controller';

/**
 * What the composition root registers for the read-model endpoints. The query services inject
 * READ_MODEL_STORE and READ_MODEL_FRESHNESS (bound to the projection runner) from the app module.
 */
export const READ_MODEL_QUERY_PROVIDERS: Provider[] = [
  CommissionInboxQueries,
  ClueLedgerQueries,
  RectificationLedgerQueries,
  CorrectedCasesQueries,
  StatisticsQueries,
  OrgEscalationQueries,
  CampaignFiguresQueries,
  LedgerExports,
  AccountabilityLedgerQueries,
  AnnualReportQueries,
];
export const READ_MODEL_CONTROLLERS: Type[] = [
  InboxController,
  LedgersController,
  StatisticsController,
  AccountabilityLedgerController,
  AnnualReportController,
];
