import { Actor, ClueState, caseViewFor, createClueDecider, createDomainConfig, fold } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  clueToSupervision,
  dateOfDay,
  day,
  planItems,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { ClueLedgerItem, ClueLedgerQueries } from './clue-ledger.queries';
import { ReadModelAccessDenied } from './read-access';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';

/**
 * The supervised agency's line in the 线索台账 shows what its view of the clue (GET /clues/{id},
 * the domain's AGENCY_CLUE_VIEW) shows and no more: not who owns the clue or when it came in, not
 * that a referral was sent (DOMAIN.md §9.7: leaking case information is itself situation #6), not
 * the escalations aimed at others, not the transfer deadline inside its due date, not another
 * agency's items. The office's line stays as it was.
 */

const AGENCY = ACTORS.dawaAgencyHead;
const OFFICE = ACTORS.cityOfficeHead;
/** A day after the transfer deadline of c1 (24 March) and long before its items are due. */
const TODAY = '2026-03-26';
const escalation = { escalationType: 'Interview' as const, reason: '进度缓慢' };

const build = (referred: boolean) => {
  const log = new EventLog();
  const w = new CaseWorld(log);
  // c1: verification on day 1 makes the transfer mandatory (due 24 March); the plan's only item is due on day 60.
  clueToSupervision(w, { clueId: 'c1', receivedDay: -3 }, 0);
  planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 60 }], 4);
  // An item of c1 assigned directly to another agency, due before the agency's own.
  w.item({
    type: 'AssignRectificationItem',
    actor: OFFICE,
    at: day(5),
    itemId: 'i9',
    clueId: 'c1',
    regionId: 'panjin/dawa',
    agencyOrgId: 'dawa.urban-mgmt',
    mode: 'Deadline',
    issue: '问题',
    measures: '措施',
    dueDate: dateOfDay(40),
    owner: '王局长',
    responsiblePerson: '李科长',
  });
  w.clue({
    type: 'RaiseEscalation',
    actor: OFFICE,
    at: day(6),
    clueId: 'c1',
    escalationId: 'e1',
    ...escalation,
    targetOrgId: AGENCY.orgId,
    target: { orgId: AGENCY.orgId, role: AGENCY.role, regionId: AGENCY.regionId },
  });
  w.clue({
    type: 'RaiseEscalation',
    actor: OFFICE,
    at: day(7),
    clueId: 'c1',
    escalationId: 'e2',
    ...escalation,
    targetOrgId: 'dawa.rol-office',
    target: { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin/dawa' },
  });
  w.item({
    type: 'RaiseEscalation',
    actor: OFFICE,
    at: day(8),
    itemId: 'i1',
    escalationId: 'e3',
    ...escalation,
    targetOrgId: AGENCY.orgId,
    target: { orgId: AGENCY.orgId, role: AGENCY.role, regionId: AGENCY.regionId },
  });
  // c2, received later than c1, in supervision since day 22: nothing of it is due before 7 April.
  clueToSupervision(w, { clueId: 'c2' }, 20);
  // The agency starts on its item of c1 after that: the last change of c1 it sees.
  w.item({ type: 'StartRectification', actor: AGENCY, at: day(23), itemId: 'i1' });
  if (referred) {
    referralToAccepted(
      w,
      { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] },
      24,
      'Received',
    );
    w.referral({
      type: 'RaiseEscalation',
      actor: ACTORS.secretary,
      at: day(27),
      referralId: 'r1',
      escalationId: 'e4',
      ...escalation,
      targetOrgId: 'panjin.ccdi',
      target: { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
      escalationType: 'LeaderInstruction',
    });
  }
  return log;
};

const queriesOver = async (log: EventLog) => {
  const store = new InMemoryReadModelStore().load(
    clueLedgerProjection.name,
    await foldProjection(clueLedgerProjection, log.events),
  );
  return { store, queries: new ClueLedgerQueries(store, new FakeFreshness()) };
};

