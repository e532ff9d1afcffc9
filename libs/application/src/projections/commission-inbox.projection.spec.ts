import { TransferPackage } from '@xj/domain';
import { EventLog, projectionSpec } from '@xj/testing';
import {
  ACTORS,
  CITY_CCDI,
  CaseWorld,
  DAWA_CCDI,
  ORG_DEPT,
  clueToSupervision,
  dateOfDay,
  day,
  handleWithOutcomes,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { commissionInboxProjection } from './commission-inbox.projection';

const spec = projectionSpec(commissionInboxProjection);
const inbox = (id: string) => ({ collection: 'inbox', id });
const S1 = subject('s1', 'CountyDivision');
const S2 = subject('s2', 'TownshipSectionOrBelow');
/** A second 县处级 person: the city commission accepts the whole referral (DOMAIN.md Decision 5). */
const S2_CITY = subject('s2', 'CountyDivision');

/** A clue in supervision, ready to be referred; returns the world and its log. */
const world = () => {
  const log = new EventLog();
  const w = new CaseWorld(log);
  clueToSupervision(w, { clueId: 'c1' });
  return { log, w };
};

describe('commission-inbox projection', () => {
  it('keeps a drafted or approved referral out of the inbox (nobody is addressed yet)', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5, 'Sent');
    const drafted = log.events.filter((e) => e.type === 'ReferralDrafted' || e.type === 'ReferralApproved');
    await spec.given(drafted).thenMatch(inbox('r1'), {
      inInbox: false,
      status: 'Approved',
      visibleTo: [],
      clueId: 'c1',
      regionId: 'panjin/dawa',
      countyId: 'panjin/dawa',
    });
  });

  it('given the full path to feedback, a typical case and closure, then the whole document', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1, S2_CITY] }, 5);
    handleWithOutcomes(
      w,
      'r1',
      [
        { subjectId: 's1', outcome: 'GovSanction.Demerit' },
        { subjectId: 's2', outcome: 'TransferToProcuratorate' },
      ],
      10,
      { typicalCase: true },
    );
    w.referral({
      type: 'CloseReferral',
      actor: ACTORS.cityOfficeHead,
      at: day(20),
      referralId: 'r1',
      linkedRectification: [],
    });
    const at = (n: number) => new Date(day(n)).toISOString();
    await spec.given(log.events).then(inbox('r1'), {
      referralId: 'r1',
      clueId: 'c1',
      regionId: 'panjin/dawa',
      countyId: 'panjin/dawa',
      ownerOrgId: 'panjin.rol-office',
      package: {
        clueSummary: '拒不履行行政复议决定',
        source: 'Reconsideration',
        sourceRef: '盘复〔2026〕1号',
        situationCodes: ['ImproperPerformance'],
        statutoryGroundCodes: [],
        matchedCodes: ['ImproperPerformance'],
        subjects: [S1, S2_CITY],
        secrecyLevel: 'Confidential',
      },
      discretionary: false,
      rulebookVersion: 'v1',
      draftedAt: day(5),
      forwardings: [],
      acceptedSubjectIds: ['s1', 's2'],
      outcomes: [
        {
          subjectId: 's1',
          outcome: 'GovSanction.Demerit',
          layer: 'GovSanction',
          decisionDate: dateOfDay(12),
          documentNo: '处〔2026〕r1-0',
          decidedBy: 'DisciplineCommission',
        },
        {
          subjectId: 's2',
          outcome: 'TransferToProcuratorate',
          layer: 'Criminal',
          decisionDate: dateOfDay(12),
          documentNo: '处〔2026〕r1-1',
          decidedBy: 'DisciplineCommission',
        },
      ],
      outcomesOpen: false,
      fedBack: true,
      fedBackAt: day(13),
      fedBackLate: false,
      typicalCase: true,
      typicalCasePublishedOn: dateOfDay(14),
      closed: true,
      closedAt: day(20),
      escalations: 0,
      copiedTo: [],
      handlers: [],
      inInbox: true,
      status: 'Closed',
      targetKind: 'DisciplineCommission',
      targetOrgId: 'panjin.ccdi',
      holderOrgId: 'panjin.ccdi',
      visibleTo: ['panjin.ccdi'],
      sentAt: day(6),
      firstSentAt: day(6),
      firstSentOn: dateOfDay(6),
      sentLate: false,
      receivedAt: day(7),
      registrationNo: 'JW-r1',
      // Received Monday 9 March 2026: 5 working days → Monday 16 March (实施条例 art. 171).
      acceptanceDueOn: '2026-03-16',
      acceptanceDoneAt: day(8),
      // Outcomes on Saturday 14 March: 10 working days → Friday 27 March (重庆 art. 20).
      resultFeedbackDueOn: '2026-03-27',
      disposalMethod: 'PreliminaryVerification',
      caseNo: '立〔2026〕r1',
      updatedAt: at(20),
    });
  });

  it('runs the acceptance deadline from receipt and stops it on acceptance, starting the disposal one', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5, 'Received');
    await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Received',
      acceptanceDueOn: '2026-03-16',
      dueOn: '2026-03-16',
      dueRule: 'CommissionAcceptance',
    });
    w.referral({ type: 'AcceptReferral', actor: ACTORS.cityCcdiHead, at: day(8), referralId: 'r1' });
    // A week to propose the disposal (大理): 10 March + 7 days = 17 March.
    const doc = await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Accepted',
      acceptanceDoneAt: day(8),
      disposalDueOn: '2026-03-17',
      dueOn: '2026-03-17',
      dueRule: 'DisposalProposal',
    });
    expect(doc['acceptanceDueOn']).toBe('2026-03-16');
  });

  it('shows a forwarded referral to every commission it passed through, and restarts acceptance at the next one', async () => {
    const { log, w } = world();
    // The city registers it for the 县处级 S1 (Decision 5) and forwards it whole to the county that manages S2.
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1, S2] }, 5, 'Received');
    w.referral({
      type: 'ForwardReferral',
      actor: ACTORS.cityCcdiHead,
      at: day(8),
      referralId: 'r1',
      forwardTo: { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
      reason: '乡科级干部由区纪委管辖',
    });
    const forwarded = await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Forwarded',
      holderOrgId: 'dawa.ccdi',
      forwardings: [{ fromOrgId: 'panjin.ccdi', toOrgId: 'dawa.ccdi', at: day(8), reason: '乡科级干部由区纪委管辖' }],
      visibleTo: ['panjin.ccdi', 'dawa.ccdi'],
      acceptanceDoneAt: day(8),
    });
    expect(forwarded['dueOn']).toBeUndefined();
    w.referral({
      type: 'ReceiveReferral',
      actor: ACTORS.dawaCcdiHead,
      at: day(9),
      referralId: 'r1',
      registrationNo: 'DW-1',
    });
    const received = await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Received',
      registrationNo: 'DW-1',
      acceptanceDueOn: '2026-03-18',
      dueOn: '2026-03-18',
    });
    expect(received['acceptanceDoneAt']).toBeUndefined();
  });

  it('after a return and a re-route to the appointing authority, the returning commission no longer sees it', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5, 'Received');
    w.referral({
      type: 'ReturnReferral',
      actor: ACTORS.cityCcdiHead,
      at: day(8),
      referralId: 'r1',
      reason: '无监察管辖',
    });
    const returned = await spec
      .given(log.events)
      .thenMatch(inbox('r1'), { status: 'Returned', returnReason: '无监察管辖', visibleTo: ['panjin.ccdi'] });
    expect(returned['holderOrgId']).toBeUndefined();
    w.referral({
      type: 'RerouteReferral',
      actor: ACTORS.cityOfficeHead,
      at: day(9),
      referralId: 'r1',
      target: ORG_DEPT,
    });
    await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Sent',
      targetKind: 'AppointingAuthority',
      holderOrgId: 'panjin.org-dept',
      visibleTo: ['panjin.org-dept'],
      firstSentAt: day(6),
      sentAt: day(9),
    });
  });

  it('opens the forwarded part of a partial acceptance as its own inbox document for the competent commission', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1, S2] }, 5, 'Received');
    w.referral({
      type: 'PartiallyAcceptReferral',
      actor: ACTORS.cityCcdiHead,
      at: day(8),
      referralId: 'r1',
      acceptedSubjectIds: ['s1'],
      forwardTo: { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
      childReferralId: 'r1a',
      reason: '乡科级',
    });
    w.referral({
      type: 'OpenForwardedReferral',
      actor: ACTORS.cityCcdiHead,
      at: day(8),
      referralId: 'r1a',
      parentReferralId: 'r1',
      clueId: 'c1',
      regionId: 'panjin/dawa',
      ownerOrgId: 'panjin.rol-office',
      package: { ...packageOf(log), subjects: [S2] },
      rulebookVersion: 'v1',
      evaluation: (log.events.find((e) => e.type === 'ReferralDrafted')?.data['evaluation'] ?? {}) as never,
      forwardedBy: 'panjin.ccdi',
      forwardTo: { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
      reason: '乡科级',
    });
    const given = spec.given(log.events);
    await given.thenMatch(inbox('r1'), {
      status: 'PartiallyAccepted',
      acceptedSubjectIds: ['s1'],
      visibleTo: ['panjin.ccdi'],
    });
    await given.thenMatch(inbox('r1a'), {
      inInbox: true,
      status: 'Forwarded',
      parentReferralId: 'r1',
      holderOrgId: 'dawa.ccdi',
      visibleTo: ['dawa.ccdi', 'panjin.ccdi'],
      firstSentOn: dateOfDay(8),
      package: expect.objectContaining({ subjects: [S2] }),
    });
  });

  it('keeps the part of a partial return out of every commission inbox: it opens Returned, with the office (实施条例 art. 171(4))', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1, S2] }, 5, 'Received');
    w.referral({
      type: 'PartiallyReturnReferral',
      actor: ACTORS.cityCcdiHead,
      at: day(8),
      referralId: 'r1',
      returnedSubjectIds: ['s2'],
      childReferralId: 'r1r',
      reason: '不属于监察对象',
    });
    w.referral({
      type: 'OpenReturnedReferral',
      actor: ACTORS.cityCcdiHead,
      at: day(8),
      referralId: 'r1r',
      parentReferralId: 'r1',
      clueId: 'c1',
      regionId: 'panjin/dawa',
      ownerOrgId: 'panjin.rol-office',
      package: { ...packageOf(log), subjects: [S2] },
      rulebookVersion: 'v1',
      evaluation: (log.events.find((e) => e.type === 'ReferralDrafted')?.data['evaluation'] ?? {}) as never,
      returnedBy: 'panjin.ccdi',
      reason: '不属于监察对象',
    });
    const given = spec.given(log.events);
    await given.thenMatch(inbox('r1'), {
      status: 'PartiallyAccepted',
      acceptedSubjectIds: ['s1'],
      dueRule: 'DisposalProposal',
      visibleTo: ['panjin.ccdi'],
    });
    await given.thenMatch(inbox('r1r'), {
      inInbox: false,
      status: 'Returned',
      parentReferralId: 'r1',
      returnReason: '不属于监察对象',
      visibleTo: [],
      package: expect.objectContaining({ subjects: [S2] }),
    });
  });

  it('records a talk or inquiry that ends with minor outcomes, and one that surfaces problems', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5);
    w.referral({
      type: 'DecideDisposal',
      actor: ACTORS.cityCcdiHead,
      at: day(9),
      referralId: 'r1',
      method: 'TalkOrInquiryLetter',
      reason: '苗头性问题',
    });
    await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Disposing',
      disposalMethod: 'TalkOrInquiryLetter',
      dueRule: 'TalkOrInquiryStart',
    });
    w.referral({
      type: 'CompleteTalkOrInquiry',
      actor: ACTORS.cityCcdiHead,
      at: day(10),
      referralId: 'r1',
      record: '谈话记录',
      problemsSurfaced: false,
      minorOutcomes: [
        { subjectId: 's1', outcome: 'TalkReminder', decisionDate: dateOfDay(10), documentNo: '谈〔2026〕1号' },
      ],
    });
    const doc = await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Concluded',
      outcomes: [
        {
          subjectId: 's1',
          outcome: 'TalkReminder',
          layer: 'Minor',
          decisionDate: dateOfDay(10),
          documentNo: '谈〔2026〕1号',
        },
      ],
      dueRule: 'ResultFeedback',
    });
    expect(doc['disposalDueOn']).toBeUndefined();

    const other = world();
    referralToAccepted(other.w, { clueId: 'c1', referralId: 'r2', subjects: [S1] }, 5);
    other.w.referral({
      type: 'DecideDisposal',
      actor: ACTORS.cityCcdiHead,
      at: day(9),
      referralId: 'r2',
      method: 'TalkOrInquiryLetter',
      reason: '苗头性问题',
    });
    other.w.referral({
      type: 'CompleteTalkOrInquiry',
      actor: ACTORS.cityCcdiHead,
      at: day(10),
      referralId: 'r2',
      record: '发现问题',
      problemsSurfaced: true,
    });
    await spec.given(other.log.events).thenMatch(inbox('r2'), {
      status: 'Disposing',
      disposalMethod: 'PreliminaryVerification',
      dueRule: 'PreliminaryVerification',
      outcomes: [],
    });
  });

  it('shows the 组织处理 deadline beside the running one until it is carried out ([S2] 问责条例 art. 9)', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5);
    handleWithOutcomes(w, 'r1', [{ subjectId: 's1', outcome: 'OrganisationalHandling.Removal' }], 9);
    const recorded = log.events.find((e) => e.type === 'OutcomesAdded');
    const due = (recorded?.data as { organisationalHandlingDeadline?: { dueOn: string } } | undefined)
      ?.organisationalHandlingDeadline?.dueOn;
    expect(due).toEqual(expect.any(String));
    const open = await spec.given(log.events).thenMatch(inbox('r1'), {
      fedBack: true,
      organisationalHandlingDueOn: due,
    });
    expect(open['organisationalHandlingDoneOn']).toBeUndefined();
    // Fed back: the running deadline ended, the 组织处理 one did not.
    expect(open['dueOn']).toBeUndefined();

    w.referral({
      type: 'RequestDeadlineExtension',
      actor: ACTORS.cityCcdiHead,
      at: day(14),
      referralId: 'r1',
      rule: 'OrganisationalHandling',
      requestId: 'ext-1',
      proposedDueOn: '2026-12-30',
      reason: '任免程序需经常委会研究',
    });
    w.referral({
      type: 'ApproveDeadlineExtension',
      actor: ACTORS.cityCcdiHead,
      at: day(14),
      referralId: 'r1',
      requestId: 'ext-1',
      opinion: '同意',
    });
    await spec.given(log.events).thenMatch(inbox('r1'), {
      organisationalHandlingDueOn: '2026-12-30',
      organisationalHandlingDueMark: { extended: true, originalDueOn: due },
    });

    w.referral({
      type: 'RecordOrganisationalHandlingDone',
      actor: ACTORS.cityCcdiHead,
      at: day(14),
      referralId: 'r1',
      documentNo: '盘组任〔2026〕12号',
      doneOn: dateOfDay(14),
    });
    const done = await spec.given(log.events).thenMatch(inbox('r1'), { organisationalHandlingDoneOn: dateOfDay(14) });
    expect(done['organisationalHandlingDueOn']).toBeUndefined();
    expect(done['organisationalHandlingDueMark']).toBeUndefined();
  });

  it('starts no 组织处理 date when no outcome is one the organisation department carries out', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5);
    handleWithOutcomes(w, 'r1', [{ subjectId: 's1', outcome: 'GovSanction.Demerit' }], 9);
    const doc = await spec.given(log.events).thenMatch(inbox('r1'), { fedBack: true });
    expect(doc['organisationalHandlingDueOn']).toBeUndefined();
  });

  it('follows a shelved referral resumed on new evidence and concluded after verification', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5);
    w.referral({
      type: 'DecideDisposal',
      actor: ACTORS.cityCcdiHead,
      at: day(9),
      referralId: 'r1',
      method: 'ShelvedPending',
      reason: '暂存',
    });
    const shelved = await spec
      .given(log.events)
      .thenMatch(inbox('r1'), { status: 'Disposing', disposalMethod: 'ShelvedPending' });
    expect(shelved['dueOn']).toBeUndefined();
    w.referral({
      type: 'ResumeShelved',
      actor: ACTORS.cityCcdiHead,
      at: day(15),
      referralId: 'r1',
      newEvidence: '新证据',
    });
    await spec
      .given(log.events)
      .thenMatch(inbox('r1'), { disposalMethod: 'PreliminaryVerification', dueRule: 'PreliminaryVerification' });
    w.referral({
      type: 'ConcludeVerification',
      actor: ACTORS.cityCcdiHead,
      at: day(20),
      referralId: 'r1',
      report: '未发现问题',
    });
    // Concluded Sunday 22 March: 10 working days → Friday 3 April (清明 follows).
    await spec
      .given(log.events)
      .thenMatch(inbox('r1'), { status: 'Concluded', dueRule: 'ResultFeedback', resultFeedbackDueOn: '2026-04-03' });
  });

  it('starts result feedback at once when the disposal is 予以了结, and counts escalations', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5);
    w.referral({
      type: 'DecideDisposal',
      actor: ACTORS.cityCcdiHead,
      at: day(9),
      referralId: 'r1',
      method: 'Concluded',
      reason: '反映不实',
    });
    w.referral({
      type: 'RaiseEscalation',
      actor: ACTORS.cityOfficeHead,
      at: day(10),
      referralId: 'r1',
      escalationId: 'e1',
      escalationType: 'InquiryLetter',
      reason: '催办反馈',
      targetOrgId: 'panjin.ccdi',
      target: { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
    });
    await spec.given(log.events).thenMatch(inbox('r1'), {
      status: 'Concluded',
      disposalMethod: 'Concluded',
      dueRule: 'ResultFeedback',
      escalations: 1,
    });
  });

  it('ignores events of a referral it never saw created', async () => {
    const { log, w } = world();
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [S1] }, 5);
    const withoutCreation = log.events.filter((e) => e.type !== 'ReferralDrafted');
    await spec.given(withoutCreation).then(inbox('r1'), undefined);
  });

  it('run it twice: redelivering the events changes nothing', async () => {
    const { log, w } = world();
    referralToAccepted(
      w,
      { clueId: 'c1', referralId: 'r1', subjects: [S2], target: DAWA_CCDI, receiver: ACTORS.dawaCcdiHead },
      5,
    );
    handleWithOutcomes(w, 'r1', [{ subjectId: 's2', outcome: 'GovSanction.Warning' }], 10, {
      receiver: ACTORS.dawaCcdiHead,
      typicalCase: true,
    });
    referralToAccepted(w, { clueId: 'c1', referralId: 'r2', subjects: [S1], target: CITY_CCDI }, 6, 'Received');
    await spec.given(log.events).thenReplayChangesNothing();
  });
});

function packageOf(log: EventLog): TransferPackage {
  return log.events.find((e) => e.type === 'ReferralDrafted')?.data['package'] as unknown as TransferPackage;
}
