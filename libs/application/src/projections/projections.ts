import { accountabilityLedgerProjection } from './accountability-ledger.projection';
import { campaignFiguresProjection } from '../campaigns/campaign-figures.projection';
import { lookBackRoundsProjection } from '../look-back-rounds/look-back-rounds.projection';
import { jointMeetingsProjection } from '../joint-meetings/joint-meetings.projection';
import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { correctedCasesProjection } from './corrected-cases.projection';
import { notificationsProjection } from './notifications.projection';
import { orgEscalationsProjection } from '../org-escalations/org-escalations.projection';
import { IndexedProjection } from './projection-support';
import { provisionalDeadlinesProjection } from './provisional-deadlines.projection';
import { rectificationLedgerProjection } from './rectification-ledger.projection';

/** The case read models of issue 5 and the notifications of issue 15, for the projection runner. */
export const CASE_PROJECTIONS: readonly IndexedProjection[] = [
  commissionInboxProjection,
  clueLedgerProjection,
  rectificationLedgerProjection,
  correctedCasesProjection,
  notificationsProjection,
  provisionalDeadlinesProjection,
  accountabilityLedgerProjection,
];

/**
 * Every read model the runner keeps: the case read models, the escalations against organisations
 * (issue 15 §2), which read no case stream, and the campaign figures (issue 17), which join a
 * campaign to its findings' clues, and the 回头看 rounds' progress (issue 17), which join a round to its
 * items' look-backs; those three are built by the feed in global order.
 */
export const READ_MODEL_PROJECTIONS: readonly IndexedProjection[] = [
  ...CASE_PROJECTIONS,
  orgEscalationsProjection,
  campaignFiguresProjection,
  lookBackRoundsProjection,
  jointMeetingsProjection,
];
