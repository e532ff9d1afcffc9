import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { correctedCasesProjection } from './corrected-cases.projection';
import { IndexedProjection } from './projection-support';
import { provisionalDeadlinesProjection } from './provisional-deadlines.projection';
import { rectificationLedgerProjection } from './rectification-ledger.projection';

/** The case read models of issue 5, for the projection runner. */
export const CASE_PROJECTIONS: readonly IndexedProjection[] = [
  commissionInboxProjection,
  clueLedgerProjection,
  rectificationLedgerProjection,
  correctedCasesProjection,
  provisionalDeadlinesProjection,
];
