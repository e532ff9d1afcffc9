/**
 * One referral (移送, DOMAIN.md §4.2): drafted, approved and sent by the office; registered by the
 * receiving commission, then accepted, partly accepted with the rest forwarded in a child
 * referral, forwarded whole to the competent commission, or returned and re-routed to the
 * appointing authority; disposed of, filed, decided, fed back, sometimes published as a typical
 * case, and closed by the office once the clue's rectification is closed too.
 */
import { Actor, ExistingReferral, LinkedRectification, ReferralState, ReferralTarget, Subject } from '@xj/domain';
import { Claim, ORG_HANDLING_LAYERS, minorOutcomesFor, outcomesFor, packageFor } from './case-facts';
import { CaseRecorder } from './case-recorder';
import { CaseParties } from './item-lifecycle';
import { CITY, CITY_REGION, Org, Random, Timeline, headOf, staffOf } from './world';

const existing = (state: ReferralState): ExistingReferral => {
  if (state.status === 'None') throw new Error('referral expected');
  return state;
};

const targetOf = (org: Org, kind: ReferralTarget['kind']): ReferralTarget => ({
  kind,
  orgId: org.id,
  regionId: org.regionId,
});

/** Where the office sends it: jurisdiction follows the persons (县处级 → city commission). */
const chooseTarget = (random: Random, p: CaseParties, subjects: readonly Subject[]): ReferralTarget => {
  if (random.chance(0.05)) return targetOf(p.region.orgDept, 'AppointingAuthority');
  const countyLevel = p.region.regionId !== CITY;
  const cityRank = subjects.some((s) => s.kind !== 'Unit' && s.cadreRank === 'CountyDivision');
  // Jurisdiction follows the person (DOMAIN.md Decision 5): the city commission for a city case or
  // any 县处级 person, else the county's; the sending is refused otherwise.
  if (!countyLevel || cityRank) return targetOf(CITY_REGION.commission, 'DisciplineCommission');
  return targetOf(p.region.commission, 'DisciplineCommission');
};

export interface ClueFacts {
  readonly clueId: string;
  readonly status: string;
  readonly summary: string;
  readonly source: string;
  readonly sourceRef: string;
}

/** R0–R2: draft, approve, send. Returns when it was sent. */
export const sendReferral = (
  rec: CaseRecorder,
  random: Random,
  p: CaseParties,
  referralId: string,
  clue: ClueFacts,
  claim: Claim,
  subjects: readonly Subject[],
  t: Timeline,
): string => {
  const office = p.region.office;
  rec.referral({
    type: 'DraftReferral',
    actor: staffOf(random, office, 'RuleOfLawOffice'),
    at: t.soon(),
    referralId,
    clueId: clue.clueId,
    clue: { regionId: p.region.regionId, status: clue.status },
    package: packageFor(random, clue, claim, subjects),
  });
  rec.referral({
    type: 'ApproveReferral',
    actor: headOf(office, 'RuleOfLawOffice'),
    at: t.after(0, 3),
    referralId,
    opinion: '同意移送',
  });
  const sentAt = t.after(0, 4);
  rec.referral({
    type: 'SendReferral',
    actor: staffOf(random, office, 'RuleOfLawOffice'),
    at: sentAt,
    referralId,
    target: chooseTarget(random, p, subjects),
  });
  return sentAt;
};

const holderOrg = (state: ExistingReferral): Org => ({
  id: state.holder?.orgId ?? '',
  name: '',
  regionId: state.holder?.regionId ?? '',
});

/** The commission's 案管室 registers it (R3); 5 working days to accept from here. */
const receive = (rec: CaseRecorder, random: Random, referralId: string, t: Timeline): ExistingReferral => {
  const state = existing(rec.referralState(referralId));
  const role = state.holder?.kind ?? 'DisciplineCommission';
  return existing(
    rec.referral({
      type: 'ReceiveReferral',
      actor: staffOf(random, holderOrg(state), role),
      at: t.after(1, 4),
      referralId,
      registrationNo: `${referralId.toUpperCase()}-${random.int(100, 999)}`,
    }),
  );
};

