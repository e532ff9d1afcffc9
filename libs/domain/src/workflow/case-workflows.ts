import { forwardedReferralWorkflow } from './forwarded-referral.workflow';
import { rectificationPlanWorkflow } from './rectification-plan.workflow';
import { referralSentWorkflow } from './referral-sent.workflow';
import { Workflow } from './workflow';

/** The cross-case steps of the three case kinds: what follows a send, a partial acceptance and a plan. */
export const CASE_WORKFLOWS: readonly Workflow<unknown>[] = [
  referralSentWorkflow,
  forwardedReferralWorkflow,
  rectificationPlanWorkflow,
];
