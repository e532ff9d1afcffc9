import { CaseKind, CaseStateOf, CaseVisibility } from '@xj/application';
import { Actor } from '@xj/domain';
import { canSeeClue, canSeeRectificationItem, canSeeReferral } from './case-access';

/**
 * The one seam through which the API reaches the visibility rule (case-access.ts): given to the
 * application's command and query handlers (CASE_VISIBILITY), which refuse what a caller may not
 * see, and used by the audit views for past states.
 */
export const CASE_VISIBILITY_RULES: CaseVisibility = { clue: canSeeClue, referral: canSeeReferral, rectification: canSeeRectificationItem };

/** The access rule for any case kind. */
export const canSeeCase = <K extends CaseKind>(actor: Actor, kind: K, state: CaseStateOf[K]): boolean => CASE_VISIBILITY_RULES[kind](actor, state);
