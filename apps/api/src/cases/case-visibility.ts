import { CaseVisibility } from '@xj/application';
import {
  canSeeAccountabilityCase,
  canSeeCampaign,
  canSeeClue,
  canSeeRectificationItem,
  canSeeReferral,
} from '@xj/domain';

/**
 * The one seam through which the API hands the domain's visibility rule (libs/domain/src/access)
 * to the application's command and query handlers (CASE_VISIBILITY), which refuse what a caller
 * may not see.
 */
export const CASE_VISIBILITY_RULES: CaseVisibility = {
  clue: canSeeClue,
  referral: canSeeReferral,
  rectification: canSeeRectificationItem,
  accountability: canSeeAccountabilityCase,
  campaign: canSeeCampaign,
};
