import { Deadline } from '../calendar/deadline-policy';
import { Role } from '../shared/actor';
import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';
import { EscalationType } from './escalation';

/**
 * Escalations against an organisation, with no case (issue 15 §2: Panjin's 约谈 of a county office
 * that transfers nothing): one stream per escalation, `orgescalation-<escalationId>`.
 */
export const ORG_ESCALATION_CATEGORY = 'orgescalation';

/** An organisation as the deployment's directory knows it: never as a request body states it. */
export interface OrganisationRef {
  readonly orgId: string;
  readonly role: Role;
  readonly regionId: string;
}

/** 督办 of an organisation: 函询, 约谈, 挂牌督办, 通报批评, 批示 or 责令限期履行 aimed at a unit, not a case. */
export interface RaiseOrganisationEscalation extends CommandBase<'RaiseOrganisationEscalation'> {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly reason: string;
  readonly targetOrgId: string;
  /** The target resolved from the organisation directory; absent when the directory does not know it. */
  readonly target?: OrganisationRef;
  /** Required for OrderPerformance: the date by which to perform. */
  readonly performBy?: string;
}

export type OrgEscalationCommand = RaiseOrganisationEscalation;

export interface OrganisationEscalationRaisedData extends EventDataBase {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly reason: string;
  readonly targetOrgId: string;
  /** The target's role and region when it was raised (visibility keeps to them, not to later moves). */
  readonly targetRole: Role;
  readonly targetRegionId: string;
  /** The actor's region: where the raising organisation stands. */
  readonly raisedByRegionId: string;
  readonly deadline?: Deadline;
}

/** 督办 raised against an organisation. */
export type OrganisationEscalationRaised = DomainEvent<
  'OrganisationEscalationRaised',
  OrganisationEscalationRaisedData
>;

export type OrgEscalationEvent = OrganisationEscalationRaised;

export const ORG_ESCALATION_EVENT_TYPES: readonly OrgEscalationEvent['type'][] = ['OrganisationEscalationRaised'];
