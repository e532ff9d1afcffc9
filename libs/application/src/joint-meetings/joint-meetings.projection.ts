import { JOINT_MEETING_CATEGORY, JointMeetingEvent } from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { DocKey } from '../read-models/projection';
import { IndexedProjection, domainEvent, key, list, patch, stampFresh } from '../projections/projection-support';

export const JOINT_MEETINGS = 'joint-meetings';
/** One document per case (`<kind>:<id>`, an escalation's too): the meetings that discussed it or a decision it carried out. */
export const CASE_MEETINGS = 'case-meetings';

/** A meeting as a case's page lists it. */
export interface CaseMeetingEntry {
  readonly meetingId: string;
  readonly heldOn: string;
  /** Discussed at the meeting, or the act (referral, escalation) that carried out one of its decisions. */
  readonly role: 'discussed' | 'carried-out';
  readonly decisionIds: readonly string[];
}

export const caseMeetingsKey = (kind: string, id: string): string => `${kind}:${id}`;

const withEntry = (doc: JsonObject | undefined, entry: CaseMeetingEntry): JsonObject => {
  const others = list<CaseMeetingEntry>(doc, 'meetings').filter(
    (m) => !(m.meetingId === entry.meetingId && m.role === entry.role),
  );
  const same = list<CaseMeetingEntry>(doc, 'meetings').find(
    (m) => m.meetingId === entry.meetingId && m.role === entry.role,
  );
  const decisionIds = [...new Set([...(same?.decisionIds ?? []), ...entry.decisionIds])];
  return patch(doc, { meetings: [...others, { ...entry, decisionIds }] as unknown as JsonObject[] });
};

/**
 * 联席会议 on the case pages (issue 17): each case a meeting discussed lists it with the decisions
 * that move it; the referral sent or the escalation raised to carry out a decision lists it too.
 * Fed from the meetings' own streams only.
 */
export const jointMeetingsProjection: IndexedProjection = {
  name: JOINT_MEETINGS,
  version: 1,
  collections: [CASE_MEETINGS],
  categories: [JOINT_MEETING_CATEGORY],
  indexes: { [CASE_MEETINGS]: [] },
  keys: (event) => {
    const e = domainEvent<JointMeetingEvent>(event);
    switch (e.type) {
      case 'JointMeetingRecorded':
        return Promise.resolve(e.data.casesDiscussed.map((c) => key(CASE_MEETINGS, caseMeetingsKey(c.kind, c.id))));
      case 'MeetingDecisionLinked':
        return Promise.resolve([key(CASE_MEETINGS, caseMeetingsKey(e.data.act.kind, e.data.act.id))]);
      default:
        return Promise.resolve([]);
    }
  },
  apply: (doc, event, target: DocKey) => {
    const e = domainEvent<JointMeetingEvent>(event);
    const meetingId = event.aggregateId;
    if (e.type === 'JointMeetingRecorded') {
      const decisionIds = e.data.decisions
        .filter((d) => d.cases.some((c) => caseMeetingsKey(c.kind, c.id) === target.id))
        .map((d) => d.decisionId);
      const next = withEntry(doc, { meetingId, heldOn: e.data.heldOn, role: 'discussed', decisionIds });
      return Promise.resolve(stampFresh(doc, next, target, event));
    }
    if (e.type === 'MeetingDecisionLinked') {
      const entry = {
        meetingId,
        heldOn: e.data.heldOn,
        role: 'carried-out',
        decisionIds: [e.data.decisionId],
      } as const;
      return Promise.resolve(stampFresh(doc, withEntry(doc, entry), target, event));
    }
    return Promise.resolve(doc);
  },
};
