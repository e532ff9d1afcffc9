import {
  CarbonCopySentData,
  CaseHandlersNamedData,
  Deadline,
  DeadlineRecomputedData,
  EscalationRaisedData,
  EscalationType,
} from '@xj/domain';
import { labelOf } from '../labels/label-catalogue';

/** A one-line description of a stored event, in Chinese and English. */
export interface EventDescription {
  readonly zh: string;
  readonly en: string;
}

/** An organisation's display names; unknown organisations are shown by their id. */
export interface OrgName {
  readonly zh: string;
  readonly en: string;
}

/**
 * What a describer may look up. Descriptions name organisations (public bodies), never the
 * persons a case is about: subjects appear as counts, documents by their codes and numbers.
 */
export interface DescribeContext {
  /** `at`: the name the organisation bore then (a rename does not rewrite earlier acts); absent: today's. */
  readonly orgName: (orgId: string, at?: string) => OrgName | undefined;
}

/** The context with every name resolved as of `at` (the time an event was recorded). */
export const namesAsOf = (ctx: DescribeContext, at: string): DescribeContext => ({
  orgName: (orgId) => ctx.orgName(orgId, at),
});

export type Describer<D> = (data: D, ctx: DescribeContext) => EventDescription;

/**
 * One describer per event type of an aggregate's event union. The mapped type makes a missing
 * describer a compile error; the spec also checks it at run time against events the deciders emit.
 */
export type DescriberTable<E extends { readonly type: string; readonly data: object }> = {
  readonly [T in E['type']]: Describer<Extract<E, { readonly type: T }>['data']>;
};

export const noNames: DescribeContext = { orgName: () => undefined };

/** The organisation's name, or its id when the directory does not know it. */
export const orgOf = (ctx: DescribeContext, orgId: string | undefined): OrgName => {
  if (orgId === undefined || orgId === '') return { zh: '（未知单位）', en: '(unknown organisation)' };
  return ctx.orgName(orgId) ?? { zh: orgId, en: orgId };
};

/**
 * "，期限至 2026-03-20" / ", due 2026-03-20" — or nothing. A provisional date (its year had no
 * holiday table) and an explicit date on a rest day say so (issue 15 §4).
 */
export const dueZh = (deadline: Deadline | undefined, label = '期限至'): string =>
  deadline ? `，${label} ${deadline.dueOn}${flagsZh(deadline)}` : '';
export const dueEn = (deadline: Deadline | undefined, label = 'due'): string =>
  deadline ? `, ${label} ${deadline.dueOn}${flagsEn(deadline)}` : '';

const flagsZh = (d: Deadline): string =>
  (d.provisional ? '（暂定：该年度节假日安排尚未录入）' : '') + (d.nonWorkingDay ? '（非工作日）' : '');
const flagsEn = (d: Deadline): string =>
  (d.provisional ? ' (provisional: no holiday table for the year yet)' : '') +
  (d.nonWorkingDay ? ' (a non-working day)' : '');

/** 期限重算 — shared by the three aggregates: from what to what, and the calendar change behind it. */
export const describeDeadlineRecomputed: Describer<DeadlineRecomputedData> = (d) => ({
  zh: `${d.cause.year}年节假日安排录入（${d.cause.source}），期限重算：${d.fromDueOn} → ${d.toDueOn}${flagsZh(d.deadline)}`,
  en: `Deadline recomputed after the ${d.cause.year} holiday table was set (${d.cause.source}): ${d.fromDueOn} → ${d.toDueOn}${flagsEn(d.deadline)}`,
});

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const codesOf = (codes: readonly string[] | undefined): string =>
  codes && codes.length > 0 ? codes.join(', ') : '—';

export const passZh = (result: string): string => (result === 'Pass' ? '通过' : '未通过');
export const passEn = (result: string): string => (result === 'Pass' ? 'passed' : 'failed');

export const methodZh = (method: string): string => labelOf('evaluationMethod', method, 'zh');
export const methodEn = (method: string): string =>
  method === 'OnSite' ? 'on site' : method === 'Document' ? 'on the documents' : method;

export const ESCALATION_EN: Readonly<Record<EscalationType, string>> = {
  Interview: 'an interview (summons)',
  ListedSupervision: 'listed supervision',
  Circular: 'a circulated criticism',
  InquiryLetter: 'a written inquiry',
  LeaderInstruction: "a leader's instruction",
  OrderPerformance: 'an order to perform by a deadline',
};

/** 督办 — shared by the three aggregates. The reason is free text and is left out. */
/** 抄送 of a referral or a clue's instrument: who copied it to whom (DOMAIN.md §9.5: for information only). */
export const describeCarbonCopy: Describer<CarbonCopySentData> = (d, ctx) => {
  const by = orgOf(ctx, d.by.orgId);
  const to = d.copyTo.map((r) => orgOf(ctx, r.orgId));
  return {
    zh: `${by.zh} 抄送 ${to.map((o) => o.zh).join('、')}（${d.note}）`,
    en: `${by.en} sent a copy to ${to.map((o) => o.en).join(', ')} (${d.note})`,
  };
};

/** 知悉范围 of a 机密 case: how many handlers an organisation named (who they are stays on the case). */
export const describeHandlersNamed: Describer<CaseHandlersNamedData> = (d, ctx) => {
  const org = orgOf(ctx, d.orgId);
  return {
    zh: `${org.zh} 指定承办人员 ${d.userIds.length} 名（知悉范围）`,
    en: `${org.en} named ${plural(d.userIds.length, 'handler')} (circle of knowledge)`,
  };
};

export const describeEscalation: Describer<EscalationRaisedData> = (d, ctx) => {
  const by = orgOf(ctx, d.by.orgId);
  const target = orgOf(ctx, d.targetOrgId);
  return {
    zh: `${by.zh} 对 ${target.zh} ${labelOf('escalationType', d.escalationType, 'zh')}${dueZh(d.deadline, '限期')}`,
    en: `${by.en} raised ${ESCALATION_EN[d.escalationType] ?? d.escalationType} against ${target.en}${dueEn(d.deadline, 'perform by')}`,
  };
};
