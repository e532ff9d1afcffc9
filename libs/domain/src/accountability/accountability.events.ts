import { AttachEvidence } from '../evidence/evidence';
import { ActorRef } from '../shared/actor';
import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';
import { PersonSubject, Subject, UnitSubject } from '../shared/subject';
import { LocalDate } from '../shared/time';
import { AccountabilityType, WrongfulCaseGround } from './accountability.measures';

export const ACCOUNTABILITY_CATEGORY = 'accountability';

/** The organisation that decides the case: the justice bureau, the agency itself, or the rule-of-law office. */
export interface DecidingOrganisation {
  readonly orgId: string;
  readonly role: ActorRef['role'];
  readonly regionId: string;
}

/** One person or unit held accountable, with the measures decided for it. */
export interface HeldAccountable {
  readonly subject: Subject;
  readonly measureCodes: readonly string[];
}

/** 立项 — open an accountability case, usually on a clue (the clue's page shows the link). */
export interface OpenAccountabilityCase extends CommandBase<'OpenAccountabilityCase'> {
  readonly accountabilityId: string;
  readonly accountabilityType: AccountabilityType;
  /** 错案来源: required for a 行政错案问责, absent otherwise. */
  readonly ground?: WrongfulCaseGround;
  readonly clueId?: string;
  /** The region of the case: the clue's when linked, else the opener's. */
  readonly regionId: string;
  /** Resolved by the application from `decidingOrgId` (the opener's own when absent). */
  readonly decidingOrg: DecidingOrganisation | undefined;
  readonly summary: string;
  /** 立项日期 (业务日期); today when absent. */
  readonly occurredOn?: LocalDate;
}

/** 调查 — the investigation begins. */
export interface StartAccountabilityInvestigation extends CommandBase<'StartAccountabilityInvestigation'> {
  readonly accountabilityId: string;
  readonly occurredOn?: LocalDate;
}

/** 决定 — the decision: who is held accountable with which measures. */
export interface DecideAccountability extends CommandBase<'DecideAccountability'> {
  readonly accountabilityId: string;
  readonly held: readonly HeldAccountable[];
  readonly documentNo?: string;
  /** 决定日期 (业务日期); today when absent. */
  readonly decisionDate?: LocalDate;
}

/** 执行 — the measures were carried out. */
export interface RecordAccountabilityExecuted extends CommandBase<'RecordAccountabilityExecuted'> {
  readonly accountabilityId: string;
  readonly occurredOn?: LocalDate;
}

/** 归档 — the file is closed. */
export interface ArchiveAccountability extends CommandBase<'ArchiveAccountability'> {
  readonly accountabilityId: string;
  readonly occurredOn?: LocalDate;
}

/** 撤销立项 / 不予追究 — before a decision: no fault found, or opened in error. */
export interface WithdrawAccountability extends CommandBase<'WithdrawAccountability'> {
  readonly accountabilityId: string;
  readonly reason: string;
  readonly occurredOn?: LocalDate;
}

export type AccountabilityCommand =
  | OpenAccountabilityCase
  | StartAccountabilityInvestigation
  | DecideAccountability
  | RecordAccountabilityExecuted
  | ArchiveAccountability
  | WithdrawAccountability;

/** The commands of the case kind as the application routes them (its own and attaching evidence). */
export type AccountabilityCaseCommand = AccountabilityCommand | AttachEvidence;

export interface AccountabilityCaseOpenedData extends EventDataBase {
  readonly accountabilityId: string;
  readonly accountabilityType: AccountabilityType;
  readonly ground?: WrongfulCaseGround;
  readonly clueId?: string;
  readonly regionId: string;
  readonly decidingOrgId: string;
  readonly decidingOrgRole: ActorRef['role'];
  readonly decidingOrgRegionId: string;
  readonly summary: string;
  readonly openedOn: LocalDate;
}

export interface AccountabilityActData extends EventDataBase {
  readonly accountabilityId: string;
  readonly occurredOn: LocalDate;
}

export interface AccountabilityDecidedData extends EventDataBase {
  readonly accountabilityId: string;
  readonly decisionDate: LocalDate;
  readonly documentNo?: string;
  readonly persons: readonly { readonly subject: PersonSubject; readonly measureCodes: readonly string[] }[];
  readonly units: readonly { readonly subject: UnitSubject; readonly measureCodes: readonly string[] }[];
}

export interface AccountabilityWithdrawnData extends AccountabilityActData {
  readonly reason: string;
}

export type AccountabilityCaseOpened = DomainEvent<'AccountabilityCaseOpened', AccountabilityCaseOpenedData>;
export type AccountabilityInvestigationStarted = DomainEvent<
  'AccountabilityInvestigationStarted',
  AccountabilityActData
>;
export type AccountabilityDecided = DomainEvent<'AccountabilityDecided', AccountabilityDecidedData>;
export type AccountabilityExecuted = DomainEvent<'AccountabilityExecuted', AccountabilityActData>;
export type AccountabilityArchived = DomainEvent<'AccountabilityArchived', AccountabilityActData>;
export type AccountabilityWithdrawn = DomainEvent<'AccountabilityWithdrawn', AccountabilityWithdrawnData>;

export type AccountabilityEvent =
  | AccountabilityCaseOpened
  | AccountabilityInvestigationStarted
  | AccountabilityDecided
  | AccountabilityExecuted
  | AccountabilityArchived
  | AccountabilityWithdrawn;

export const ACCOUNTABILITY_EVENT_TYPES = [
  'AccountabilityCaseOpened',
  'AccountabilityInvestigationStarted',
  'AccountabilityDecided',
  'AccountabilityExecuted',
  'AccountabilityArchived',
  'AccountabilityWithdrawn',
] as const satisfies readonly AccountabilityEvent['type'][];