/** R7–R12 inside a commission after acceptance; false when the referral stays shelved (暂存待查). */
const dispose = (rec: CaseRecorder, random: Random, referralId: string, t: Timeline): boolean => {
  const state = existing(rec.referralState(referralId));
  const org = holderOrg(state);
  const staff = (): Actor => staffOf(random, org, 'DisciplineCommission');
  const head = headOf(org, 'DisciplineCommission');
  const accepted = state.package.subjects.filter((s) => state.acceptedSubjectIds.includes(s.subjectId));
  const method = random.weighted([
    ['PreliminaryVerification', 55],
    ['TalkOrInquiryLetter', 25],
    ['ShelvedPending', 8],
    ['Concluded', 12],
  ] as const);
  rec.referral({ type: 'DecideDisposal', actor: head, at: t.after(1, 6), referralId, method, reason: '经集体研究' });
  let verify = method === 'PreliminaryVerification';
  if (method === 'TalkOrInquiryLetter') {
    const problems = random.chance(0.2);
    const at = t.after(5, 20);
    const minor = problems
      ? []
      : minorOutcomesFor(random, accepted).map((o, i) => ({
          ...o,
          decisionDate: at.slice(0, 10),
          documentNo: `谈〔2026〕${referralId}-${i}`,
        }));
    rec.referral({
      type: 'CompleteTalkOrInquiry',
      actor: staff(),
      at,
      referralId,
      record: '谈话记录',
      problemsSurfaced: problems,
      minorOutcomes: minor,
    });
    verify = problems;
  }
  if (method === 'ShelvedPending') {
    if (random.chance(0.5)) return false;
    rec.referral({
      type: 'ResumeShelved',
      actor: staff(),
      at: t.after(20, 60),
      referralId,
      newEvidence: '收到新的问题线索材料',
    });
    verify = true;
  }
  if (verify) {
    if (random.chance(0.7)) {
      rec.referral({
        type: 'FileCase',
        actor: head,
        at: t.after(10, 25),
        referralId,
        caseNo: `立〔2026〕${referralId}`,
      });
      const at = t.after(20, 60);
      const outcomes = outcomesFor(random, accepted).map((o, i) => ({
        ...o,
        decisionDate: at.slice(0, 10),
        documentNo: `处〔2026〕${referralId}-${i}`,
      }));
      rec.referral({ type: 'RecordOutcomes', actor: staff(), at, referralId, outcomes });
    } else {
      rec.referral({
        type: 'ConcludeVerification',
        actor: staff(),
        at: t.after(10, 25),
        referralId,
        report: '初核报告：问题不实，予以了结',
      });
    }
  }
  rec.referral({
    type: 'FeedBackResult',
    actor: staff(),
    at: t.after(2, 16),
    referralId,
    summary: '已将处理结果反馈移送单位',
  });
  return true;
};

/** R11–R12 at an appointing authority: no disposal methods, outcomes straight after acceptance. */
const decideAtAppointingAuthority = (rec: CaseRecorder, random: Random, referralId: string, t: Timeline): void => {
  const state = existing(rec.referralState(referralId));
  const org = holderOrg(state);
  const actor = staffOf(random, org, 'AppointingAuthority');
  const at = t.after(10, 40);
  const outcomes = outcomesFor(random, state.package.subjects, ORG_HANDLING_LAYERS).map((o, i) => ({
    ...o,
    decisionDate: at.slice(0, 10),
    documentNo: `组〔2026〕${referralId}-${i}`,
  }));
  rec.referral({ type: 'RecordOutcomes', actor, at, referralId, outcomes });
  rec.referral({ type: 'FeedBackResult', actor, at: t.after(2, 12), referralId, summary: '已作出组织处理并反馈' });
};

const finish = (
  rec: CaseRecorder,
  random: Random,
  p: CaseParties,
  referralId: string,
  t: Timeline,
  items: () => LinkedRectification[],
): void => {
  const state = existing(rec.referralState(referralId));
  if (state.outcomes.length > 0 && random.chance(0.1)) {
    rec.referral({
      type: 'PublishTypicalCase',
      actor: staffOf(random, holderOrg(state), state.holder?.kind ?? 'DisciplineCommission'),
      at: t.after(3, 20),
      referralId,
      text: '典型案例通报',
      anonymised: random.chance(0.7),
    });
  }
  const linked = items();
  const open = linked.some(
    (i) => i.mode !== 'LongTerm' && !['Closed', 'LookBackPending', 'LookBackPassed'].includes(i.status),
  );
  if (!open)
    rec.referral({
      type: 'CloseReferral',
      actor: staffOf(random, p.region.office, 'RuleOfLawOffice'),
      at: t.after(1, 10),
      referralId,
      linkedRectification: linked,
    });
};

/**
 * The receiving side from registration to closure. A forwarded part becomes a child referral
 * (its own stream, recorded after the parent's steps); returns nothing, the recorder has it all.
 */
