import { accountabilityLinkedWorkflow } from './accountability-linked.workflow';
import { campaignFindingWorkflow } from './campaign-finding.workflow';
import { lookBackRoundWorkflow } from './look-back-round.workflow';
import { forwardedReferralWorkflow } from './forwarded-referral.workflow';
import { rectificationPlanWorkflow } from './rectification-plan.workflow';
import { referralSentWorkflow } from './referral-sent.workflow';
import { Workflow } from './workflow';

/** The cross-case steps: what follows a send, a partial acceptance, a plan, a campaign finding and an accountability case opened on a clue. */
export const CASE_WORKFLOWS: readonly Workflow<unknown>[] = [
  referralSentWorkflow,
  forwardedReferralWorkflow,
  rectificationPlanWorkflow,
  campaignFindingWorkflow,
  lookBackRoundWorkflow,
  accountabilityLinkedWorkflow,
];
