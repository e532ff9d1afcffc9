import { Actor, ClueSource, ReferralTarget, Subject, UnitSubject } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACTORS, COUNTIES, CaseWorld, DAWA_CCDI, day, subject } from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { StatisticsQueries } from './statistics.queries';

/**
 * The definitions of issue 17 item 7, on a small dataset whose figures are worked out by hand below
 * (never by the code under test). Everything is entered from Monday 2 March 2026 (`day(0)`) on, but
 * most acts happened in 2025 and carry that business date (业务日期).
 *
 * q1  大洼 emergency bureau, a complaint received 2025-05-06, worked by the CITY office. Referral X1
 *     (conditions met 2025-06-02) sent by the city office on 2025-06-10 to the Dawa commission. Outcomes
 *     decided 2025-09-01: p1 政务处分 记过; the unit u2 (the bureau's 执法大队) a 监察建议, which is
 *     addressed to a unit (监察法 art. 52(5)) and may be recorded for no person. Typical case
 *     published 2025-10-15.
 * q2  盘山 urban management, a complaint received 2026-02-02, worked by PANSHAN's own office. Referral X2
 *     sent with no business date (so on the day it was entered, 2026-03-04) to the Panshan commission;
 *     p3 批评教育 decided 2026-03-06.
 * t1–t4 双台子 traffic police, reconsideration clues: t1 and t2 both come from 行政复议案件 盘复〔2025〕7号
 *     (received 2025-02-03 and 2025-03-03), t3 from 盘复〔2025〕8号 (2025-04-01), t4 from 盘复〔2026〕1号
 *     (2026-01-12).
 *
 * Worked out by hand:
 * - held accountable: persons p1 and p3 (2); u2 is a unit, never a person. 2025: p1 only; 2026: p3 only.
 * - units: u2 with a 监察建议 (1), in 2025; none in 2026.
 * - referrals: X1 in 2025, X2 in 2026. Typical cases: 1, in 2025.
 * - counties whose own office sent a referral: Panshan (X2) only. X1 is about a Dawa case but was sent
 *   by the city office, so Dawa is a county without referrals. 2025: no county sent any.
 * - clues: 6 in all; 2025: q1, t1, t2, t3 (4); 2026: q2, t4 (2).
 * - traffic police reconsideration cases: 2025 → 2 (7号, 8号; t2 is the same case as t1), 2026 → 1.
 */
const PANSHAN_CCDI: ReferralTarget = {
  kind: 'DisciplineCommission',
  orgId: 'panshan.ccdi',
  regionId: 'panjin/panshan',
};
const DIRECTORY = {
  counties: COUNTIES,
  organisationRegions: {
    'panjin.rol-office': 'panjin',
    'dawa.rol-office': 'panjin/dawa',
    'panshan.rol-office': 'panjin/panshan',
  },
};
const BRIGADE: UnitSubject = {
  kind: 'Unit',
  subjectId: 'u2',
  name: '大洼区应急管理局执法大队',
  unit: '大洼区应急管理局',
};
const TRAFFIC = { orgId: 'shuangtaizi.traffic-police', name: '双台子区交警大队' };

const register = (
  w: CaseWorld,
  clue: { clueId: string; regionId: string; source: ClueSource; sourceRef: string; receivedOn: string },
  agency: { orgId: string; name: string },
  office: Actor = ACTORS.cityOfficeHead,
) =>
  w.clue({
    type: 'RegisterClue',
    actor: office,
    at: day(0),
    ...clue,
    receivedAt: `${clue.receivedOn}T09:00:00+08:00`,
    agency,
    summary: '未履行法定职责',
  });

