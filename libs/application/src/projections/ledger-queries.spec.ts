import { Actor, addDays } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  DAWA_EMERGENCY,
  DAWA_URBAN,
  TRAFFIC,
  buildPanjin,
  clueToSupervision,
  headOf,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { ClueLedgerQueries } from './clue-ledger.queries';
import { commissionInboxProjection } from './commission-inbox.projection';
import { CommissionInboxQueries } from './commission-inbox.queries';
import { correctedCasesProjection } from './corrected-cases.projection';
import { CorrectedCasesQueries } from './corrected-cases.queries';
import { ReadModelAccessDenied } from './read-access';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { RectificationLedgerQueries } from './rectification-ledger.queries';

const TODAY = '2026-03-20';

const build = async () => {
  const log = new EventLog();
  const w = new CaseWorld(log);
  buildPanjin(w);
  // A referral still waiting for acceptance, and a corrected case whose summary is a formula.
  referralToAccepted(
    w,
    { clueId: 'k1', referralId: 'R5', regionId: TRAFFIC.regionId, subjects: [subject('s9', 'CountyDivision')] },
    30,
    'Received',
  );
  clueToSupervision(
    w,
    { clueId: 'k11', regionId: TRAFFIC.regionId, agency: TRAFFIC.agency, summary: '=HYPERLINK("http://x.example")' },
    40,
  );
  const store = new InMemoryReadModelStore();
  for (const projection of [
    clueLedgerProjection,
    commissionInboxProjection,
    rectificationLedgerProjection,
    correctedCasesProjection,
  ]) {
    store.load(projection.name, await foldProjection(projection, log.events));
  }
  const freshness = new FakeFreshness();
  return {
    store,
    freshness,
    clues: new ClueLedgerQueries(store, freshness),
    inbox: new CommissionInboxQueries(store, freshness),
    items: new RectificationLedgerQueries(store, freshness),
    corrected: new CorrectedCasesQueries(store, freshness),
  };
};

type World = Awaited<ReturnType<typeof build>>;
let world: World;
beforeAll(async () => {
  world = await build();
});

const ids = (page: { items: readonly object[] }, field: string) =>
  page.items.map((i) => (i as Record<string, unknown>)[field]).sort();
const XLT_CCDI = headOf('DisciplineCommission', 'xinglongtai.ccdi', 'panjin/xinglongtai');