export const handleReferral = (
  rec: CaseRecorder,
  random: Random,
  p: CaseParties,
  referralId: string,
  t: Timeline,
  items: () => LinkedRectification[],
): void => {
  const state = receive(rec, random, referralId, t);
  if (random.chance(0.05)) {
    rec.referral({
      type: 'RaiseEscalation',
      actor: headOf(p.region.office, 'RuleOfLawOffice'),
      at: t.after(3, 8),
      referralId,
      escalationId: `${referralId}-e1`,
      escalationType: 'InquiryLetter',
      reason: '受理进度滞后，函询',
      targetOrgId: state.holder?.orgId ?? '',
      target: {
        orgId: state.holder?.orgId ?? '',
        role: state.holder?.kind ?? 'DisciplineCommission',
        regionId: state.holder?.regionId ?? '',
      },
    });
  }
  const holder = holderOrg(state);
  if (state.holder?.kind === 'AppointingAuthority') {
    rec.referral({
      type: 'AcceptReferral',
      actor: staffOf(random, holder, 'AppointingAuthority'),
      at: t.after(1, 5),
      referralId,
    });
    decideAtAppointingAuthority(rec, random, referralId, t);
    return finish(rec, random, p, referralId, t, items);
  }
  const commission = staffOf(random, holder, 'DisciplineCommission');
  const countyLevel = p.region.regionId !== CITY;
  const atCity = holder.id === CITY_REGION.commission.id;
  const ranks = new Set(state.package.subjects.map((s) => (s.kind === 'Unit' ? 'Unit' : s.cadreRank)));
  let child: string | undefined;
  // A referral of a county case reaches the city commission only for its 县处级 persons (chooseTarget):
  // with 乡科级 persons too, the commission keeps its own and forwards the rest (实施条例 art. 171(3);
  // accepting them all would be refused, Decision 5).
  if (countyLevel && atCity && ranks.size === 2) {
    child = `${referralId}f`;
    const forwardTo = { orgId: p.region.commission.id, regionId: p.region.regionId };
    const kept = state.package.subjects.filter((s) => s.kind !== 'Unit' && s.cadreRank === 'CountyDivision');
    const reason = '乡科级干部由区县纪委监委管辖';
    const at = t.after(1, 4);
    rec.referral({
      type: 'PartiallyAcceptReferral',
      actor: commission,
      at,
      referralId,
      acceptedSubjectIds: kept.map((s) => s.subjectId),
      forwardTo,
      childReferralId: child,
      reason,
    });
    const parent = existing(rec.referralState(referralId));
    const forwarded = parent.package.subjects.filter((s) => parent.forwardedSubjectIds.includes(s.subjectId));
    rec.referral({
      type: 'OpenForwardedReferral',
      actor: commission,
      at,
      referralId: child,
      parentReferralId: referralId,
      clueId: parent.clueId,
      regionId: parent.regionId,
      ownerOrgId: parent.ownerOrgId,
      package: { ...parent.package, subjects: forwarded },
      rulebookVersion: parent.rulebookVersion,
      evaluation: parent.evaluation,
      forwardedBy: holder.id,
      forwardTo,
      reason,
    });
  } else if (random.chance(0.07)) {
    rec.referral({
      type: 'ReturnReferral',
      actor: commission,
      at: t.after(1, 5),
      referralId,
      reason: '不属于监察管辖范围',
    });
    rec.referral({
      type: 'RerouteReferral',
      actor: headOf(p.region.office, 'RuleOfLawOffice'),
      at: t.after(1, 6),
      referralId,
      target: targetOf(p.region.orgDept, 'AppointingAuthority'),
    });
    receive(rec, random, referralId, t);
    rec.referral({
      type: 'AcceptReferral',
      actor: staffOf(random, p.region.orgDept, 'AppointingAuthority'),
      at: t.after(1, 5),
      referralId,
    });
    decideAtAppointingAuthority(rec, random, referralId, t);
    return finish(rec, random, p, referralId, t, items);
  }
  if (child === undefined) {
    rec.referral({
      type: 'AcceptReferral',
      actor: staffOf(random, holderOrg(state), 'DisciplineCommission'),
      at: t.after(1, 5),
      referralId,
    });
  }
  const parentTrack = t.fork();
  if (dispose(rec, random, referralId, parentTrack)) finish(rec, random, p, referralId, parentTrack, items);
  if (child !== undefined) {
    receive(rec, random, child, t);
    rec.referral({
      type: 'AcceptReferral',
      actor: staffOf(random, p.region.commission, 'DisciplineCommission'),
      at: t.after(1, 5),
      referralId: child,
    });
    if (dispose(rec, random, child, t)) finish(rec, random, p, child, t, items);
  }
  t.join(parentTrack);
};
