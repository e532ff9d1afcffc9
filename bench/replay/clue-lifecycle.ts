/**
 * One clue's case from registration to 回头看 (DOMAIN.md §4.1): analysis (some dismissed),
 * verification with situations checked by the rulebook (some found groundless), the supervision
 * instrument, an escalation now and then, the agency's rectification plan whose items run their
 * own loops, feedback and evaluation (some failed and reopened), closure and look-back — with a
 * referral to the commission for a share of them.
 *
 * A generator: each `yield` is one append (consecutive commands on one stream), in causal order,
 * so the simulation can interleave many cases by business time without holding their events.
 */
import { ClueState, LinkedRectification } from '@xj/domain';
import { Claim, INSTRUMENT_WEIGHTS, SOURCE_WEIGHTS, claimFor, discretionary, subjectsFor } from './case-facts';
import { CaseRecorder, Chunk } from './case-recorder';
import {
  CaseParties,
  agencyHead,
  assignItem,
  lookBackItem,
  planItemsFor,
  rectifyItem,
  supervisorHead,
  supervisorStaff,
} from './item-lifecycle';
import { handleReferral, sendReferral } from './referral-lifecycle';
import { REGIONS, Random, Timeline, headOf } from './world';

const REGION_WEIGHTS = [
  [REGIONS[0], 18],
  [REGIONS[1], 20],
  [REGIONS[2], 26],
  [REGIONS[3], 22],
  [REGIONS[4], 14],
] as const;

const SUMMARIES = [
  '未按期履行行政复议决定',
  '行政处罚程序违法',
  '涉企检查重复扰企',
  '对举报事项不作为',
  '执法过程中吃拿卡要',
  '违规插手具体案件',
];