describe('ClueLedgerQueries', () => {
  it('shows an agency only the rectification side of its clues, and refuses it filters on hidden fields', async () => {
    const page = await world.clues.list(DAWA_URBAN.head, { today: TODAY, limit: 100 });
    const item = page.items[0] as unknown as Record<string, unknown>;
    expect(item['clueId']).toBe('k4');
    for (const hidden of ['summary', 'situationCodes', 'matchedCodes', 'category', 'referrals', 'transferDueOn'])
      expect(item).not.toHaveProperty(hidden);
    await expect(
      world.clues.list(DAWA_URBAN.head, { today: TODAY, situation: 'ImproperPerformance' }),
    ).rejects.toBeInstanceOf(ReadModelAccessDenied);
    await expect(world.clues.list(DAWA_URBAN.head, { today: TODAY, q: 'x' })).rejects.toBeInstanceOf(
      ReadModelAccessDenied,
    );
  });

  const list = (actor: Actor, query: Partial<Parameters<ClueLedgerQueries['list']>[1]> = {}) =>
    world.clues.list(actor, { today: TODAY, limit: 100, ...query });

  it.each([
    ['auditor', ACTORS.auditor, ['k1', 'k10', 'k11', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']],
    [
      'the city office (its region and below)',
      ACTORS.cityOfficeHead,
      ['k1', 'k10', 'k11', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'],
    ],
    ['the Dawa office (not the look-alike panjin/dawax)', ACTORS.dawaOfficeHead, ['k3', 'k4']],
    ['the Panshan office', ACTORS.panshanOfficeHead, ['k5']],
    // k3 is still in verification: the agency does not know of it yet (the domain's CASE_VISIBILITY).
    ['an agency, before the supervision instrument is served', DAWA_EMERGENCY.head, []],
    ['an agency (its own clues only, from the instrument on)', DAWA_URBAN.head, ['k4']],
  ])('%s sees exactly its clues', async (_who, actor, expected) => {
    const page = await list(actor);
    expect(ids(page, 'clueId')).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  // 抄送 (issue 17 item 8): a commission reads the clues whose instrument was copied to it — none here.
  it('a commission reads only the clues copied to it', async () => {
    const page = await list(ACTORS.cityCcdiHead);
    expect([ids(page, 'clueId'), page.total]).toEqual([[], 0]);
  });

  // Seed 004 (DOMAIN.md §8): the 组织部 pulls the 行政不作为 data — those clues of its region, without persons or analysis.
  it('the 组织部 reads exactly the 行政不作为 clues of its region, without summary, situations, referrals or items', async () => {
    const all = (await list(ACTORS.auditor, { limit: 100 })).items as unknown as Record<string, unknown>[];
    const inaction = all.filter((line) => line['category'] === 'Inaction').map((line) => line['clueId']);
    const page = await list(ACTORS.orgDeptHead, { limit: 100 });
    expect(inaction.length).toBeGreaterThan(3);
    expect(inaction.length).toBeLessThan(all.length);
    expect(ids(page, 'clueId')).toEqual([...inaction].sort());
    for (const line of page.items as unknown as Record<string, unknown>[])
      expect(['summary', 'situationCodes', 'referrals', 'items', 'sourceRef'].filter((f) => f in line)).toEqual([]);
  });

  it('an administrator may not read the clue ledger', async () => {
    await expect(list(ACTORS.admin)).rejects.toBeInstanceOf(ReadModelAccessDenied);
  });

  it.each([
    [{ county: 'panjin/shuangtaizi' }, ['k1', 'k11', 'k6', 'k7', 'k8']],
    [{ agencyOrgId: DAWA_URBAN.agency.orgId }, ['k4']],
    [{ source: 'Reconsideration' }, ['k1', 'k11', 'k6', 'k7']],
    [{ situation: 'ImproperPerformance' }, ['k1', 'k11', 'k2', 'k3', 'k4']],
    [{ step: 'Registered' }, ['k10', 'k5', 'k6', 'k7', 'k8', 'k9']],
    // 我的待办 asks for every open step in one query.
    [{ step: ['Registered', 'Verification'] }, ['k10', 'k2', 'k3', 'k5', 'k6', 'k7', 'k8', 'k9']],
    [{ step: ['Verification'] }, ['k2', 'k3']],
    [{ q: '(违法) 50%' }, ['k4']],
    [{ q: '.*' }, []],
    [{ q: 'hyperlink' }, ['k11']],
    [{ overdue: true, today: '2027-01-01' }, ['k1', 'k11', 'k2', 'k3', 'k4']],
    [{ overdue: false, today: '2027-01-01' }, ['k10', 'k5', 'k6', 'k7', 'k8', 'k9']],
    [{ overdue: true, today: '2026-01-01' }, []],
  ])('filters %j', async (filter, expected) => {
    expect(ids(await list(ACTORS.auditor, filter), 'clueId')).toEqual(expected);
  });

  it('flags overdue lines as of the given day', async () => {
    const page = await list(ACTORS.auditor, { today: '2027-01-01', step: 'Verification' });
    expect(page.items.map((i) => [i.clueId, i.overdue])).toEqual([
      ['k3', true],
      ['k2', true],
    ]);
    const early = await list(ACTORS.auditor, { today: '2026-01-01', step: 'Verification' });
    expect(early.items.every((i) => !i.overdue)).toBe(true);
  });

  it('sorts by a whitelisted field and pages; limits are clamped to 100', async () => {
    const page = await world.clues.list(ACTORS.auditor, { today: TODAY, sort: 'clueId', skip: 3, limit: 3 });
    expect(page.items.map((i) => i.clueId)).toEqual(['k2', 'k3', 'k4']);
    expect([page.total, page.skip, page.limit]).toEqual([11, 3, 3]);
    const descending = await world.clues.list(ACTORS.auditor, { today: TODAY, sort: '-clueId', limit: 2 });
    expect(descending.items.map((i) => i.clueId)).toEqual(['k9', 'k8']);
    expect((await world.clues.list(ACTORS.auditor, { today: TODAY, limit: 1000 })).limit).toBe(100);
    const fallback = await world.clues.list(ACTORS.auditor, { today: TODAY, sort: 'summary' });
    expect(world.store.finds[world.store.finds.length - 1]?.options.sort).toEqual({ receivedAt: -1, _id: 1 });
    expect(fallback.limit).toBe(20);
  });

  it('answers stale when the read model has not reached minPosition, and never waits without one', async () => {
    world.freshness.reached = false;
    const calls = world.freshness.calls.length;
    expect((await list(ACTORS.auditor, { minPosition: 12345n })).stale).toBe(true);
    expect(world.freshness.calls.slice(calls)).toEqual([{ position: 12345n, timeoutMs: 2000 }]);
    world.freshness.reached = true;
    expect((await list(ACTORS.auditor, { minPosition: 12345n })).stale).toBe(false);
    const before = world.freshness.calls.length;
    expect((await list(ACTORS.auditor)).stale).toBe(false);
    expect(world.freshness.calls.length).toBe(before);
  });

  it('never returns the store bookkeeping fields', async () => {
    const page = await list(ACTORS.auditor);
    expect(page.items.some((i) => '_id' in i || '_position' in i)).toBe(false);
  });
});

describe('CommissionInboxQueries', () => {
  const list = (actor: Actor, query: Partial<Parameters<CommissionInboxQueries['list']>[1]> = {}) =>
    world.inbox.list(actor, { today: TODAY, limit: 100, ...query });

  it.each([
    // Not R1a or R2a, the parts it split off and forwarded: they answer 404 to the city commission (the domain's
    // CASE_VISIBILITY). R4a is the part of Dawa's R4 forwarded to it (its 县处级 persons, DOMAIN.md Decision 5).
    [
      'the city commission (addressed, holding; no longer the returned one, nor the part it split off)',
      ACTORS.cityCcdiHead,
      ['R1', 'R2', 'R4a', 'R5'],
    ],
    ['the county commission that received the forwarded part', XLT_CCDI, ['R2a']],
    ['the Dawa commission', ACTORS.dawaCcdiHead, ['R4']],
    ['the appointing authority it was re-routed to', ACTORS.orgDeptHead, ['R3']],
    ['a commission nothing was sent to', ACTORS.panshanCcdiHead, []],
    ['the Dawa office (its region)', ACTORS.dawaOfficeHead, ['R3', 'R4', 'R4a']],
    ['an auditor', ACTORS.auditor, ['R1', 'R1a', 'R2', 'R2a', 'R3', 'R4', 'R4a', 'R5']],
  ])('%s sees exactly its referrals', async (_who, actor, expected) => {
    const page = await list(actor);
    expect(ids(page, 'referralId')).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('an agency reads only the referrals copied to it (抄送, issue 17 item 8) — none here', async () => {
    const page = await list(DAWA_EMERGENCY.head);
    expect([ids(page, 'referralId'), page.total]).toEqual([[], 0]);
  });

  it('an administrator may not read the inbox', async () => {
    await expect(list(ACTORS.admin)).rejects.toBeInstanceOf(ReadModelAccessDenied);
  });

  it('filters by status, county, feedback and overdue', async () => {
    expect(ids(await list(ACTORS.auditor, { status: ['Received'] }), 'referralId')).toEqual(['R5']);
    expect(ids(await list(ACTORS.auditor, { status: ['Received', 'Sent'] }), 'referralId')).toEqual(['R5']);
    expect(ids(await list(ACTORS.auditor, { county: 'panjin/xinglongtai' }), 'referralId')).toEqual(['R2', 'R2a']);
    expect(ids(await list(ACTORS.auditor, { fedBack: false }), 'referralId')).toEqual(['R5']);
    expect(ids(await list(ACTORS.auditor, { situation: 'ImproperPerformance', closed: false }), 'referralId')).toEqual([
      'R1',
      'R1a',
      'R2',
      'R2a',
      'R3',
      'R4',
      'R4a',
      'R5',
    ]);
  });

  it('computes the overdue flags at query time from the recorded acceptance deadline', async () => {
    const [pending] = (await list(ACTORS.cityCcdiHead, { status: ['Received'] })).items;
    const due = pending?.acceptanceDueOn as string;
    const onTheDay = (await list(ACTORS.cityCcdiHead, { status: ['Received'], today: due })).items[0];
    expect(onTheDay?.overdue).toEqual({
      any: false,
      acceptance: false,
      disposal: false,
      resultFeedback: false,
      organisationalHandling: false,
    });
    const dayAfter = addDays(due, 1);
    const late = (await list(ACTORS.cityCcdiHead, { status: ['Received'], today: dayAfter })).items[0];
    expect(late?.overdue).toEqual({
      any: true,
      acceptance: true,
      disposal: false,
      resultFeedback: false,
      organisationalHandling: false,
    });
    expect(ids(await list(ACTORS.cityCcdiHead, { overdue: true, today: dayAfter }), 'referralId')).toEqual(['R5']);
    expect(ids(await list(ACTORS.cityCcdiHead, { overdue: true, today: due }), 'referralId')).toEqual([]);
  });
});

describe('RectificationLedgerQueries', () => {
  const list = (actor: Actor, query: Partial<Parameters<RectificationLedgerQueries['list']>[1]> = {}) =>
    world.items.list(actor, { today: TODAY, limit: 100, ...query });

  it.each([
    ['an agency (its own items: the agency view)', TRAFFIC.head, ['i1', 'i2', 'i3']],
    ['another agency', DAWA_URBAN.head, ['i4', 'i5']],
    ['an agency without items', DAWA_EMERGENCY.head, []],
    ['the Dawa office', ACTORS.dawaOfficeHead, ['i4', 'i5']],
    ['the party leadership of the city', ACTORS.secretary, ['i1', 'i2', 'i3', 'i4', 'i5']],
  ])('%s sees exactly its items', async (_who, actor, expected) => {
    expect(ids(await list(actor), 'itemId')).toEqual(expected);
  });

  it('a commission may not read the rectification ledger', async () => {
    await expect(list(ACTORS.cityCcdiHead)).rejects.toBeInstanceOf(ReadModelAccessDenied);
  });

  it('filters by status, mode, clue and overdue (rectification or look-back)', async () => {
    expect(ids(await list(ACTORS.auditor, { status: 'Reopened' }), 'itemId')).toEqual(['i4']);
    expect(ids(await list(ACTORS.auditor, { mode: 'LongTerm' }), 'itemId')).toEqual(['i2']);
    expect(ids(await list(ACTORS.auditor, { clueId: 'k4' }), 'itemId')).toEqual(['i4', 'i5']);
    expect(ids(await list(ACTORS.auditor, { overdue: true, today: '2026-12-31' }), 'itemId')).toEqual([
      'i1',
      'i2',
      'i3',
      'i4',
    ]);
    expect(ids(await list(ACTORS.auditor, { overdue: false, today: '2026-12-31' }), 'itemId')).toEqual(['i5']);
    const flags = (await list(ACTORS.auditor, { today: '2026-12-31', sort: 'itemId' })).items.map((i) => [
      i.itemId,
      i.overdue,
      i.lookBackOverdue,
    ]);
    expect(flags).toEqual([
      ['i1', false, true],
      ['i2', false, true],
      ['i3', true, false],
      ['i4', true, false],
      ['i5', false, false],
    ]);
  });
});

describe('CorrectedCasesQueries', () => {
  it('lists the clues from reconsideration, litigation and case-file review that reached supervision', async () => {
    const page = await world.corrected.list(ACTORS.auditor, {});
    expect(ids(page, 'clueId')).toEqual(['k1', 'k11', 'k4']);
    const k4 = page.items.find((i) => i.clueId === 'k4');
    expect([k4?.personsHandled, k4?.outcomeCodes]).toEqual([
      9,
      // R4's own outcomes first, then R4a's (the part forwarded to the city, DOMAIN.md Decision 5).
      ['CriticismEducation', 'NoAction', 'GovSanction.MajorDemerit'],
    ]);
    expect(ids(await world.corrected.list(ACTORS.dawaOfficeHead, {}), 'clueId')).toEqual(['k4']);
    expect(ids(await world.corrected.list(ACTORS.auditor, { source: 'CaseFileReview' }), 'clueId')).toEqual(['k4']);
    expect(ids(await world.corrected.list(ACTORS.auditor, { from: '2026-03-05', to: '2026-03-31' }), 'clueId')).toEqual(
      ['k4'],
    );
  });

  it.each([
    ['an agency', DAWA_URBAN.head],
    ['a commission', ACTORS.cityCcdiHead],
    ['an administrator', ACTORS.admin],
  ])('%s may not read the corrected-cases ledger', async (_who, actor) => {
    await expect(world.corrected.list(actor, {})).rejects.toBeInstanceOf(ReadModelAccessDenied);
    await expect(world.corrected.exportCsv(actor, {})).rejects.toBeInstanceOf(ReadModelAccessDenied);
  });

  it('exports CSV with a header row, quoting, and formulas defused', async () => {
    const { csv, rows } = await world.corrected.exportCsv(ACTORS.auditor, {});
    const lines = csv.split('\r\n');
    expect(rows).toBe(3);
    expect(lines[0]).toBe(
      '线索编号,区域,被监督单位,线索来源,来源文号,问题摘要,监督文书,文书编号,下达日期,纠正期限,当前环节,整改事项,已销号,长期坚持,评估结果,销号时间,回头看结果,移送情况,处理人数,处理结果',
    );
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['k1', 'k4', 'k11']);
    expect(csv).toContain(',"罚款(违法) 50%, ""超标"" 处罚",');
    expect(csv).toContain(`,"'=HYPERLINK(""http://x.example"")",`);
    expect(lines[lines.length - 1]).toBe('');
  });
});
