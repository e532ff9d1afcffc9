import { AddressInfo } from 'node:net';
import type { ClueState, ExistingReferral } from '@xj/domain';
import { DemoResult, runDemo } from '../../scripts/demo';
import { TestApp, startTestApp } from './support/test-app';

/**
 * `npm run demo` against the real app on a random port: the loader goes through HTTP only, and
 * this suite reads the cases back through the GET routes (as the auditor, not the loader's reader)
 * to check the Panjin figures of DOMAIN.md §8, then runs the loader again and checks that it wrote
 * nothing.
 */
describe('demo loader: the Panjin dataset through the HTTP API', () => {
  let t: TestApp;
  let first: DemoResult;
  let clues: { id: string; state: ClueState; revision: string }[];
  let referrals: { id: string; state: ExistingReferral; revision: string }[];

  const read = async <S>(path: string): Promise<{ state: S; revision: string }> => {
    const res = await t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await t.token('auditor')}`)
      .expect(200);
    return { state: res.body.state as S, revision: res.body.revision as string };
  };

  /** Every clue of the run, then every referral they lead to, forwarded children included. */
  const readAll = async (result: DemoResult) => {
    const readClues = await Promise.all(
      Object.values(result.clueIds).map(async (id) => ({ id, ...(await read<ClueState>(`/api/v1/clues/${id}`)) })),
    );
    const ids = readClues.flatMap((c) => c.state.referralIds);
    const readReferrals: { id: string; state: ExistingReferral; revision: string }[] = [];
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i] as string;
      const r = { id, ...(await read<ExistingReferral>(`/api/v1/referrals/${id}`)) };
      readReferrals.push(r);
      ids.push(...r.state.childReferralIds);
    }
    return { clues: readClues, referrals: readReferrals };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    first = await runDemo({ baseUrl: `http://127.0.0.1:${port}`, credentials: t.credentials });
    ({ clues, referrals } = await readAll(first));
  }, 240_000);
  afterAll(() => t.close());

  const accountable = () => {
    const persons = new Map<string, { rank: string; outcomes: string[] }>();
    for (const { state } of referrals) {
      for (const o of state.outcomes.filter((x) => x.layer !== 'NoAction')) {
        const subject = state.package.subjects.find((s) => s.subjectId === o.subjectId);
        const entry = persons.get(o.subjectId) ?? {
          rank: String(subject?.kind !== 'Unit' ? subject?.cadreRank : 'Unit'),
          outcomes: [],
        };
        entry.outcomes.push(o.outcome);
        persons.set(o.subjectId, entry);
      }
    }
    return [...persons.values()];
  };

  it('writes every request on the first run', () => {
    expect(first.stats.posts).toBeGreaterThan(100);
    expect(first.stats.writes).toBe(first.stats.posts);
    expect(first.stats.replays).toBe(0);
  });

  it('holds 23 persons accountable: 9 县处级, 14 乡科级及以下, 1 transferred to the procuratorate', () => {
    const persons = accountable();
    expect(persons).toHaveLength(23);
    expect(persons.filter((p) => p.rank === 'CountyDivision')).toHaveLength(9);
    expect(persons.filter((p) => p.rank === 'TownshipSectionOrBelow')).toHaveLength(14);
    expect(persons.filter((p) => p.outcomes.includes('TransferToProcuratorate'))).toHaveLength(1);
    // 政务处分 and 组织处理 both appear (seed 004: "政务处分和其他组织处理").
    const all = persons.flatMap((p) => p.outcomes);
    expect(all.some((o) => o.startsWith('GovSanction.'))).toBe(true);
    expect(all.some((o) => o.startsWith('OrganisationalHandling.'))).toBe(true);
  });

  it('publishes 4 typical cases, and the loader reports the same figures it was given by the API', () => {
    expect(referrals.filter((r) => r.state.typicalCasePublished)).toHaveLength(4);
    expect(first.figures).toMatchObject({
      personsHeldAccountable: 23,
      countyDivision: 9,
      townshipSectionOrBelow: 14,
      transferredToProcuratorate: 1,
      typicalCases: 4,
    });
  });

  it('loads the Bijie-shaped accountability cases and reads their figures back from each case (1 : 10 of DOMAIN.md §8)', () => {
    expect(first.accountability).toEqual({
      EnforcementFault: { cases: 33, persons: 26, units: 0 },
      WrongfulCase: { cases: 47, persons: 40, units: 4 },
    });
  });

  it('re-routes a returned referral to the appointing authority, which decides on it', () => {
    const rerouted = referrals.filter(
      (r) => r.state.returnReason !== undefined && r.state.target?.kind === 'AppointingAuthority',
    );
    expect(rerouted.length).toBeGreaterThanOrEqual(1);
    expect(rerouted[0]?.state.holder).toMatchObject({ kind: 'AppointingAuthority', orgId: 'panjin.org-dept' });
    expect(rerouted[0]?.state.outcomes.length).toBeGreaterThan(0);
  });

  it('forwards the section-level persons of a partial acceptance to the county commission', () => {
    const children = referrals.filter((r) => r.state.parentReferralId !== undefined);
    expect(children.length).toBeGreaterThanOrEqual(1);
    const child = children[0]!.state;
    const parent = referrals.find((r) => r.id === child.parentReferralId)!.state;
    expect(child.holder).toMatchObject({ kind: 'DisciplineCommission', orgId: 'dawa.ccdi' });
    expect(child.package.subjects.every((s) => s.kind !== 'Unit' && s.cadreRank === 'TownshipSectionOrBelow')).toBe(
      true,
    );
    const keptAtCity = parent.package.subjects.filter((s) => parent.acceptedSubjectIds.includes(s.subjectId));
    expect(keptAtCity.length).toBeGreaterThan(0);
    expect(keptAtCity.every((s) => s.kind !== 'Unit' && s.cadreRank === 'CountyDivision')).toBe(true);
    expect(child.outcomes.length).toBeGreaterThan(0);
  });

  it('leaves Panshan with zero referrals and a 约谈 of its county office', () => {
    expect(referrals.filter((r) => r.state.regionId === 'panjin/panshan')).toHaveLength(0);
    const panshan = clues.filter((c) => c.state.regionId === 'panjin/panshan');
    expect(panshan.length).toBeGreaterThan(0);
    expect(panshan.every((c) => c.state.referralIds.length === 0)).toBe(true);
    const interviews = panshan.flatMap((c) => c.state.escalations).filter((e) => e.escalationType === 'Interview');
    expect(interviews).toEqual([expect.objectContaining({ targetOrgId: 'panshan.rol-office' })]);
  });

  it('has clues at every earlier step, across the four counties and the three supervision sources', () => {
    const statuses = new Set(clues.map((c) => c.state.status));
    for (const status of ['Registered', 'Analysis', 'Dismissed', 'Verification', 'Supervision', 'Rectification'])
      expect(statuses).toContain(status);
    const regions = new Set(clues.map((c) => c.state.regionId));
    for (const county of ['shuangtaizi', 'xinglongtai', 'dawa', 'panshan'])
      expect(regions).toContain(`panjin/${county}`);
    const sources = new Set(clues.map((c) => c.state.source));
    for (const source of ['RuleOfLawInspection', 'Reconsideration', 'EnforcementSupervision'])
      expect(sources).toContain(source);
    const inRectification = clues.filter((c) => c.state.status === 'Rectification');
    expect(inRectification.flatMap((c) => c.state.rectificationItems).length).toBeGreaterThan(0);
  });

  it('loads a 蓬江-shaped 法治督察 campaign whose figures read back exactly (DOMAIN.md §8, seed 001; issue 17)', async () => {
    // Hand-computed from seed 001 and scripts/demo/campaign-walks.ts: 8 findings at 8 departments open 8
    // clues; findings 5 and 6 are referred to the city commission and accepted (2 referrals); findings 2
    // and 8 are rectified and closed out (2 销号); the other four wait at registration.
    expect(first.campaign.figures).toEqual({
      status: 'Closed',
      teams: 4,
      units: 8,
      topics: 7,
      unitsInspected: 8,
      findings: 8,
      feedbackOpinions: 8,
      commonProblems: 7,
      clues: 8,
      referrals: 2,
      rectified: 2,
    });
    // Each finding's clue, read as the auditor: linked to the campaign, none of the Panjin dataset's.
    const linked = await Promise.all(first.campaign.clueIds.map((id) => read<ClueState>(`/api/v1/clues/${id}`)));
    expect(linked.map((c) => c.state.sourceRef)).toEqual(linked.map(() => `campaign:${first.campaign.campaignId}`));
    expect(first.campaign.clueIds.filter((id) => Object.values(first.clueIds).includes(id))).toEqual([]);
    // Walked as the seed describes: by finding number, the clue's status and its referrals' statuses.
    const walked = await Promise.all(
      linked.map(async (c) => [
        c.state.status,
        ...(await Promise.all(
          c.state.referralIds.map(async (id) => (await read<ExistingReferral>(`/api/v1/referrals/${id}`)).state.status),
        )),
      ]),
    );
    expect(walked).toEqual([
      ['Registered'],
      ['Closed'],
      ['Registered'],
      ['Registered'],
      ['Verification', 'Disposing'],
      ['Verification', 'Disposing'],
      ['Registered'],
      ['Closed'],
    ]);
  });

  it('writes nothing when run a second time: every POST is replayed and no revision moves', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const second = await runDemo({ baseUrl: `http://127.0.0.1:${port}`, credentials: t.credentials });
    expect(second.stats.posts).toBe(first.stats.posts);
    expect(second.stats.writes).toBe(0);
    expect(second.stats.replays).toBe(second.stats.posts);
    expect(second.clueIds).toEqual(first.clueIds);
    const after = await readAll(second);
    const revisions = (cases: { id: string; revision: string }[]) =>
      Object.fromEntries(cases.map((c) => [c.id, c.revision]));
    expect(revisions(after.clues)).toEqual(revisions(clues));
    expect(revisions(after.referrals)).toEqual(revisions(referrals));
    expect(second.figures.revisions).toEqual(first.figures.revisions);
    expect(second.campaign).toEqual(first.campaign);
  }, 240_000);
});