const clueView = (log: EventLog, actor: Actor, clueId: string): Partial<ClueState> => {
  const decider = createClueDecider(createDomainConfig());
  const events = log.events.filter((e) => e.streamId === `clue-${clueId}`).map((e) => ({ type: e.type, data: e.data }));
  return caseViewFor(actor, 'clue', fold(decider, events as never[]));
};

let before: Awaited<ReturnType<typeof queriesOver>>;
let after: Awaited<ReturnType<typeof queriesOver>>;
const logs = { before: build(false), after: build(true) };
beforeAll(async () => {
  before = await queriesOver(logs.before);
  after = await queriesOver(logs.after);
});

const lineOf = async (
  world: typeof after,
  actor: Actor,
  clueId = 'c1',
  query: Partial<Parameters<ClueLedgerQueries['list']>[1]> = {},
): Promise<ClueLedgerItem> => {
  const page = await world.queries.list(actor, { today: TODAY, limit: 100, ...query });
  const line = page.items.find((i) => i.clueId === clueId);
  if (line === undefined) throw new Error(`${clueId} is not on the ledger of ${actor.userId}`);
  return line;
};
const ids = async (world: typeof after, actor: Actor, query: Partial<Parameters<ClueLedgerQueries['list']>[1]>) =>
  (await world.queries.list(actor, { today: TODAY, limit: 100, ...query })).items.map((i) => i.clueId);