export function* clueLifecycle(random: Random, clueId: string, registrationDay: number): Generator<Chunk, void> {
  const region = random.weighted(REGION_WEIGHTS)!;
  const justice = random.chance(0.3);
  const p: CaseParties = {
    region,
    agency: random.pick(region.agencies),
    supervisor: justice ? region.justice : region.office,
    supervisorRole: justice ? 'JusticeBureau' : 'RuleOfLawOffice',
  };
  const rec = new CaseRecorder(`bench-${clueId}`);
  const t = new Timeline(random, registrationDay);
  const source = random.weighted(SOURCE_WEIGHTS);
  const sourceRef = `盘${source.slice(0, 3)}〔2026〕${clueId}号`;
  const summary = `${p.agency.name}${random.pick(SUMMARIES)}`;
  const named = random.chance(0.4) ? subjectsFor(random, clueId, p.agency) : [];
  const at = t.now();
  rec.clue({
    type: 'RegisterClue',
    actor: supervisorStaff(random, p),
    at,
    clueId,
    regionId: region.regionId,
    source,
    sourceRef,
    receivedAt: t.date(-random.int(0, 6)) + 'T08:00:00+08:00',
    agency: { orgId: p.agency.id, name: p.agency.name },
    summary,
    subjects: named,
    attachments: random.chance(0.6) ? [{ title: '线索材料', documentRef: `doc-${clueId}-0` }] : [],
  });
  rec.clue({
    type: 'StartAnalysis',
    actor: supervisorStaff(random, p),
    at: t.after(0, 2),
    clueId,
    analystUserId: supervisorStaff(random, p).userId,
  });
  if (random.chance(0.07)) {
    const reason = random.pick(['Untrue', 'NotVerifiable', 'OutOfScope'] as const);
    rec.clue({
      type: 'DismissClue',
      actor: supervisorHead(p),
      at: t.after(1, 10),
      clueId,
      reason,
      explanation: '经分析予以了结',
    });
    yield* rec.drain();
    return;
  }
  const claim = claimFor(random);
  const verified = rec.clue({
    type: 'StartVerification',
    actor: supervisorHead(p),
    at: t.after(1, 6),
    clueId,
    ...claim,
    category: random.pick(['Inaction', 'ArbitraryAction', 'AbuseOfPower', 'Other'] as const),
    verificationPlan: '调阅案卷，约谈承办人',
    team: [supervisorStaff(random, p).userId, supervisorStaff(random, p).userId],
  });
  if (random.chance(0.05)) {
    rec.clue({
      type: 'DismissClue',
      actor: supervisorHead(p),
      at: t.after(5, 15),
      clueId,
      reason: 'NoProblemFound',
      explanation: '核实后未发现问题',
      verificationReport: '核查报告',
    });
    yield* rec.drain();
    return;
  }
  const mandatory = verified.evaluation?.transferMandatory ?? false;
  const referralId = random.chance(mandatory ? 0.45 : 0.08) ? `${clueId}r1` : undefined;
  const referralClaim: Claim = mandatory ? claim : discretionary(claim);
  const propose = (): void => {
    if (referralId !== undefined)
      rec.clue({
        type: 'ProposeReferral',
        actor: supervisorStaff(random, p),
        at: t.soon(),
        clueId,
        referralId,
        ...referralClaim,
      });
  };
  const early = random.chance(0.5);
  if (early) propose();
  if (random.chance(0.06)) {
    const leader = random.chance(0.3);
    rec.clue({
      type: 'RaiseEscalation',
      actor: leader ? headOf(region.leadership, 'PartyLeadership') : supervisorHead(p),
      at: t.after(1, 5),
      clueId,
      escalationId: `${clueId}-e1`,
      escalationType: leader
        ? 'LeaderInstruction'
        : random.pick(['Interview', 'ListedSupervision', 'Circular'] as const),
      reason: '核查进度滞后',
      targetOrgId: p.agency.id,
      target: { orgId: p.agency.id, role: 'EnforcementAgency', regionId: p.agency.regionId },
    });
  }
  const kind = random.weighted(INSTRUMENT_WEIGHTS);
  const updated = random.chance(0.1) ? claimFor(random) : undefined;
  rec.clue({
    type: 'IssueSupervisionInstrument',
    actor: supervisorHead(p),
    at: t.after(5, 15),
    clueId,
    verificationReport: '经核查，问题属实',
    responsibleUnits: [p.agency.id],
    instrument: { kind, documentNo: `盘法督〔2026〕${clueId}号` },
    ...(updated ? { situationCodes: updated.situationCodes, evidenceCodes: updated.evidenceCodes } : {}),
  });
  if (!early) propose();
  yield* rec.drain();

  // 对人: the referral goes out while the agency works on its plan (对事).
  const referralTrack = t.fork();
  let sentAt: string | undefined;
  if (referralId !== undefined) {
    const subjects = named.length > 0 ? named : subjectsFor(random, clueId, p.agency);
    const clue = rec.clueState(clueId);
    sentAt = sendReferral(
      rec,
      random,
      p,
      referralId,
      { clueId, status: clue.status, summary, source, sourceRef },
      referralClaim,
      subjects,
      referralTrack,
    );
    yield* rec.drain();
  }
  if (sentAt !== undefined && referralId !== undefined) {
    rec.clue({ type: 'RecordReferralSent', actor: supervisorStaff(random, p), at: sentAt, clueId, referralId, sentAt });
  }
  const planAt = t.after(3, 12);
  const items = planItemsFor(random, clueId, t);
  const planned = rec.clue({ type: 'SubmitRectificationPlan', actor: agencyHead(p), at: planAt, clueId, items });
  yield* rec.drain();

  const rectified = t.fork();
  for (const item of items) {
    const track = t.fork();
    assignItem(rec, random, planned, item, track.soon());
    rectifyItem(rec, random, p, item.itemId, track, random.chance(0.05));
    rectified.join(track);
    yield* rec.drain();
  }
  const snapshots = (): LinkedRectification[] =>
    items.map((i) => ({ itemId: i.itemId, mode: i.mode, status: rec.itemState(i.itemId).status }));
  if (referralId !== undefined) {
    handleReferral(rec, random, p, referralId, referralTrack, snapshots);
    yield* rec.drain();
  }

  t.join(rectified);
  evaluate(rec, random, p, clueId, t, snapshots);
  yield* rec.drain();

  // 回头看: items first (some reopened and redone), then the clue.
  const lookedBack = t.fork();
  for (const item of items) {
    if (!random.chance(0.7)) continue;
    const track = t.fork();
    lookBackItem(rec, random, p, item.itemId, track);
    lookedBack.join(track);
    yield* rec.drain();
  }
  t.join(lookedBack);
  const fail = random.chance(0.07);
  rec.clue({
    type: 'CompleteClueLookBack',
    actor: supervisorStaff(random, p),
    at: t.after(1, 20),
    clueId,
    result: fail ? 'Fail' : 'Pass',
    method: 'OnSite',
    notes: fail ? '问题反弹' : '整改成果巩固',
    ...(fail ? { failureReasons: ['问题反弹'], newDueDate: t.date(30) } : {}),
  });
  if (fail) evaluate(rec, random, p, clueId, t, snapshots);
  yield* rec.drain();
}

/** C8–C11: feedback, evaluation; a failed evaluation reopens the rectification and the loop runs again. */
const evaluate = (
  rec: CaseRecorder,
  random: Random,
  p: CaseParties,
  clueId: string,
  t: Timeline,
  snapshots: () => LinkedRectification[],
): ClueState => {
  for (let round = 1; ; round++) {
    rec.clue({
      type: 'SubmitRectificationFeedback',
      actor: agencyHead(p),
      at: t.after(1, 10),
      clueId,
      report: `第${round}次整改落实情况`,
      evidence: [{ title: '整改报告', documentRef: `doc-${clueId}-f${round}` }],
    });
    rec.clue({ type: 'StartEvaluation', actor: supervisorStaff(random, p), at: t.after(0, 3), clueId });
    const fail = round < 3 && random.chance(0.12);
    const state = rec.clue({
      type: 'EvaluateClue',
      actor: fail ? supervisorStaff(random, p) : supervisorHead(p),
      at: t.after(1, 10),
      clueId,
      result: fail ? 'Fail' : 'Pass',
      method: random.chance(0.5) ? 'OnSite' : 'Document',
      notes: fail ? '整改不彻底' : '整改到位，予以销号',
      ...(fail
        ? { failureReasons: ['整改不彻底'], newDueDate: t.date(random.int(15, 40)) }
        : { rectificationItems: snapshots() }),
    });
    if (!fail) return state;
  }
};
