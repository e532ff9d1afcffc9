import { Role, regionCovers } from '../shared/actor';
import { requireRegion, requireRole } from '../shared/authorize';
import { businessDateOf } from '../shared/business-date';
import { Decider, Decision, assertNever } from '../shared/decider';
import { DomainError, conflict, isDomainError, notFound, validation } from '../shared/domain-error';
import { CommandBase, DomainEvent, EventDataBase, eventBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { firstError, requireInstant, requireNonEmpty, requireOneOf, requireText } from '../shared/validate';

/**
 * 联席会议 — the periodic joint meeting of the rule-of-law office and the discipline commission
 * (DOMAIN.md §1.2 `JointMeeting`, §4.6 `JointMeetingHeld`; seed 004 盘锦). One stream per meeting,
 * `jointmeeting-<meetingId>`: who attended, the cases discussed, the decisions, and each decision
 * linked to the case act that carried it out (a 移送 to the referral sent, a 督办 to the escalation).
 */
export const JOINT_MEETING_CATEGORY = 'jointmeeting';

/** The two sides of the meeting: the office (its region's) and the commission. */
export const JOINT_MEETING_ROLES: readonly Role[] = ['RuleOfLawOffice', 'DisciplineCommission'];

/** What a decision does: refer a clue (移送), escalate (督办), or anything else (e.g. 加强协作). */
export const MEETING_DECISION_TYPES = ['Refer', 'Escalate', 'Other'] as const;
export type MeetingDecisionType = (typeof MEETING_DECISION_TYPES)[number];

/** A case named by the meeting: a clue, a referral or a rectification item. */
export interface MeetingCaseRef {
  readonly kind: 'clue' | 'referral' | 'rectification';
  readonly id: string;
}
const CASE_REF_KINDS = ['clue', 'referral', 'rectification'] as const;

/** What a decision is linked to once carried out: the referral sent after it, the escalation raised. */
export interface MeetingActRef {
  readonly kind: 'referral' | 'escalation';
  readonly id: string;
}

/** An attending organisation as the directory names it. */
export interface AttendingOrganisation {
  readonly orgId: string;
  readonly role: Role;
  readonly regionId: string;
}

export interface MeetingDecision {
  readonly decisionId: string;
  readonly decisionType: MeetingDecisionType;
  readonly text: string;
  /** The cases the decision moves; each one of the cases discussed. */
  readonly cases: readonly MeetingCaseRef[];
}

export interface RecordJointMeeting extends CommandBase<'RecordJointMeeting'> {
  readonly meetingId: string;
  readonly regionId: string;
  /** 会议日期 — the business date it was held (not after today). */
  readonly heldOn?: LocalDate;
  readonly organisations: readonly AttendingOrganisation[];
  /** 参会人员 — names and posts. */
  readonly persons: readonly string[];
  readonly casesDiscussed: readonly MeetingCaseRef[];
  readonly decisions: readonly MeetingDecision[];
}

/** Links a decision to the act that carried it out (one link per act; a decision may have several). */
export interface LinkMeetingDecision extends CommandBase<'LinkMeetingDecision'> {
  readonly meetingId: string;
  readonly decisionId: string;
  readonly act: MeetingActRef;
}

export type JointMeetingCommand = RecordJointMeeting | LinkMeetingDecision;

export interface JointMeetingRecordedData extends EventDataBase {
  readonly meetingId: string;
  readonly regionId: string;
  readonly heldOn: LocalDate;
  readonly organisations: readonly AttendingOrganisation[];
  readonly persons: readonly string[];
  readonly casesDiscussed: readonly MeetingCaseRef[];
  readonly decisions: readonly MeetingDecision[];
}
export type JointMeetingRecorded = DomainEvent<'JointMeetingRecorded', JointMeetingRecordedData>;

export interface MeetingDecisionLinkedData extends EventDataBase {
  /** The meeting's day, so a reader of the link alone can date the decision. */
  readonly heldOn: LocalDate;
  readonly decisionId: string;
  readonly act: MeetingActRef;
}
export type MeetingDecisionLinked = DomainEvent<'MeetingDecisionLinked', MeetingDecisionLinkedData>;

export type JointMeetingEvent = JointMeetingRecorded | MeetingDecisionLinked;

export interface JointMeetingState {
  readonly recorded?: JointMeetingRecordedData;
  readonly links: readonly { readonly decisionId: string; readonly act: MeetingActRef }[];
}

/** A decision is carried out by an act of its own kind: 移送 by a referral, 督办 by an escalation. */
const ACT_OF: Readonly<Record<MeetingDecisionType, readonly MeetingActRef['kind'][]>> = {
  Refer: ['referral'],
  Escalate: ['escalation'],
  Other: ['referral', 'escalation'],
};

const sameCase = (a: MeetingCaseRef, b: MeetingCaseRef): boolean => a.kind === b.kind && a.id === b.id;

const requireCaseRefs = (refs: readonly MeetingCaseRef[], field: string): DomainError | undefined =>
  firstError(
    ...refs.map((r, i) =>
      firstError(
        requireOneOf(r.kind, CASE_REF_KINDS, `${field}[${i}].kind`),
        requireText(r.id, `${field}[${i}].id`, 100),
      ),
    ),
  );

const decideRecord = (command: RecordJointMeeting, state: JointMeetingState): Decision<JointMeetingEvent> => {
  const action = 'record a joint meeting';
  const error =
    requireInstant(command.at, 'at') ??
    requireRole(command.actor, JOINT_MEETING_ROLES, action) ??
    requireText(command.regionId, 'regionId', 200) ??
    requireRegion(command.actor, command.regionId, action) ??
    firstError(
      requireText(command.meetingId, 'meetingId', 100),
      requireNonEmpty(command.persons, 'persons'),
      requireNonEmpty(command.decisions, 'decisions'),
      ...command.persons.map((p, i) => requireText(p, `persons[${i}]`, 200)),
      requireCaseRefs(command.casesDiscussed, 'casesDiscussed'),
      ...command.decisions.map((d, i) =>
        firstError(
          requireText(d.decisionId, `decisions[${i}].decisionId`, 100),
          requireOneOf(d.decisionType, MEETING_DECISION_TYPES, `decisions[${i}].decisionType`),
          requireText(d.text, `decisions[${i}].text`, 4_000),
          requireCaseRefs(d.cases, `decisions[${i}].cases`),
        ),
      ),
    );
  if (error) return error;
  // A joint meeting is the office's and the commission's (seed 004): both sides attend.
  const sides = new Set(command.organisations.map((o) => o.role));
  if (!sides.has('RuleOfLawOffice') || !sides.has('DisciplineCommission'))
    return validation('MEETING.BOTH_SIDES_REQUIRED', 'the office and the commission both attend a joint meeting');
  const outside = command.organisations.find(
    (o) => !regionCovers(o.regionId, command.regionId) && !regionCovers(command.regionId, o.regionId),
  );
  if (outside)
    return validation('MEETING.ORGANISATION_OUTSIDE_REGION', `${outside.orgId} is not of the meeting's region`);
  const undiscussed = command.decisions.find((d) =>
    d.cases.some((c) => !command.casesDiscussed.some((x) => sameCase(x, c))),
  );
  if (undiscussed)
    return validation(
      'MEETING.CASE_NOT_DISCUSSED',
      `decision ${undiscussed.decisionId} moves a case the meeting did not discuss`,
    );
  const ids = command.decisions.map((d) => d.decisionId);
  if (new Set(ids).size !== ids.length)
    return validation('MEETING.DUPLICATE_DECISION', 'a decision id is listed twice');
  const heldOn = businessDateOf(command.heldOn, command.at, undefined, 'heldOn');
  if (isDomainError(heldOn)) return heldOn;
  if (state.recorded) return conflict('MEETING.DUPLICATE_ID', 'this meeting id is already used');
  return [
    {
      type: 'JointMeetingRecorded',
      data: {
        ...eventBase(command),
        meetingId: command.meetingId,
        regionId: command.regionId,
        heldOn,
        organisations: command.organisations.map((o) => ({ orgId: o.orgId, role: o.role, regionId: o.regionId })),
        persons: command.persons,
        casesDiscussed: command.casesDiscussed.map((c) => ({ kind: c.kind, id: c.id })),
        decisions: command.decisions.map((d) => ({
          decisionId: d.decisionId,
          decisionType: d.decisionType,
          text: d.text,
          cases: d.cases.map((c) => ({ kind: c.kind, id: c.id })),
        })),
      },
    },
  ];
};

const decideLink = (command: LinkMeetingDecision, state: JointMeetingState): Decision<JointMeetingEvent> => {
  const action = 'link a meeting decision';
  const error =
    requireInstant(command.at, 'at') ??
    requireRole(command.actor, JOINT_MEETING_ROLES, action) ??
    (state.recorded ? undefined : notFound('MEETING.NOT_FOUND', 'no joint meeting with this id')) ??
    requireRegion(command.actor, state.recorded?.regionId ?? '', action) ??
    firstError(
      requireText(command.act?.id, 'act.id', 100),
      requireOneOf(command.act?.kind, ['referral', 'escalation'], 'act.kind'),
    );
  if (error) return error;
  const decision = state.recorded?.decisions.find((d) => d.decisionId === command.decisionId);
  if (!decision) return notFound('MEETING.DECISION_NOT_FOUND', 'the meeting made no decision with this id');
  if (!ACT_OF[decision.decisionType].includes(command.act.kind))
    return validation(
      'MEETING.ACT_DOES_NOT_FIT',
      `a ${decision.decisionType} decision is carried out by ${ACT_OF[decision.decisionType].join(' or ')}`,
    );
  if (state.links.some((l) => l.act.kind === command.act.kind && l.act.id === command.act.id))
    return conflict('MEETING.ACT_ALREADY_LINKED', 'this act is already linked to a decision of the meeting');
  return [
    {
      type: 'MeetingDecisionLinked',
      data: {
        ...eventBase(command),
        heldOn: state.recorded?.heldOn ?? '',
        decisionId: command.decisionId,
        act: { kind: command.act.kind, id: command.act.id },
      },
    },
  ];
};

export const evolveJointMeeting = (state: JointMeetingState, event: JointMeetingEvent): JointMeetingState => {
  switch (event.type) {
    case 'JointMeetingRecorded':
      return { ...state, recorded: event.data };
    case 'MeetingDecisionLinked':
      return { ...state, links: [...state.links, { decisionId: event.data.decisionId, act: event.data.act }] };
    default:
      return assertNever(event);
  }
};

export const createJointMeetingDecider = (): Decider<JointMeetingCommand, JointMeetingState, JointMeetingEvent> => ({
  decide: (command, state) => {
    switch (command.type) {
      case 'RecordJointMeeting':
        return decideRecord(command, state);
      case 'LinkMeetingDecision':
        return decideLink(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveJointMeeting,
  initialState: () => ({ links: [] }),
});

/** Who reads a meeting: the office and the commission of a region covering it, the party leadership, the auditor. */
export const canSeeJointMeeting = (
  actor: { readonly role: Role; readonly regionId: string },
  state: JointMeetingState,
): boolean =>
  state.recorded !== undefined &&
  (actor.role === 'Auditor' ||
    (([...JOINT_MEETING_ROLES, 'PartyLeadership'] as readonly Role[]).includes(actor.role) &&
      regionCovers(actor.regionId, state.recorded.regionId)));
