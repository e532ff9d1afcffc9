import { Actor } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACTORS, CaseWorld, clueToSupervision, headOf, referralToAccepted, subject } from './case-world.fixtures-spec';
import { NOTIFICATIONS, notificationsProjection } from './notifications.projection';
import { NotificationQueries } from './notifications.queries';

const AGENCY_HEAD = ACTORS.dawaAgencyHead;
const AGENCY_STAFF: Actor = { ...AGENCY_HEAD, userId: 'u-dawa-emergency-staff', position: 'Staff' };

const world = () => {
  const log = new EventLog();
  const w = new CaseWorld(log);
  clueToSupervision(w, { clueId: 'k1' }, 0);
  referralToAccepted(w, { clueId: 'k1', referralId: 'R1', subjects: [subject('s1', 'CountyDivision')] }, 3, 'Received');
  w.clue({
    type: 'RaiseEscalation',
    actor: ACTORS.cityOfficeHead,
    at: '2026-03-10T09:30:00+08:00',
    clueId: 'k1',
    escalationId: 'e1',
    escalationType: 'Interview',
    reason: '逾期未整改：应急局局长王某',
    targetOrgId: 'dawa.emergency',
    target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
  });
  return log;
};

const queriesOver = async (log: EventLog) => {
  const docs = await foldProjection(notificationsProjection, log.events);
  const store = new InMemoryReadModelStore().load(NOTIFICATIONS, docs);
  return { store, queries: new NotificationQueries(store) };
};

const kinds = async (queries: NotificationQueries, actor: Actor) =>
  (await queries.list(actor, {})).items.map((n) => `${n.kind} ${n.caseKind}-${n.caseId}`);

describe('notifications read model (issue 15 §3)', () => {
  it('tells each audience what the rules name, newest first, resolved against the reader at read time', async () => {
    const { queries } = await queriesOver(world());
    expect(await kinds(queries, AGENCY_HEAD)).toEqual([
      'EscalationRaised clue-k1',
      'SupervisionInstrumentIssued clue-k1',
    ]);
    // The instrument goes to the agency's head; the escalation to the organisation's head as well.
    expect(await kinds(queries, AGENCY_STAFF)).toEqual([]);
    expect(await kinds(queries, ACTORS.cityCcdiHead)).toEqual(['ReferralSent referral-R1']);
    expect(await kinds(queries, ACTORS.cityCcdi)).toEqual(['ReferralSent referral-R1']);
    // Another commission, another agency, the administrator: nothing.
    for (const other of [ACTORS.dawaCcdiHead, ACTORS.dawaUrbanHead, ACTORS.admin])
      expect(await kinds(queries, other)).toEqual([]);
  });

  it('never shows a notification about a case the reader cannot see, even when addressed to its organisation', async () => {
    const log = world();
    // An escalation on the referral aimed at the agency: the agency never sees a referral (DOMAIN.md §9.7).
    log.append('referral-R1', [
      {
        type: 'EscalationRaised',
        data: {
          at: '2026-03-11T09:30:00+08:00',
          by: { userId: 'u-office-head', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
          escalationId: 'e2',
          escalationType: 'Interview',
          reason: 'r',
          targetOrgId: 'dawa.emergency',
        },
      },
    ]);
    const { queries, store } = await queriesOver(log);
    expect(await kinds(queries, AGENCY_HEAD)).toEqual([
      'EscalationRaised clue-k1',
      'SupervisionInstrumentIssued clue-k1',
    ]);
    const stored = await store.find(NOTIFICATIONS, 'items', { filter: { audienceOrgId: 'dawa.emergency' } });
    expect(stored.total).toBe(3);
  });

  it('carries no case content: only the event kind, the deadline rule and the case number', async () => {
    const { queries } = await queriesOver(world());
    const page = await queries.list(AGENCY_HEAD, {});
    for (const item of page.items)
      expect(
        Object.keys(item).filter(
          (k) => !['at', 'caseId', 'caseKind', 'kind', 'notificationId', 'read', 'deadlineRule'].includes(k),
        ),
      ).toEqual([]);
    expect(page.items.find((n) => n.kind === 'SupervisionInstrumentIssued')?.deadlineRule).toBe(
      'SupervisionOpinionCorrection',
    );
    expect(JSON.stringify(page)).not.toContain('王某');
  });

  it('keeps read marks per user, filters unread, and refuses to mark what the reader cannot read', async () => {
    const { queries } = await queriesOver(world());
    const [newest] = (await queries.list(AGENCY_HEAD, {})).items;
    const other = (await queries.list(ACTORS.cityCcdiHead, {})).items[0]?.notificationId as string;
    expect(
      await queries.markRead(AGENCY_HEAD, [newest?.notificationId as string, other], '2026-03-12T00:00:00Z'),
    ).toEqual([newest?.notificationId]);
    const after = await queries.list(AGENCY_HEAD, { unread: true });
    expect(after.items.map((n) => n.kind)).toEqual(['SupervisionInstrumentIssued']);
    expect(after.unread).toBe(1);
    expect((await queries.list(AGENCY_HEAD, {})).items.map((n) => n.read)).toEqual([true, false]);
    // Another member of the commission still has it unread; the agency's mark did not touch it.
    expect((await queries.list(ACTORS.cityCcdi, { unread: true })).total).toBe(1);
    const colleague = headOf('EnforcementAgency', 'dawa.emergency', 'panjin/dawa');
    expect((await queries.list({ ...colleague, userId: 'u-other-head' }, { unread: true })).total).toBe(2);
  });

  it('replays to the same documents: redelivery from any point and a rebuild change nothing (ids are stable)', async () => {
    // Not the lagging-document half of thenReplayChangesNothing: a notification made again after its
    // case's document moved on is made from the case's later parties (README, Notifications). The
    // embedded store commits a batch and its checkpoint at once, so its documents never lag each other.
    const events = world().events;
    const final = await foldProjection(notificationsProjection, events);
    const snapshot = new Map(final);
    for (let from = 0; from < events.length; from += 3) {
      await foldProjection(notificationsProjection, events.slice(from), final);
      expect(final).toEqual(snapshot);
    }
    for (let cut = 0; cut < events.length; cut += 3) {
      const earlier = await foldProjection(notificationsProjection, events.slice(0, cut));
      expect(await foldProjection(notificationsProjection, events.slice(cut), earlier)).toEqual(snapshot);
    }
    expect([...(await foldProjection(notificationsProjection, world().events)).keys()]).toEqual([...snapshot.keys()]);
  });
});
