import type { ClueState } from '@xj/domain';
import type { ApiClient } from './api-client';
import type { DemoReferral, OutcomePlan } from './dataset-types';

/** Who acts for an organisation on the receiving side: `clerk` registers (案管室), `head` approves. */
const RECEIVERS: Readonly<Record<string, { readonly clerk: string; readonly head: string }>> = {
  'panjin.ccdi': { clerk: 'ccdi', head: 'ccdi-head' },
  'dawa.ccdi': { clerk: 'dawa-ccdi-head', head: 'dawa-ccdi-head' },
  'shuangtaizi.ccdi': { clerk: 'shuangtaizi-ccdi-head', head: 'shuangtaizi-ccdi-head' },
  'xinglongtai.ccdi': { clerk: 'xinglongtai-ccdi-head', head: 'xinglongtai-ccdi-head' },
  'panjin.org-dept': { clerk: 'org-dept-head', head: 'org-dept-head' },
};

const receiver = (orgId: string): { readonly clerk: string; readonly head: string } => {
  const found = RECEIVERS[orgId];
  if (!found) throw new Error(`The demo has no account for ${orgId}`);
  return found;
};

/** The office that owns the clue, and the key prefix of the clue's requests. */
export interface FlowContext {
  readonly api: ApiClient;
  readonly office: { readonly staff: string; readonly head: string };
  readonly key: (step: string) => string;
}

const outcomesBody = (plan: OutcomePlan, decisionDate: string, documentNo: string) => ({
  outcomes: Object.entries(plan).flatMap(([subjectId, codes]) =>
    codes.map((outcome) => ({ subjectId, outcome, decisionDate, documentNo })),
  ),
});

/**
 * C14 + R0–R2: propose on the clue, draft the transfer package, approve, send. The referral id is
 * the dataset's, so the clue records it as its own and learns when it is sent.
 */
const proposeAndSend = async (
  ctx: FlowContext,
  clueId: string,
  r: DemoReferral,
  clue: { source: string; sourceRef: string; summary: string },
): Promise<void> => {
  const { api, office, key } = ctx;
  const claim = {
    situationCodes: r.situationCodes,
    evidenceCodes: r.evidenceCodes,
    ...(r.statutoryGroundCodes ? { statutoryGroundCodes: r.statutoryGroundCodes } : {}),
    legalBasis: r.legalBasis,
  };
  await api.post(
    office.staff,
    `/api/v1/clues/${clueId}/referral-proposals`,
    { referralId: r.referralId, ...claim },
    key('propose-referral'),
  );
  await api.post(
    office.staff,
    '/api/v1/referrals',
    {
      referralId: r.referralId,
      clueId,
      transferLetter: `关于移送${clue.sourceRef}问题线索的函`,
      clueSummary: clue.summary,
      source: clue.source,
      sourceRef: clue.sourceRef,
      ...claim,
      subjects: r.subjects,
      facts: r.facts,
      evidence: r.evidence,
      transferorOpinion: r.transferorOpinion,
      contact: '市委法建办 联络员 0427-2800000',
      secrecyLevel: 'Confidential',
      ...(r.conditionsMetOn !== undefined ? { conditionsMetOn: r.conditionsMetOn } : {}),
    },
    key('draft-referral'),
  );
  const path = `/api/v1/referrals/${r.referralId}`;
  await api.post(office.head, `${path}/approval`, { opinion: '经集体研究，同意移送。' }, key('approve-referral'));
  await api.post(
    office.staff,
    `${path}/sending`,
    {
      target: { orgId: r.target, kind: 'DisciplineCommission' },
      ...(r.sentOn !== undefined ? { occurredOn: r.sentOn } : {}),
    },
    key('send-referral'),
  );
  await api.waitFor<ClueState>(office.staff, `/api/v1/clues/${clueId}`, (clue) =>
    Boolean(clue?.sentReferralIds.includes(r.referralId)),
  );
};

/** R3–R12 at one receiving organisation, from registration to the result fed back. */
const handleAt = async (
  ctx: FlowContext,
  referralId: string,
  orgId: string,
  step: string,
  work: {
    readonly accept: 'all' | 'skip';
    readonly file?: string;
    readonly outcomes?: OutcomePlan;
    readonly decidedOn: string;
    readonly documentNo: string;
  },
): Promise<void> => {
  const { api, key } = ctx;
  const who = receiver(orgId);
  const path = `/api/v1/referrals/${referralId}`;
  if (work.accept === 'all') await api.post(who.clerk, `${path}/acceptance`, {}, key(`${step}:accept`));
  if (work.file !== undefined) {
    await api.post(
      who.head,
      `${path}/disposal`,
      { method: 'PreliminaryVerification', reason: '问题线索具体、可查，集体研究予以初步核实。' },
      key(`${step}:disposal`),
    );
    await api.post(who.head, `${path}/case-filing`, { caseNo: work.file }, key(`${step}:file-case`));
  }
  if (work.outcomes) {
    await api.post(
      who.clerk,
      `${path}/outcomes`,
      outcomesBody(work.outcomes, work.decidedOn, work.documentNo),
      key(`${step}:outcomes`),
    );
    await api.post(
      who.clerk,
      `${path}/result-feedback`,
      { summary: '处理结果已按人逐一反馈移送单位。' },
      key(`${step}:feedback`),
    );
  }
};

