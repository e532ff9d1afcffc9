import { EventLog, projectionSpec } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  clueToSupervision,
  closeItem,
  dateOfDay,
  day,
  planItems,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';

const spec = projectionSpec(clueLedgerProjection);
const clue = (id: string) => ({ collection: 'clues', id });
const iso = (n: number) => new Date(day(n)).toISOString();

const setup = () => {
  const log = new EventLog();
  return { log, w: new CaseWorld(log) };
};

/** Feedback → evaluation pass (销号) for clue c1 whose items are all closed. */
const evaluatePass = (
  w: CaseWorld,
  start: number,
  items: { itemId: string; mode: 'Immediate' | 'Deadline' | 'LongTerm' }[],
) => {
  w.clue({
    type: 'SubmitRectificationFeedback',
    actor: ACTORS.dawaAgencyHead,
    at: day(start),
    clueId: 'c1',
    report: '已整改',
    evidence: [{ title: '报告', documentRef: 'd1' }],
  });
  w.clue({ type: 'StartEvaluation', actor: ACTORS.cityOffice, at: day(start), clueId: 'c1' });
  w.clue({
    type: 'EvaluateClue',
    actor: ACTORS.cityOfficeHead,
    at: day(start + 1),
    clueId: 'c1',
    result: 'Pass',
    method: 'OnSite',
    notes: '核查属实',
    rectificationItems: items.map((i) => ({ ...i, status: 'Closed' })),
  });
};

