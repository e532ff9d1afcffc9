/**
 * The case kinds the workbench knows, in one place: the routes, the case page, the audit forms and
 * the status labels all read them from here (issue 16; `accountability` and `campaign` from issue 17).
 * Every kind has its history and past state (办理过程, as-of) and is in the access log.
 */
export const CASE_KINDS = ['clue', 'referral', 'rectification', 'accountability', 'campaign'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const isCaseKind = (value: string): value is CaseKind => (CASE_KINDS as readonly string[]).includes(value);

/** Where each kind's case routes start. */
export const CASE_ROUTES: Record<CaseKind, string> = {
  clue: '/api/v1/clues',
  referral: '/api/v1/referrals',
  rectification: '/api/v1/rectification-items',
  accountability: '/api/v1/accountability-cases',
  campaign: '/api/v1/campaigns',
};

/** The label group of each kind's statuses in the API's catalogue. */
export const STATUS_GROUPS: Record<CaseKind, string> = {
  clue: 'clueStatus',
  referral: 'referralStatus',
  rectification: 'rectificationStatus',
  accountability: 'accountabilityStatus',
  campaign: 'campaignStatus',
};

/** The kinds with evidence and documents (证据材料与文书) on their page. */
export const HAS_FILES: Record<CaseKind, boolean> = {
  clue: true,
  referral: true,
  rectification: true,
  accountability: false,
  // A campaign's evidence is its findings' clues' (no upload route of its own).
  campaign: false,
};
