import { AnyCaseState, CaseKind, DescribeContext, HistoryEntry, RecordedEvent, JsonObject } from '@xj/application';
import { Actor, ClueState } from '@xj/domain';
import { OrganisationDirectory } from '../auth/organisation-directory';
import { clueViewFor } from '../cases/case-access';

/**
 * What an enforcement agency may see of a clue's history: the same part clueViewFor shows of its
 * state — the supervision instrument and the rectification loop, escalations aimed at the agency
 * itself — never the analysis, the verification, the persons named or any referral (leaking case
 * information is itself situation #6). Their payloads are left out too: an instrument may carry
 * the re-evaluated situations.
 */
const AGENCY_CLUE_EVENT_TYPES: readonly string[] = [
  'SupervisionInstrumentIssued',
  'RectificationPlanSubmitted',
  'RectificationFeedbackSubmitted',
  'ClueEvaluationStarted',
  'ClueEvaluated',
  'ClueClosed',
  'ClueReopened',
  'ClueLookBackCompleted',
];

/** True when the caller reads the redacted (agency) view of this kind of case. */
export const isRedacted = (actor: Actor, kind: CaseKind): boolean => kind === 'clue' && actor.role === 'EnforcementAgency';

export const agencyMaySee = (actor: Actor, event: RecordedEvent): boolean =>
  AGENCY_CLUE_EVENT_TYPES.includes(event.type) || (event.type === 'EscalationRaised' && event.data['targetOrgId'] === actor.orgId);

/** The state as the caller may see it: the agency's clue view is redacted exactly as for the current read. */
export const stateViewFor = (actor: Actor, kind: CaseKind, state: AnyCaseState): unknown => (kind === 'clue' ? clueViewFor(actor, state as ClueState) : state);

/** A history entry as answered: with the event's payload unless the view is redacted. */
export type HistoryEntryView = HistoryEntry & { readonly data?: JsonObject };

/** Organisation names for the descriptions, from the deployment's directory. */
export const describeContextOf = (directory: OrganisationDirectory): DescribeContext => ({
  orgName: (orgId) => {
    const org = directory.get(orgId);
    return org ? { zh: org.nameZh, en: org.nameEn } : undefined;
  },
});
