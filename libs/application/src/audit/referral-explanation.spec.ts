import { DEFAULT_DEADLINE_POLICY, RULEBOOK_V1, createDomainConfig } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import {
  ACTORS,
  AuditWorld,
  CITY_CCDI,
  CLAIM,
  S1,
  buildAuditWorld,
  config,
  dateOf,
  day,
  packageOf,
} from './audit.fixtures-spec';
import { DescribeContext, noNames } from './event-description';
import { ExplainedDeadline, ReferralExplanation, explainReferral } from './referral-explanation';

const directory: DescribeContext = {
  orgName: (id) => (id === 'panjin.ccdi' ? { zh: '盘锦市纪委监委', en: 'Panjin Commission' } : undefined),
};

describe('explainReferral', () => {
  const world = new AuditWorld((clock) => new SqliteEventStore({ filename: ':memory:', clock }));
  const explain = async (
    referralId: string,
    today = '2026-03-20',
    cfg = config,
    clueId = 'C1',
  ): Promise<ReferralExplanation> => {
    const referralEvents = await world.store.readStream(`referral-${referralId}`);
    const clueEvents = await world.store.readStream(`clue-${clueId}`);
    const explanation = explainReferral({ referralEvents, clueEvents, config: cfg, today, ctx: directory });
    if (!explanation) throw new Error(`no explanation for ${referralId}`);
    return explanation;
  };
  const deadline = (e: ReferralExplanation, rule: string, type?: string): ExplainedDeadline | undefined =>
    e.deadlines.find((d) => d.rule === rule && (type === undefined || d.recordedBy.type === type));

  beforeAll(async () => {
    await buildAuditWorld(world);
    // R9: conditions met on day 0, but only sent on day 40 (late), then received and left waiting.
    const { office, officeHead, ccdi } = ACTORS;
    await world.referral('R9', 'DraftReferral', office, 0, {
      clueId: 'C1',
      clue: { regionId: 'panjin/dawa', status: 'Verification' },
      package: packageOf([S1]),
      conditionsMetOn: dateOf(0),
    });
    await world.referral('R9', 'ApproveReferral', officeHead, 0, { opinion: '同意' });
    await world.referral('R9', 'SendReferral', office, 40, { target: CITY_CCDI });
    await world.referral('R9', 'ReceiveReferral', ccdi, 41, { registrationNo: 'JW-2026-009' });
    await world.referral('R9', 'RaiseEscalation', office, 41, {
      escalationId: 'E9',
      escalationType: 'OrderPerformance',
      reason: '限期受理',
      targetOrgId: 'panjin.ccdi',
      target: { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
      performBy: dateOf(45),
    });
  });
  afterAll(() => world.close());

  it('given R1, then the matched situation is shown with its evidence present, missing and recommended, labelled from the rulebook version recorded', async () => {
    const e = await explain('R1');
    expect(e.rulebook).toEqual({ version: 'v1', effectiveFrom: RULEBOOK_V1.effectiveFrom, known: true });
    expect({
      mandatory: e.transferMandatory,
      discretionary: e.discretionary,
      grounds: e.statutoryGrounds,
      unknown: e.unknownCodes,
    }).toEqual({ mandatory: true, discretionary: false, grounds: [], unknown: [] });
    expect(e.situations).toHaveLength(1);
    const [situation] = e.situations;
    expect(situation).toMatchObject({
      code: 'FailToCorrectIllegalAct',
      number: 5,
      labelZh: '不依法纠正违法行为',
      matched: true,
      evidenceMissing: [],
    });
    expect(situation?.evidencePresent.map((x) => x.code)).toEqual(['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF']);
    expect(situation?.evidencePresent[0]).toEqual({
      code: 'FC.INSTRUMENT',
      labelZh: '认定违法的文书（监督意见书、复议意见书、督察反馈）',
      labelEn: 'The instrument that found the illegality',
    });
    expect(situation?.evidenceRecommended.map((x) => x.code)).toEqual(['FC.ESCALATIONS']);
    expect(situation?.legalBasis).toEqual(
      RULEBOOK_V1.rules.find((r) => r.code === 'FailToCorrectIllegalAct')?.legalBasis,
    );
  });

  it('given R1, then who proposed (on the clue), drafted, approved and sent it — and to whom — are named with their times', async () => {
    const e = await explain('R1');
    expect(e.proposal).toMatchObject({
      by: { userId: 'u-office', orgId: 'panjin.rol-office' },
      at: day(1),
      streamId: 'clue-C1',
      rulebookVersion: 'v1',
      discretionary: false,
    });
    expect(e.drafting).toMatchObject({
      by: { userId: 'u-office' },
      at: day(1),
      streamId: 'referral-R1',
      revision: '0',
      conditionsMetOn: dateOf(1),
      forwardedFromReferralId: null,
    });
    expect(e.approval).toMatchObject({
      by: { userId: 'u-office-head', role: 'RuleOfLawOffice' },
      opinion: '同意移送',
      proposedBy: { userId: 'u-office' },
      revision: '1',
    });
    expect(e.sending).toEqual([
      expect.objectContaining({
        type: 'ReferralSent',
        sentAt: day(2),
        late: false,
        target: {
          orgId: 'panjin.ccdi',
          regionId: 'panjin',
          kind: 'DisciplineCommission',
          nameZh: '盘锦市纪委监委',
          nameEn: 'Panjin Commission',
        },
      }),
    ]);
  });

  it('given R1, then each recorded deadline shows its rule, start, amount, unit, due date and policy basis, and was met by the event that ended it', async () => {
    const e = await explain('R1');
    expect(e.deadlines.map((d) => [d.recordedBy.type, d.rule, d.outcome])).toEqual([
      ['ReferralDrafted', 'TransferAfterConditionsMet', 'met'],
      ['ReferralReceived', 'CommissionAcceptance', 'met'],
      ['ReferralPartiallyAccepted', 'DisposalProposal', 'met'],
      ['DisposalDecided', 'TalkOrInquiryStart', 'met'],
      ['TalkOrInquiryHeld', 'TalkOrInquiryConclusion', 'met'],
      ['TalkOrInquiryCompleted', 'PreliminaryVerification', 'met'],
      ['OutcomesAdded', 'ResultFeedback', 'met'],
      ['OutcomesAdded', 'OrganisationalHandling', 'met'],
    ]);
    expect(deadline(e, 'TransferAfterConditionsMet')).toEqual({
      rule: 'TransferAfterConditionsMet',
      from: dateOf(1),
      amount: 15,
      unit: 'WorkingDays',
      dueOn: '2026-03-24',
      explicit: false,
      basis: DEFAULT_DEADLINE_POLICY.TransferAfterConditionsMet.basis,
      recordedBy: { streamId: 'referral-R1', revision: '0', type: 'ReferralDrafted', field: 'transferDeadline' },
      outcome: 'met',
      endedBy: { type: 'ReferralSent', revision: '2', on: dateOf(2) },
    });
    expect(deadline(e, 'CommissionAcceptance')?.endedBy).toEqual({
      type: 'ReferralPartiallyAccepted',
      revision: '4',
      on: dateOf(4),
    });
    expect(deadline(e, 'ResultFeedback')).toMatchObject({
      basis: DEFAULT_DEADLINE_POLICY.ResultFeedback.basis,
      endedBy: { type: 'ResultFedBack' },
    });
  });

  it('given R9, sent long after the conditions were met, then the transfer deadline reads missed, the waiting acceptance open or overdue by the day asked, and a user-chosen date is not tracked', async () => {
    const before = await explain('R9', dateOf(42));
    expect(before.sending[0]?.late).toBe(true);
    expect(deadline(before, 'TransferAfterConditionsMet')).toMatchObject({
      outcome: 'missed',
      endedBy: { type: 'ReferralSent', on: dateOf(40) },
    });
    const acceptance = deadline(before, 'CommissionAcceptance');
    expect(acceptance).toMatchObject({ outcome: 'open', from: dateOf(41), amount: 5, unit: 'WorkingDays' });
    expect(acceptance?.endedBy).toBeUndefined();
    const after = await explain('R9', '2026-12-31');
    expect(deadline(after, 'CommissionAcceptance')?.outcome).toBe('overdue');
    expect(deadline(after, 'SupervisionDecisionExecution')).toMatchObject({
      explicit: true,
      amount: 0,
      dueOn: dateOf(45),
      outcome: 'not-tracked',
      basis: 'Explicit due date set by the user',
      recordedBy: { type: 'EscalationRaised', field: 'deadline' },
    });
    expect(after.proposal).toBeNull();
  });

  it('given a referral proposed on a clue under analysis, then the transfer deadline the proposal started on the clue is explained and ended by the sending', async () => {
    const { office, officeHead } = ACTORS;
    await world.clue('C5', 'RegisterClue', office, 0, {
      regionId: 'panjin/dawa',
      source: 'Audit',
      sourceRef: '审计移送〔2026〕1号',
      receivedAt: '2026-02-27T16:00:00+08:00',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: '审计发现',
    });
    await world.clue('C5', 'StartAnalysis', office, 0, { analystUserId: 'u-office' });
    await world.clue('C5', 'ProposeReferral', office, 1, { ...CLAIM, referralId: 'R5' });
    await world.referral('R5', 'DraftReferral', office, 1, {
      clueId: 'C5',
      clue: { regionId: 'panjin/dawa', status: 'Analysis' },
      package: packageOf([S1]),
    });
    await world.referral('R5', 'ApproveReferral', officeHead, 2, { opinion: '同意' });
    await world.referral('R5', 'SendReferral', office, 3, { target: CITY_CCDI });
    const e = await explain('R5', dateOf(3), config, 'C5');
    expect(e.proposal).toMatchObject({ streamId: 'clue-C5', at: day(1) });
    expect(e.deadlines[0]).toMatchObject({
      rule: 'TransferAfterConditionsMet',
      recordedBy: { streamId: 'clue-C5', type: 'ReferralProposed', field: 'transferDeadline' },
      outcome: 'met',
      endedBy: { type: 'ReferralSent', on: dateOf(3) },
    });
  });

  it('given the child of a partial acceptance, then it is explained from its own opening event, with its parent named and no approval of its own', async () => {
    const e = await explain('R1a');
    expect(e.drafting).toMatchObject({
      forwardedFromReferralId: 'R1',
      conditionsMetOn: null,
      by: { userId: 'u-ccdi-head' },
    });
    expect({ approval: e.approval, proposal: e.proposal, sending: e.sending, rulebook: e.rulebook.version }).toEqual({
      approval: null,
      proposal: null,
      sending: [],
      rulebook: 'v1',
    });
  });

  it('given a configuration that no longer knows the recorded rulebook, then the recorded verdict still explains it, with codes for labels', async () => {
    const later = createDomainConfig({ rulebooks: [{ ...RULEBOOK_V1, version: 'v2' }] });
    const e = await explain('R1', '2026-03-20', later);
    expect(e.rulebook).toEqual({ version: 'v1', effectiveFrom: null, known: false });
    expect(e.situations[0]?.evidencePresent[0]).toEqual({
      code: 'FC.INSTRUMENT',
      labelZh: 'FC.INSTRUMENT',
      labelEn: 'FC.INSTRUMENT',
    });
    expect(e.situations[0]?.labelZh).toBe('不依法纠正违法行为');
  });

  it('given a stream without a referral, then there is nothing to explain', () => {
    expect(
      explainReferral({ referralEvents: [], clueEvents: [], config, today: '2026-03-20', ctx: noNames }),
    ).toBeUndefined();
  });
  it('given an acceptance period refused once, extended, paused and resumed, then it is explained at its current due date with the original, each change and why', async () => {
    const e = await explain('R8', '2026-03-20', config, 'C8');
    const acceptance = deadline(e, 'CommissionAcceptance');
    // Received on day 3 (2026-03-05): five working days end on 2026-03-12.
    expect(acceptance).toMatchObject({ originalDueOn: '2026-03-12', outcome: 'open' });
    expect(acceptance?.changes?.map((c) => [c.type, c.fromDueOn, c.toDueOn])).toEqual([
      ['DeadlineExtensionApproved', '2026-03-12', dateOf(45)],
      ['DeadlinePaused', dateOf(45), dateOf(45)],
      ['DeadlineResumed', dateOf(45), acceptance?.dueOn],
    ]);
    expect(acceptance?.changes?.map((c) => c.reason)).toEqual(['需补充鉴定', '等待鉴定意见', '鉴定意见已出']);
    expect(acceptance?.changes?.[0]?.opinion).toBe('同意');
    expect(acceptance?.changes?.[1]?.remainingWorkingDays).toBeGreaterThan(0);
    // The change events carry the moved deadline; they are not explained as deadlines of their own.
    expect(e.deadlines.filter((d) => d.rule === 'CommissionAcceptance')).toHaveLength(1);
  });
});