describe("the agency's line in the clue ledger shows what its view of the clue shows", () => {
  it('not the owning office (its clue view hides ownerOrgId)', async () => {
    expect(clueView(logs.after, AGENCY, 'c1')).not.toHaveProperty('ownerOrgId');
    expect(await lineOf(after, AGENCY)).not.toHaveProperty('ownerOrgId');
    expect(await lineOf(after, OFFICE)).toHaveProperty('ownerOrgId', 'panjin.rol-office');
  });

  it('not when the clue was received or registered', async () => {
    const line = await lineOf(after, AGENCY);
    for (const field of ['receivedAt', 'receivedOn', 'registeredAt'])
      expect([field, Object.hasOwn(line, field)]).toEqual([field, false]);
    expect(await lineOf(after, OFFICE)).toMatchObject({
      receivedAt: day(-3, '08:00'),
      receivedOn: dateOfDay(-3),
      registeredAt: day(0),
    });
  });

  it('not that a referral was sent (transferredAt), nor anything else of the referral', async () => {
    const line = await lineOf(after, AGENCY);
    expect(line).not.toHaveProperty('transferredAt');
    expect(line).not.toHaveProperty('referrals');
    expect(await lineOf(after, OFFICE)).toMatchObject({
      transferredAt: day(25),
      referrals: [{ referralId: 'r1', status: 'Received' }],
    });
  });

  it('counts the escalations addressed to the agency that its clue view lists, not those aimed at others or raised on referrals', async () => {
    const listed = clueView(logs.after, AGENCY, 'c1').escalations ?? [];
    expect(listed.map((e) => e.escalationId)).toEqual(['e1']);
    expect((await lineOf(after, AGENCY)).escalations).toBe(listed.length);
    // The office counts all four: two on the clue, one on an item, one on the referral.
    expect((await lineOf(after, OFFICE)).escalations).toBe(4);
  });

  it("leaves the transfer deadline out of its next due date and overdue flag, and another agency's item too", async () => {
    // The office: the transfer deadline (24 March) runs and has passed.
    expect(await lineOf(before, OFFICE)).toMatchObject({
      transferDueOn: '2026-03-24',
      nextDueOn: '2026-03-24',
      overdue: true,
    });
    // The agency: the earliest date its view shows, of the rectification deadline and its own item's
    // (day 60, on May Day: an explicit date is kept and flagged, not moved — issue 15 §4).
    const view = clueView(logs.before, AGENCY, 'c1');
    const own = (await lineOf(before, OFFICE)).items.find((i) => i.itemId === 'i1')?.dueOn;
    const dates = [view.deadline?.dueOn, view.planDeadline?.dueOn, own]
      .filter((d): d is string => d !== undefined)
      .sort();
    expect(dates[0]).toBe('2026-05-01');
    const line = await lineOf(before, AGENCY);
    expect([line.nextDueOn, line.overdue]).toEqual([dates[0], false]);
    expect(line).not.toHaveProperty('transferDueOn');
  });

  it('filters and sorts on its own due date: overdue, and the order by nextDueOn, follow what it sees', async () => {
    expect(await ids(before, OFFICE, { overdue: true })).toEqual(['c1']);
    expect(await ids(before, AGENCY, { overdue: true })).toEqual([]);
    expect((await ids(before, AGENCY, { overdue: false })).sort()).toEqual(['c1', 'c2']);
    // c2's plan is due in April, before c1's own item, but after c1's transfer deadline.
    expect(await ids(before, OFFICE, { sort: 'nextDueOn' })).toEqual(['c1', 'c2']);
    expect(await ids(before, AGENCY, { sort: 'nextDueOn' })).toEqual(['c2', 'c1']);
  });

  it('shows only its own rectification items and counts only them', async () => {
    const line = await lineOf(after, AGENCY);
    expect(line.items.map((i) => i.itemId)).toEqual(['i1']);
    expect(line.rectification).toEqual({ total: 1, closed: 0, longTerm: 0, open: 1 });
    const office = await lineOf(after, OFFICE);
    expect(office.items.map((i) => i.itemId)).toEqual(['i1', 'i9']);
    expect(office.rectification).toEqual({ total: 2, closed: 0, longTerm: 0, open: 2 });
  });

  it('keeps its update time where the referral found it: the referral moves only the office’s', async () => {
    const agencyBefore = await lineOf(before, AGENCY);
    const agencyAfter = await lineOf(after, AGENCY);
    expect(agencyAfter.updatedAt).toBe(agencyBefore.updatedAt);
    expect(agencyAfter).toEqual(agencyBefore);
    expect((await lineOf(after, OFFICE)).updatedAt).toBe(new Date(day(27)).toISOString());
  });

  it('refuses to sort on a field it does not see, which would show it by order; by default the latest change it saw comes first', async () => {
    for (const sort of ['receivedAt', '-receivedAt'])
      await expect(after.queries.list(AGENCY, { today: TODAY, sort })).rejects.toBeInstanceOf(ReadModelAccessDenied);
    // c2 was received after c1, but the last change the agency saw of c1 (its item started, day 23) came after c2's instrument (day 22).
    expect(await ids(after, OFFICE, {})).toEqual(['c2', 'c1']);
    expect(await ids(after, AGENCY, {})).toEqual(['c1', 'c2']);
    const sort = after.store.finds[after.store.finds.length - 1]?.options.sort ?? {};
    expect(
      Object.keys(sort).filter((f) => ['receivedAt', 'receivedOn', 'registeredAt', 'updatedAt'].includes(f)),
    ).toEqual([]);
  });
});

describe("the office's line stays as it was", () => {
  // Plus its 红黄绿灯 (issue 15 §2), computed at query time like `overdue`.
  it('has the same fields as before, none of the agency’s', async () => {
    expect(Object.keys(await lineOf(after, OFFICE)).sort()).toEqual(
      [
        'agencyName',
        'agencyOrgId',
        'clueId',
        'countyId',
        'escalations',
        'instrument',
        'items',
        'light',
        'matchedCodes',
        'nextDueOn',
        'overdue',
        'ownerOrgId',
        'category',
        'receivedAt',
        'receivedOn',
        'rectification',
        'referrals',
        'registeredAt',
        'regionId',
        'reopenCount',
        'situationCodes',
        'source',
        'sourceRef',
        'status',
        // The agency's item is due on May Day as given: the line flags it (issue 15 §4).
        'stepDueNonWorkingDay',
        'stepDueOn',
        'summary',
        'transferredAt',
        'updatedAt',
      ].sort(),
    );
  });
});