describe('clue-ledger projection', () => {
  it('given a registered clue, then one ledger line with its source, agency and no due date', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1', receivedDay: -3, summary: '城管执法局 罚款程序违法' }, 0, 'Registered');
    await spec.given(log.events).then(clue('c1'), {
      clueId: 'c1',
      regionId: 'panjin/dawa',
      countyId: 'panjin/dawa',
      ownerOrgId: 'panjin.rol-office',
      agencyOrgId: 'dawa.emergency',
      agencyName: '大洼区应急管理局',
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕c1号',
      summary: '城管执法局 罚款程序违法',
      receivedAt: day(-3, '08:00'),
      receivedOn: dateOfDay(-3),
      registeredAt: day(0),
      status: 'Registered',
      situationCodes: [],
      matchedCodes: [],
      referrals: [],
      items: [],
      rectification: { total: 0, closed: 0, longTerm: 0, open: 0 },
      escalations: 0,
      reopenCount: 0,
      // The agency's own (read by it as items, rectification and escalations): nothing yet, and no change it has seen.
      agencyItems: [],
      agencyRectification: { total: 0, closed: 0, longTerm: 0, open: 0 },
      agencyEscalations: 0,
      updatedAt: iso(0),
    });
  });

  it('in verification: the situations, the rulebook match, the verification and transfer deadlines', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' }, 0, 'Verification');
    // Verification starts Tuesday 3 March: 15 working days → Tuesday 24 March for both.
    await spec.given(log.events).thenMatch(clue('c1'), {
      status: 'Verification',
      category: 'Inaction',
      situationCodes: ['ImproperPerformance'],
      matchedCodes: ['ImproperPerformance'],
      stepDueOn: '2026-03-24',
      transferDueOn: '2026-03-24',
      nextDueOn: '2026-03-24',
    });
  });

  it('in supervision: the instrument with its correction and plan deadlines; the earliest is next due', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    await spec.given(log.events).thenMatch(clue('c1'), {
      status: 'Supervision',
      // Issued Wednesday 4 March: 30 days → 3 April; the plan within 10 working days → 18 March.
      instrument: {
        kind: 'SupervisionOpinion',
        documentNo: '盘法督〔2026〕c1号',
        issuedAt: day(2),
        dueOn: '2026-04-03',
      },
      stepDueOn: '2026-04-03',
      planDueOn: '2026-03-18',
      transferDueOn: '2026-03-24',
      nextDueOn: '2026-03-18',
    });
  });

  it('follows the items of its plan through their own streams (progress and their due dates)', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    planItems(
      w,
      'c1',
      [
        { itemId: 'i1', mode: 'Deadline', dueDay: 10 },
        { itemId: 'i2', mode: 'LongTerm' },
        { itemId: 'i3', mode: 'Deadline', dueDay: 18 },
      ],
      4,
    );
    const planned = await spec.given(log.events).thenMatch(clue('c1'), {
      status: 'Rectification',
      rectification: { total: 3, closed: 0, longTerm: 0, open: 3 },
      items: [
        { itemId: 'i1', status: 'Assigned', mode: 'Deadline', dueOn: dateOfDay(10) },
        { itemId: 'i2', status: 'Assigned', mode: 'LongTerm' },
        { itemId: 'i3', status: 'Assigned', mode: 'Deadline', dueOn: dateOfDay(18) },
      ],
      nextDueOn: dateOfDay(10),
    });
    expect(planned['planDueOn']).toBeUndefined();
    closeItem(w, 'i1', 6);
    closeItem(w, 'i2', 6);
    await spec.given(log.events).thenMatch(clue('c1'), {
      rectification: { total: 3, closed: 1, longTerm: 1, open: 1 },
      items: [
        { itemId: 'i1', status: 'Closed', mode: 'Deadline' },
        { itemId: 'i2', status: 'Closed', mode: 'LongTerm' },
        { itemId: 'i3', status: 'Assigned', mode: 'Deadline', dueOn: dateOfDay(18) },
      ],
      nextDueOn: dateOfDay(18),
    });
  });

  it('keeps the index of its referrals and items, and each referral status; sending stops the transfer deadline', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    referralToAccepted(
      w,
      { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] },
      5,
      'Received',
    );
    w.clue({
      type: 'ProposeReferral',
      actor: ACTORS.cityOfficeHead,
      at: day(9),
      clueId: 'c1',
      referralId: 'r2',
      situationCodes: ['ImproperPerformance'],
      evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
    });
    planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 30 }], 9);
    const given = spec.given(log.events);
    const doc = await given.thenMatch(clue('c1'), {
      referrals: [
        { referralId: 'r1', status: 'Received', sentAt: day(6) },
        { referralId: 'r2', status: 'Proposed' },
      ],
      transferredAt: day(6),
    });
    expect(doc['transferDueOn']).toBeUndefined();
    await given.then({ collection: 'case-index', id: 'referral-r1' }, { clueId: 'c1', category: 'referral' });
    await given.then({ collection: 'case-index', id: 'rectification-i1' }, { clueId: 'c1', category: 'rectification' });
  });

  it('closes (销号) after a passing evaluation, with the look-back as next due date, and archives after the look-back', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 10 }], 4);
    closeItem(w, 'i1', 5);
    w.clue({
      type: 'SubmitRectificationFeedback',
      actor: ACTORS.dawaAgencyHead,
      at: day(9),
      clueId: 'c1',
      report: '已整改',
      evidence: [{ title: '报告', documentRef: 'd1' }],
    });
    const fed = await spec.given(log.events).thenMatch(clue('c1'), { status: 'Feedback' });
    expect(fed['stepDueOn']).toBeUndefined();
    w.clue({ type: 'StartEvaluation', actor: ACTORS.cityOffice, at: day(9), clueId: 'c1' });
    await spec.given(log.events).thenMatch(clue('c1'), { status: 'Evaluation' });
    w.clue({
      type: 'EvaluateClue',
      actor: ACTORS.cityOfficeHead,
      at: day(10),
      clueId: 'c1',
      result: 'Pass',
      method: 'OnSite',
      notes: '核查属实',
      rectificationItems: [{ itemId: 'i1', status: 'Closed', mode: 'Deadline' }],
    });
    // Closed Thursday 12 March: 回头看 3 months later → 12 June.
    await spec.given(log.events).thenMatch(clue('c1'), {
      status: 'Closed',
      lastEvaluationResult: 'Pass',
      closedAt: day(10),
      stepDueOn: '2026-06-12',
    });
    w.clue({
      type: 'CompleteClueLookBack',
      actor: ACTORS.cityOfficeHead,
      at: day(100),
      clueId: 'c1',
      result: 'Pass',
      method: 'Document',
      notes: '未反弹',
    });
    const archived = await spec
      .given(log.events)
      .thenMatch(clue('c1'), { status: 'Archived', lastLookBackResult: 'Pass' });
    expect(archived['stepDueOn']).toBeUndefined();
  });

  it('reopens after a failed evaluation with the new due date', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 10 }], 4);
    w.clue({
      type: 'SubmitRectificationFeedback',
      actor: ACTORS.dawaAgencyHead,
      at: day(9),
      clueId: 'c1',
      report: '已整改',
      evidence: [{ title: '报告', documentRef: 'd1' }],
    });
    w.clue({ type: 'StartEvaluation', actor: ACTORS.cityOffice, at: day(9), clueId: 'c1' });
    w.clue({
      type: 'EvaluateClue',
      actor: ACTORS.cityOfficeHead,
      at: day(10),
      clueId: 'c1',
      result: 'Fail',
      method: 'OnSite',
      notes: '未整改到位',
      failureReasons: ['流于形式'],
      newDueDate: dateOfDay(25),
    });
    await spec.given(log.events).thenMatch(clue('c1'), {
      status: 'Rectification',
      reopenCount: 1,
      lastEvaluationResult: 'Fail',
      stepDueOn: dateOfDay(25),
    });
  });

  it('a dismissed clue owes nothing any more', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' }, 0, 'Verification');
    w.clue({
      type: 'DismissClue',
      actor: ACTORS.cityOfficeHead,
      at: day(5),
      clueId: 'c1',
      reason: 'NoProblemFound',
      explanation: '核实后未发现问题',
      verificationReport: '核查报告',
    });
    const doc = await spec
      .given(log.events)
      .thenMatch(clue('c1'), { status: 'Dismissed', dismissalReason: 'NoProblemFound' });
    expect([doc['stepDueOn'], doc['transferDueOn'], doc['nextDueOn']]).toEqual([undefined, undefined, undefined]);
  });

  it('counts escalations on the clue, its referrals and its items', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 10 }], 4);
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] }, 5, 'Sent');
    const escalation = {
      escalationType: 'Interview' as const,
      reason: '进度缓慢',
      targetOrgId: 'dawa.emergency',
      target: { orgId: 'dawa.emergency', role: 'EnforcementAgency' as const, regionId: 'panjin/dawa' },
    };
    w.clue({
      type: 'RaiseEscalation',
      actor: ACTORS.cityOfficeHead,
      at: day(12),
      clueId: 'c1',
      escalationId: 'e1',
      ...escalation,
    });
    w.item({
      type: 'RaiseEscalation',
      actor: ACTORS.cityOfficeHead,
      at: day(12),
      itemId: 'i1',
      escalationId: 'e2',
      ...escalation,
    });
    w.referral({
      type: 'RaiseEscalation',
      actor: ACTORS.secretary,
      at: day(12),
      referralId: 'r1',
      escalationId: 'e3',
      ...escalation,
      escalationType: 'LeaderInstruction',
    });
    await spec.given(log.events).thenMatch(clue('c1'), { escalations: 3 });
  });

  it('ignores referral and item events whose stream it has no index entry for', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
    referralToAccepted(
      w,
      { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] },
      5,
      'Received',
    );
    const withoutDraft = log.events.filter((e) => e.type !== 'ReferralDrafted');
    await spec.given(withoutDraft).thenMatch(clue('c1'), { referrals: [{ referralId: 'r1', status: 'Proposed' }] });
    await spec.given(withoutDraft).then({ collection: 'case-index', id: 'referral-r1' }, undefined);
  });

  it('run it twice: redelivering the events changes nothing', async () => {
    const { log, w } = setup();
    clueToSupervision(w, { clueId: 'c1' });
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
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] }, 5);
    evaluatePass(w, 9, [
      { itemId: 'i1', mode: 'Deadline' },
      { itemId: 'i2', mode: 'LongTerm' },
    ]);
    clueToSupervision(
      w,
      { clueId: 'c2', regionId: 'panjin/panshan', agency: { orgId: 'panshan.housing', name: '盘山县住建局' } },
      3,
    );
    await spec.given(log.events).thenReplayChangesNothing();
  });
});