const receive = async (
  ctx: FlowContext,
  referralId: string,
  orgId: string,
  step: string,
  registrationNo: string,
): Promise<void> => {
  await ctx.api.post(
    receiver(orgId).clerk,
    `/api/v1/referrals/${referralId}/receipt`,
    { registrationNo },
    ctx.key(`${step}:receive`),
  );
};

const publish = async (ctx: FlowContext, r: DemoReferral, orgId: string, text: string | undefined): Promise<void> => {
  if (text === undefined) return;
  await ctx.api.post(
    receiver(orgId).head,
    `/api/v1/referrals/${r.referralId}/typical-case`,
    {
      text,
      anonymised: true,
      ...(r.typicalCasePublishedOn !== undefined ? { occurredOn: r.typicalCasePublishedOn } : {}),
    },
    ctx.key('typical-case'),
  );
};

/**
 * Drives one referral of the dataset through the commission (or, after a return, the appointing
 * authority). Returns the ids of the referrals it touched (the parent and any forwarded child).
 */
export const runReferral = async (
  ctx: FlowContext,
  clueId: string,
  r: DemoReferral,
  clue: { source: string; sourceRef: string; summary: string },
): Promise<string[]> => {
  await proposeAndSend(ctx, clueId, r, clue);
  const h = r.handling;
  const decidedOn = r.decidedOn ?? '2024-06-30';
  const documentNo = r.caseNo ?? r.referralId;
  await receive(ctx, r.referralId, r.target, 'target', `${documentNo}-登`);
  switch (h.kind) {
    case 'accepted':
      await handleAt(ctx, r.referralId, r.target, 'target', {
        accept: 'all',
        file: r.caseNo,
        outcomes: h.outcomes,
        decidedOn,
        documentNo,
      });
      await publish(ctx, r, r.target, h.typicalCase);
      return [r.referralId];
    case 'partial': {
      await ctx.api.post(
        receiver(r.target).head,
        `/api/v1/referrals/${r.referralId}/partial-acceptance`,
        {
          acceptedSubjectIds: h.acceptedSubjectIds,
          forwardTo: { orgId: h.forwardTo },
          childReferralId: h.childReferralId,
          reason: h.reason,
        },
        ctx.key('partial-accept'),
      );
      await ctx.api.waitFor(receiver(h.forwardTo).head, `/api/v1/referrals/${h.childReferralId}`, Boolean);
      await handleAt(ctx, r.referralId, r.target, 'target', {
        accept: 'skip',
        file: r.caseNo,
        outcomes: h.outcomes,
        decidedOn,
        documentNo,
      });
      await publish(ctx, r, r.target, h.typicalCase);
      await receive(ctx, h.childReferralId, h.forwardTo, 'forwarded', `${h.childCaseNo}-登`);
      await handleAt(ctx, h.childReferralId, h.forwardTo, 'forwarded', {
        accept: 'all',
        file: h.childCaseNo,
        outcomes: h.childOutcomes,
        decidedOn,
        documentNo: h.childCaseNo,
      });
      return [r.referralId, h.childReferralId];
    }
    case 'returned-rerouted':
      await ctx.api.post(
        receiver(r.target).clerk,
        `/api/v1/referrals/${r.referralId}/return`,
        { reason: h.returnReason },
        ctx.key('return'),
      );
      await ctx.api.post(
        ctx.office.head,
        `/api/v1/referrals/${r.referralId}/rerouting`,
        { target: { orgId: h.appointingAuthority } },
        ctx.key('reroute'),
      );
      await receive(ctx, r.referralId, h.appointingAuthority, 'appointing-authority', `${documentNo}-登`);
      // An appointing authority has no disposal methods: it decides straight after accepting (R11).
      await handleAt(ctx, r.referralId, h.appointingAuthority, 'appointing-authority', {
        accept: 'all',
        outcomes: h.outcomes,
        decidedOn,
        documentNo,
      });
      return [r.referralId];
    case 'in-disposal':
      await ctx.api.post(
        receiver(r.target).clerk,
        `/api/v1/referrals/${r.referralId}/acceptance`,
        {},
        ctx.key('target:accept'),
      );
      await ctx.api.post(
        receiver(r.target).head,
        `/api/v1/referrals/${r.referralId}/disposal`,
        { method: h.method, reason: '问题较轻，先行谈话函询。' },
        ctx.key('target:disposal'),
      );
      return [r.referralId];
  }
};

/** R14 办结, once the clue's rectification items are closed. */
export const closeReferral = async (ctx: FlowContext, r: DemoReferral): Promise<void> => {
  if (r.handling.kind === 'accepted' && r.handling.close) {
    await ctx.api.post(ctx.office.staff, `/api/v1/referrals/${r.referralId}/closure`, {}, ctx.key('close-referral'));
  }
};
