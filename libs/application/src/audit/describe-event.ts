import { CaseKind } from '../cases/case-aggregates';
import { ACCOUNTABILITY_DESCRIBERS } from './accountability-event.describers';
import { CAMPAIGN_DESCRIBERS } from './campaign-event.describers';
import { CLUE_DESCRIBERS } from './clue-event.describers';
import { DescribeContext, EventDescription } from './event-description';
import { EVIDENCE_DESCRIBERS } from './evidence.describers';
import { RECTIFICATION_DESCRIBERS } from './rectification-event.describers';
import { REFERRAL_DESCRIBERS } from './referral-event.describers';

type AnyDescriber = (data: never, ctx: DescribeContext) => EventDescription;

const TABLES: { readonly [K in CaseKind]: Readonly<Record<string, AnyDescriber>> } = {
  clue: { ...CLUE_DESCRIBERS, ...EVIDENCE_DESCRIBERS },
  referral: { ...REFERRAL_DESCRIBERS, ...EVIDENCE_DESCRIBERS },
  rectification: { ...RECTIFICATION_DESCRIBERS, ...EVIDENCE_DESCRIBERS },
  accountability: { ...ACCOUNTABILITY_DESCRIBERS, ...EVIDENCE_DESCRIBERS },
  campaign: { ...CAMPAIGN_DESCRIBERS, ...EVIDENCE_DESCRIBERS },
};

/** The event types of each aggregate's own decider that have a describer (evidence, an overlay of all three, aside). */
export const DESCRIBED_EVENT_TYPES: { readonly [K in CaseKind]: readonly string[] } = {
  clue: Object.keys(CLUE_DESCRIBERS),
  referral: Object.keys(REFERRAL_DESCRIBERS),
  rectification: Object.keys(RECTIFICATION_DESCRIBERS),
  accountability: Object.keys(ACCOUNTABILITY_DESCRIBERS),
  campaign: Object.keys(CAMPAIGN_DESCRIBERS),
};

const unrecognised = (type: string): EventDescription => ({
  zh: `未能识别的事件（${type}）`,
  en: `Unrecognised event (${type})`,
});

/**
 * Describes one stored event of a case stream. An event this build cannot read (a type from a
 * newer build, or an old payload shape without an upcaster) gets a neutral line instead of
 * breaking the whole history: the auditor still sees its type, hash and metadata.
 */
export const describeEvent = (
  kind: CaseKind,
  event: { readonly type: string; readonly data: object },
  ctx: DescribeContext,
): EventDescription => {
  const describer = Object.prototype.hasOwnProperty.call(TABLES[kind], event.type)
    ? TABLES[kind][event.type]
    : undefined;
  if (!describer) return unrecognised(event.type);
  try {
    return describer(event.data as never, ctx);
  } catch {
    return unrecognised(event.type);
  }
};