/** Analysis, verification, draft (conditions met on `conditionsMetOn`), approval and sending on `sentOn`. */
const refer = (
  w: CaseWorld,
  ids: { clueId: string; referralId: string; regionId: string },
  office: Actor,
  subjects: Subject[],
  target: ReferralTarget,
  dates: { conditionsMetOn?: string; sentOn?: string },
) => {
  const { clueId, referralId } = ids;
  const claim = { situationCodes: ['ImproperPerformance'], evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'] };
  w.clue({ type: 'StartAnalysis', actor: office, at: day(0), clueId, analystUserId: 'u-analyst' });
  w.clue({
    type: 'StartVerification',
    actor: office,
    at: day(1),
    clueId,
    ...claim,
    category: 'Inaction',
    verificationPlan: '调阅案卷',
    team: ['u-analyst'],
  });
  w.clue({ type: 'ProposeReferral', actor: office, at: day(1), clueId, referralId, ...claim });
  w.referral({
    type: 'DraftReferral',
    actor: office,
    at: day(1),
    referralId,
    clueId,
    clue: { regionId: ids.regionId, status: w.clueStatus(clueId) },
    package: {
      transferLetter: '移送函',
      clueSummary: '未履行法定职责',
      source: 'Complaint',
      sourceRef: clueId,
      ...claim,
      subjects,
      facts: '事实材料',
      evidence: [{ title: '调查笔录', documentRef: 'doc-1' }],
      legalBasis: ['行政复议法 art. 83'],
      transferorOpinion: '建议依规依纪依法处理',
      contact: '0427-0000000',
      secrecyLevel: 'Internal',
    },
    ...(dates.conditionsMetOn !== undefined ? { conditionsMetOn: dates.conditionsMetOn } : {}),
  });
  w.referral({ type: 'ApproveReferral', actor: office, at: day(1), referralId, opinion: '同意' });
  w.referral({
    type: 'SendReferral',
    actor: office,
    at: day(2),
    referralId,
    target,
    ...(dates.sentOn !== undefined ? { occurredOn: dates.sentOn } : {}),
  });
};

/** Receipt, acceptance, 初核, 立案, the outcomes decided on `decidedOn` and the feedback, by the commission's head. */
const decide = (
  w: CaseWorld,
  referralId: string,
  head: Actor,
  outcomes: readonly { subjectId: string; outcome: string }[],
  decidedOn: string,
) => {
  w.referral({ type: 'ReceiveReferral', actor: head, at: day(3), referralId, registrationNo: `登-${referralId}` });
  w.referral({ type: 'AcceptReferral', actor: head, at: day(3), referralId });
  w.referral({
    type: 'DecideDisposal',
    actor: head,
    at: day(4),
    referralId,
    method: 'PreliminaryVerification',
    reason: '集体研究',
  });
  w.referral({ type: 'FileCase', actor: head, at: day(4), referralId, caseNo: `立-${referralId}` });
  w.referral({
    type: 'RecordOutcomes',
    actor: head,
    at: day(5),
    referralId,
    outcomes: outcomes.map((o) => ({ ...o, decisionDate: decidedOn, documentNo: `处-${referralId}` })),
  });
  w.referral({ type: 'FeedBackResult', actor: head, at: day(5), referralId, summary: '已作出处理' });
};

const buildDataset = (w: CaseWorld) => {
  register(
    w,
    { clueId: 'q1', regionId: 'panjin/dawa', source: 'Complaint', sourceRef: '投诉-1', receivedOn: '2025-05-06' },
    { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  );
  refer(
    w,
    { clueId: 'q1', referralId: 'X1', regionId: 'panjin/dawa' },
    ACTORS.cityOfficeHead,
    [subject('p1', 'TownshipSectionOrBelow'), BRIGADE],
    DAWA_CCDI,
    { conditionsMetOn: '2025-06-02', sentOn: '2025-06-10' },
  );
  decide(
    w,
    'X1',
    ACTORS.dawaCcdiHead,
    [
      { subjectId: 'p1', outcome: 'GovSanction.Demerit' },
      { subjectId: 'u2', outcome: 'SupervisionRecommendation' },
    ],
    '2025-09-01',
  );
  w.referral({
    type: 'PublishTypicalCase',
    actor: ACTORS.dawaCcdiHead,
    at: day(6),
    referralId: 'X1',
    text: '典型案例',
    anonymised: true,
    occurredOn: '2025-10-15',
  });

  register(
    w,
    { clueId: 'q2', regionId: 'panjin/panshan', source: 'Complaint', sourceRef: '投诉-2', receivedOn: '2026-02-02' },
    { orgId: 'panshan.urban-mgmt', name: '盘山县城管执法局' },
    ACTORS.panshanOfficeHead,
  );
  refer(
    w,
    { clueId: 'q2', referralId: 'X2', regionId: 'panjin/panshan' },
    ACTORS.panshanOfficeHead,
    [subject('p3', 'TownshipSectionOrBelow')],
    PANSHAN_CCDI,
    {},
  );
  decide(w, 'X2', ACTORS.panshanCcdiHead, [{ subjectId: 'p3', outcome: 'CriticismEducation' }], '2026-03-06');

  const traffic = (clueId: string, sourceRef: string, receivedOn: string) =>
    register(w, { clueId, regionId: 'panjin/shuangtaizi', source: 'Reconsideration', sourceRef, receivedOn }, TRAFFIC);
  traffic('t1', '盘复〔2025〕7号', '2025-02-03');
  traffic('t2', '盘复〔2025〕7号', '2025-03-03');
  traffic('t3', '盘复〔2025〕8号', '2025-04-01');
  traffic('t4', '盘复〔2026〕1号', '2026-01-12');
};

describe('statistics definitions on a hand-computed dataset (issue 17 item 7)', () => {
  let queries: StatisticsQueries;
  beforeAll(async () => {
    const log = new EventLog();
    buildDataset(new CaseWorld(log));
    const store = new InMemoryReadModelStore();
    for (const projection of [clueLedgerProjection, commissionInboxProjection, rectificationLedgerProjection]) {
      store.load(projection.name, await foldProjection(projection, log.events));
    }
    queries = new StatisticsQueries(store, new FakeFreshness());
  });
  const all = () => queries.compute(ACTORS.auditor, DIRECTORY);
  const year = (y: string) => queries.compute(ACTORS.auditor, { ...DIRECTORY, from: `${y}-01-01`, to: `${y}-12-31` });

  it('counts a unit with its 监察建议 among the units, never among the persons held accountable (监察法 art. 52(5))', async () => {
    const stats = await all();
    expect(stats.persons).toEqual({
      total: 2,
      byRank: { DepartmentBureau: 0, CountyDivision: 0, TownshipSectionOrBelow: 2 },
      byOutcome: { 'GovSanction.Demerit': 1, CriticismEducation: 1 },
      byLayer: { GovSanction: 1, Minor: 1 },
    });
    expect(stats.units).toEqual({ total: 1, byOutcome: { SupervisionRecommendation: 1 } });
    expect(stats.byCounty.find((c) => c.regionId === 'panjin/dawa')?.persons).toBe(1);
  });

  it("lists as without referrals the counties whose own office sent none, whatever the cases' region", async () => {
    const stats = await all();
    expect(stats.countiesWithoutReferrals).toEqual(['panjin/dawa', 'panjin/shuangtaizi', 'panjin/xinglongtai']);
    expect(stats.byCounty.map((c) => [c.regionId, c.referrals, c.referralsSent])).toEqual([
      ['panjin/dawa', 1, 0],
      ['panjin/panshan', 1, 1],
      ['panjin/shuangtaizi', 0, 0],
      ['panjin/xinglongtai', 0, 0],
    ]);
  });

  it('dates every figure by the business date of its act, not the day it was entered (all entered in 2026)', async () => {
    const y2025 = await year('2025');
    expect({
      clues: y2025.clues.total,
      referrals: y2025.referrals.total,
      persons: y2025.persons.total,
      units: y2025.units.total,
      typicalCases: y2025.typicalCasesPublished,
      countiesWithoutReferrals: y2025.countiesWithoutReferrals,
    }).toEqual({
      clues: 4,
      referrals: 1,
      persons: 1,
      units: 1,
      typicalCases: 1,
      countiesWithoutReferrals: ['panjin/dawa', 'panjin/panshan', 'panjin/shuangtaizi', 'panjin/xinglongtai'],
    });
    // X2 carries no business date: it counts on the day it was entered (as events written before it did).
    const y2026 = await year('2026');
    expect([
      y2026.clues.total,
      y2026.referrals.total,
      y2026.persons.total,
      y2026.typicalCasesPublished,
      y2026.countiesWithoutReferrals,
    ]).toEqual([2, 1, 1, 0, ['panjin/dawa', 'panjin/shuangtaizi', 'panjin/xinglongtai']]);
  });

  it('counts reconsideration cases (行政复议案件) per agency and year, not clues', async () => {
    const stats = await all();
    expect(stats.agencyYearOnYear).toEqual([
      {
        agencyOrgId: TRAFFIC.orgId,
        agencyName: TRAFFIC.name,
        years: [
          { year: '2025', reconsideration: 2, litigation: 0 },
          { year: '2026', reconsideration: 1, litigation: 0 },
        ],
      },
    ]);
  });
});

/**
 * 受理 (R6; 监察法实施条例 art. 171): a referral sent counts among the accepted once the receiver
 * accepted it, wholly or in part, not when it was merely sent or registered. By hand: r1 sent and only
 * registered (登记) by the Dawa commission, r2 sent and accepted: 2 sent, 1 accepted.
 */
describe('statistics: referrals accepted among those sent (annual report, issue 17)', () => {
  it('counts a referral received but not yet accepted among the sent, not the accepted', async () => {
    const log = new EventLog();
    const w = new CaseWorld(log);
    for (const [clueId, referralId] of [
      ['a1', 'r1'],
      ['a2', 'r2'],
    ] as const) {
      const regionId = 'panjin/dawa';
      register(w, { clueId, regionId, source: 'Complaint', sourceRef: clueId, receivedOn: '2026-02-02' }, TRAFFIC);
      refer(
        w,
        { clueId, referralId, regionId },
        ACTORS.cityOfficeHead,
        [subject(`p-${clueId}`, 'TownshipSectionOrBelow')],
        DAWA_CCDI,
        {},
      );
      w.referral({
        type: 'ReceiveReferral',
        actor: ACTORS.dawaCcdiHead,
        at: day(3),
        referralId,
        registrationNo: `登-${referralId}`,
      });
    }
    w.referral({ type: 'AcceptReferral', actor: ACTORS.dawaCcdiHead, at: day(3), referralId: 'r2' });
    const store = new InMemoryReadModelStore();
    store.load(commissionInboxProjection.name, await foldProjection(commissionInboxProjection, log.events));
    const stats = await new StatisticsQueries(store, new FakeFreshness()).compute(ACTORS.auditor, DIRECTORY);
    expect([stats.referrals.total, stats.referrals.accepted]).toEqual([2, 1]);
  });
});
