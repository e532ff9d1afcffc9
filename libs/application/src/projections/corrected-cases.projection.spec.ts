import { EventLog, projectionSpec } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  clueToSupervision,
  closeItem,
  dateOfDay,
  day,
  handleWithOutcomes,
  planItems,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { correctedCasesProjection } from './corrected-cases.projection';

const spec = projectionSpec(correctedCasesProjection);
const kase = (id: string) => ({ collection: 'cases', id });

const setup = () => {
  const log = new EventLog();
  return { log, w: new CaseWorld(log) };
};

describe('corrected-cases-ledger projection', () => {
  it('lists nothing for a clue from a source that does not correct an enforcement act, nor indexes its referrals', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1', source: 'Complaint' });
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] }, 5, 'Sent');
    const given = spec.given(log.events);
    await given.then(kase('c1'), undefined);
    expect((await given.collection('case-index')).size).toBe(0);
  });

  it.each([['Reconsideration'], ['LitigationLossOrReversal'], ['CaseFileReview']] as const)(
    'a %s clue is tracked from registration and becomes a corrected case once the instrument is issued',
    async (source) => {
      const { log, w } = setup();
      clueToSupervision(w, { clueId: 'c1', source }, 0, 'Verification');
      await spec.given(log.events).thenMatch(kase('c1'), { source, corrected: false, status: 'Verification' });
      w.clue({
        type: 'IssueSupervisionInstrument',
        actor: ACTORS.cityOfficeHead,
        at: day(2),
        clueId: 'c1',
        verificationReport: '执法行为违法',
        responsibleUnits: ['dawa.emergency'],
        instrument: { kind: 'ReconsiderationOpinion', documentNo: '盘复意〔2026〕1号' },
      });
      // 行政复议法 art. 76: 60 days from Wednesday 4 March → Sunday 3 May (劳动节) → next working day.
      await spec.given(log.events).thenMatch(kase('c1'), {
        corrected: true,
        status: 'Supervision',
        instrument: {
          kind: 'ReconsiderationOpinion',
          documentNo: '盘复意〔2026〕1号',
          issuedAt: day(2),
          issuedOn: dateOfDay(2),
          dueOn: expect.stringMatching(/^2026-05-/),
        },
      });
    },
  );

  it('given the whole correction, then the ledger line with rectification, referral and persons outcomes', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1', source: 'LitigationLossOrReversal', receivedDay: -2 });
    planItems(
      w,
      'c1',
      [
        { itemId: 'i1', mode: 'Deadline', dueDay: 10 },
        { itemId: 'i2', mode: 'LongTerm' },
      ],
      4,
    );
    closeItem(w, 'i1', 5);
    closeItem(w, 'i2', 5);
    referralToAccepted(
      w,
      {
        clueId: 'c1',
        referralId: 'r1',
        subjects: [subject('s1', 'CountyDivision'), subject('s2', 'CountyDivision')],
      },
      5,
    );
    handleWithOutcomes(
      w,
      'r1',
      [
        { subjectId: 's1', outcome: 'GovSanction.Demerit' },
        { subjectId: 's1', outcome: 'PartySanction.Warning' },
        { subjectId: 's2', outcome: 'NoAction' },
      ],
      10,
    );
    w.clue({
      type: 'SubmitRectificationFeedback',
      actor: ACTORS.dawaAgencyHead,
      at: day(15),
      clueId: 'c1',
      report: '已整改',
      evidence: [{ title: '报告', documentRef: 'd1' }],
    });
    w.clue({ type: 'StartEvaluation', actor: ACTORS.cityOffice, at: day(15), clueId: 'c1' });
    w.clue({
      type: 'EvaluateClue',
      actor: ACTORS.cityOfficeHead,
      at: day(16),
      clueId: 'c1',
      result: 'Pass',
      method: 'OnSite',
      notes: '核查属实',
      rectificationItems: [
        { itemId: 'i1', status: 'Closed', mode: 'Deadline' },
        { itemId: 'i2', status: 'Closed', mode: 'LongTerm' },
      ],
    });
    w.clue({
      type: 'CompleteClueLookBack',
      actor: ACTORS.cityOfficeHead,
      at: day(110),
      clueId: 'c1',
      result: 'Pass',
      method: 'Document',
      notes: '未反弹',
    });
    await spec.given(log.events).then(kase('c1'), {
      clueId: 'c1',
      regionId: 'panjin/dawa',
      countyId: 'panjin/dawa',
      agencyOrgId: 'dawa.emergency',
      agencyName: '大洼区应急管理局',
      source: 'LitigationLossOrReversal',
      sourceRef: '盘复〔2026〕c1号',
      summary: '应急管理局未在期限内履行行政复议决定',
      receivedAt: day(-2, '08:00'),
      receivedOn: dateOfDay(-2),
      status: 'Archived',
      corrected: true,
      instrument: {
        kind: 'SupervisionOpinion',
        documentNo: '盘法督〔2026〕c1号',
        issuedAt: day(2),
        issuedOn: dateOfDay(2),
        dueOn: '2026-04-03',
      },
      items: [
        { itemId: 'i1', status: 'Closed', mode: 'Deadline' },
        { itemId: 'i2', status: 'Closed', mode: 'LongTerm' },
      ],
      rectification: { total: 2, closed: 1, longTerm: 1, open: 0 },
      lastEvaluationResult: 'Pass',
      closedAt: day(16),
      lastLookBackResult: 'Pass',
      referrals: [{ referralId: 'r1', status: 'ResultFedBack', sentAt: day(6) }],
      outcomes: [
        { referralId: 'r1', subjectId: 's1', outcome: 'GovSanction.Demerit', layer: 'GovSanction' },
        { referralId: 'r1', subjectId: 's1', outcome: 'PartySanction.Warning', layer: 'PartySanction' },
        { referralId: 'r1', subjectId: 's2', outcome: 'NoAction', layer: 'NoAction' },
      ],
      updatedAt: new Date(day(110)).toISOString(),
    });
  });

  it('a dismissed clue stays out of the corrected list (never reached supervision)', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' }, 0, 'Registered');
    w.clue({
      type: 'StartAnalysis',
      actor: ACTORS.cityOfficeHead,
      at: day(1),
      clueId: 'c1',
      analystUserId: 'u-analyst',
    });
    w.clue({
      type: 'DismissClue',
      actor: ACTORS.cityOfficeHead,
      at: day(2),
      clueId: 'c1',
      reason: 'Untrue',
      explanation: '反映不实',
    });
    await spec.given(log.events).thenMatch(kase('c1'), { status: 'Dismissed', corrected: false });
  });

  it('run it twice: redelivering the events changes nothing', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1', source: 'CaseFileReview' });
    clueToSupervision(w, { clueId: 'c2', source: 'Complaint' }, 1);
    planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 10 }], 4);
    closeItem(w, 'i1', 5);
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] }, 5);
    handleWithOutcomes(w, 'r1', [{ subjectId: 's1', outcome: 'Admonishment' }], 10);
    await spec.given(log.events).thenReplayChangesNothing();
  });
});
