import {
  ActorRef,
  Deadline,
  DeadlineChangeEvent,
  DeadlineRule,
  DeadlineUnit,
  DomainConfig,
  ReferralApprovedData,
  ReferralDraftedData,
  ReferralProposedData,
  Rulebook,
  SituationEvaluation,
  isDeadlineChangeEvent,
  localDateOf,
} from '@xj/domain';
import { RecordedEvent } from '../event-store/event-store.types';
import { DescribeContext, orgOf } from './event-description';

/** A checklist item with its labels (from the rulebook the decision was taken under). */
export interface ExplainedEvidence {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
}

export interface ExplainedSituation {
  readonly code: string;
  readonly number: number;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly matched: boolean;
  readonly evidencePresent: readonly ExplainedEvidence[];
  readonly evidenceMissing: readonly ExplainedEvidence[];
  readonly evidenceRecommended: readonly ExplainedEvidence[];
  readonly legalBasis: readonly string[];
  readonly reasonZh: string;
  readonly reasonEn: string;
}

export interface ExplainedGround {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly legalBasis: readonly string[];
}

/** Who did a step, when (business time and recording time), and on which revision of which stream. */
export interface ExplainedStep {
  readonly by: ActorRef;
  readonly at: string;
  readonly recordedAt: string;
  readonly streamId: string;
  readonly revision: string;
}

export type DeadlineOutcome = 'met' | 'missed' | 'open' | 'overdue' | 'paused' | 'not-tracked';

/** One 延期 or 中止/恢复 of an explained deadline: who moved it, when, from what to what, and why. */
export interface ExplainedDeadlineChange {
  readonly type: string;
  readonly revision: string;
  readonly by: ActorRef;
  readonly at: string;
  readonly fromDueOn: string;
  /** The due date afterwards (unchanged by a pause, which stops the clock instead). */
  readonly toDueOn: string;
  /** The request's reason (extension), the pause's or the resumption's. */
  readonly reason?: string;
  /** The approving head's opinion. */
  readonly opinion?: string;
  readonly remainingWorkingDays?: number;
}

/** A deadline as recorded on an event, with the policy text behind the number and whether it was kept. */
export interface ExplainedDeadline {
  readonly rule: DeadlineRule;
  readonly from: string;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  readonly dueOn: string;
  /** A due date the user chose (amount 0): not computed from the policy. */
  readonly explicit: boolean;
  /** Where the number comes from (the deadline policy's `basis`). */
  readonly basis: string;
  /** The event (and its field) that recorded the deadline. */
  readonly recordedBy: {
    readonly streamId: string;
    readonly revision: string;
    readonly type: string;
    readonly field: string;
  };
  readonly outcome: DeadlineOutcome;
  /** The event that ended the period, and its date. */
  readonly endedBy?: { readonly type: string; readonly revision: string; readonly on: string };
  /** Present once extended or paused: `dueOn` is then the current due date and this the first one. */
  readonly originalDueOn?: string;
  /** Extensions, pauses and resumptions before the period ended, oldest first. */
  readonly changes?: readonly ExplainedDeadlineChange[];
  /** Present while the period is paused. */
  readonly paused?: { readonly since: string; readonly reason: string; readonly remainingWorkingDays: number };
}

export interface ExplainedTarget {
  readonly orgId: string;
  readonly regionId: string;
  readonly kind: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface ReferralExplanation {
  readonly referralId: string;
  readonly clueId: string;
  readonly rulebook: { readonly version: string; readonly effectiveFrom: string | null; readonly known: boolean };
  readonly transferMandatory: boolean;
  readonly discretionary: boolean;
  readonly summaryZh: string;
  readonly summaryEn: string;
  readonly situations: readonly ExplainedSituation[];
  readonly statutoryGrounds: readonly ExplainedGround[];
  readonly unknownCodes: readonly string[];
  /** The clue's ReferralProposed for this referral, when the clue proposed it. */
  readonly proposal: (ExplainedStep & { readonly rulebookVersion: string; readonly discretionary: boolean }) | null;
  readonly drafting: ExplainedStep & {
    readonly conditionsMetOn: string | null;
    readonly forwardedFromReferralId: string | null;
  };
  readonly approval: (ExplainedStep & { readonly opinion: string; readonly proposedBy: ActorRef }) | null;
  readonly sending: readonly (ExplainedStep & {
    readonly type: string;
    readonly sentAt: string;
    readonly late: boolean;
    readonly target: ExplainedTarget;
  })[];
  readonly deadlines: readonly ExplainedDeadline[];
}

/** Which events end each deadline's period. Rules missing here have no event that ends them. */
const ENDED_BY: Partial<Record<DeadlineRule, readonly string[]>> = {
  TransferAfterConditionsMet: ['ReferralSent'],
  CommissionAcceptance: ['ReferralAccepted', 'ReferralPartiallyAccepted', 'ReferralForwarded', 'ReferralReturned'],
  DisposalProposal: ['DisposalDecided'],
  // The talk held (or reply received) meets the start; before that event existed, the completion stood in.
  TalkOrInquiryStart: ['TalkOrInquiryHeld', 'TalkOrInquiryCompleted'],
  TalkOrInquiryConclusion: ['TalkOrInquiryCompleted'],
  PreliminaryVerification: ['CaseFiled', 'VerificationConcluded'],
  ResultFeedback: ['ResultFedBack'],
  OrganisationalHandling: ['OrganisationalHandlingCarriedOut'],
};

const DEADLINE_FIELDS = [
  'transferDeadline',
  'acceptanceDeadline',
  'disposalDeadline',
  'resultFeedbackDeadline',
  'organisationalHandlingDeadline',
  'deadline',
] as const;

const isDeadline = (value: unknown): value is Deadline =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Deadline).rule === 'string' &&
  typeof (value as Deadline).dueOn === 'string';

/** The deadline as the change events after it left it, and those changes, in order. */
const changesOf = (
  deadline: Deadline,
  later: readonly RecordedEvent[],
): { readonly current: Deadline; readonly changes: ExplainedDeadlineChange[] } => {
  let current = deadline;
  const changes: ExplainedDeadlineChange[] = [];
  for (const event of later) {
    if (!isDeadlineChangeEvent(event)) continue;
    const data = event.data as unknown as DeadlineChangeEvent['data'] & {
      readonly previousDueOn?: string;
      readonly deadline?: Deadline;
      readonly reason?: string;
      readonly opinion?: string;
      readonly remainingWorkingDays?: number;
    };
    if (data.rule !== current.rule || data.previousDueOn !== current.dueOn || !isDeadline(data.deadline)) continue;
    const next = data.deadline;
    const extension = next.changes?.[next.changes.length - 1];
    changes.push({
      type: event.type,
      revision: String(event.revision),
      by: data.by,
      at: data.at,
      fromDueOn: current.dueOn,
      toDueOn: next.dueOn,
      ...(extension?.reason !== undefined ? { reason: extension.reason } : {}),
      ...(data.opinion !== undefined ? { opinion: data.opinion } : {}),
      ...(data.remainingWorkingDays !== undefined ? { remainingWorkingDays: data.remainingWorkingDays } : {}),
    });
    current = next;
  }
  return { current, changes };
};

const step = (event: RecordedEvent, data: { readonly by: ActorRef; readonly at: string }): ExplainedStep => ({
  by: data.by,
  at: data.at,
  recordedAt: event.metadata.recordedAt,
  streamId: event.streamId,
  revision: String(event.revision),
});

/** The day an event ended a period: the recorded sending time for a send, else its business time. */
const dayOf = (event: RecordedEvent): string => {
  const sentAt = event.data['sentAt'];
  return localDateOf(typeof sentAt === 'string' ? sentAt : String(event.data['at']));
};

const explainDeadline = (
  deadline: Deadline,
  field: string,
  source: RecordedEvent,
  /** The events after the one that recorded the deadline, in order: one of them may end it. */
  later: readonly RecordedEvent[],
  config: DomainConfig,
  today: string,
): ExplainedDeadline => {
  const explicit = deadline.amount === 0;
  const enders = ENDED_BY[deadline.rule];
  const endIndex = enders ? later.findIndex((e) => enders.includes(e.type)) : -1;
  const { current, changes } = changesOf(deadline, endIndex < 0 ? later : later.slice(0, endIndex));
  const base = {
    rule: deadline.rule,
    from: deadline.from,
    amount: deadline.amount,
    unit: deadline.unit,
    dueOn: current.dueOn,
    explicit,
    basis: explicit ? 'Explicit due date set by the user' : (config.deadlines[deadline.rule]?.basis ?? ''),
    recordedBy: { streamId: source.streamId, revision: String(source.revision), type: source.type, field },
    ...(changes.length > 0 ? { originalDueOn: deadline.dueOn, changes } : {}),
    ...(current.paused ? { paused: current.paused } : {}),
  };
  if (!enders) return { ...base, outcome: 'not-tracked' };
  const end = later[endIndex];
  if (!end) return { ...base, outcome: current.paused ? 'paused' : today > current.dueOn ? 'overdue' : 'open' };
  const on = dayOf(end);
  return {
    ...base,
    // A period paused when it ended was met: its clock stood still.
    outcome: current.paused !== undefined || on <= current.dueOn ? 'met' : 'missed',
    endedBy: { type: end.type, revision: String(end.revision), on },
  };
};

const labelled = (rulebook: Rulebook | undefined, ruleCode: string, codes: readonly string[]): ExplainedEvidence[] => {
  const items = rulebook?.rules.find((r) => r.code === ruleCode)?.evidence ?? [];
  return codes.map((code) => {
    const item = items.find((i) => i.code === code);
    return { code, labelZh: item?.labelZh ?? code, labelEn: item?.labelEn ?? code };
  });
};

const situationsOf = (evaluation: SituationEvaluation, rulebook: Rulebook | undefined): ExplainedSituation[] =>
  evaluation.rules.map((r) => ({
    code: r.code,
    number: r.number,
    labelZh: r.labelZh,
    labelEn: r.labelEn,
    matched: r.matched,
    evidencePresent: labelled(rulebook, r.code, r.evidencePresent),
    evidenceMissing: labelled(rulebook, r.code, r.evidenceMissing),
    evidenceRecommended: labelled(rulebook, r.code, r.evidenceRecommended),
    legalBasis: r.legalBasis,
    reasonZh: r.reasonZh,
    reasonEn: r.reasonEn,
  }));

export interface ExplainReferralInput {
  readonly referralEvents: readonly RecordedEvent[];
  /** The clue's stream, to find the proposal; may be empty. */
  readonly clueEvents: readonly RecordedEvent[];
  readonly config: DomainConfig;
  /** The business day "now" (Beijing), to tell an open deadline from an overdue one. */
  readonly today: string;
  readonly ctx: DescribeContext;
}

/**
 * Explains a referral from its recorded events alone: the verdict stored on the drafting event
 * (never re-evaluated under today's rulebook), who proposed, drafted, approved and sent it, and how
 * each recorded deadline was computed and kept. Undefined when the stream holds no referral.
 */
export const explainReferral = (input: ExplainReferralInput): ReferralExplanation | undefined => {
  const { referralEvents: events, config, ctx } = input;
  const opening = events.find((e) => e.type === 'ReferralDrafted' || e.type === 'ForwardedReferralOpened');
  if (!opening) return undefined;
  const drafted = opening.data as unknown as ReferralDraftedData & { readonly parentReferralId?: string };
  const evaluation = drafted.evaluation;
  const rulebook = config.rulebooks.find((r) => r.version === drafted.rulebookVersion);
  const proposed = input.clueEvents.find(
    (e) => e.type === 'ReferralProposed' && e.data['referralId'] === drafted.referralId,
  );
  const proposal = proposed ? (proposed.data as unknown as ReferralProposedData) : undefined;
  const approved = events.find((e) => e.type === 'ReferralApproved');
  const approval = approved ? (approved.data as unknown as ReferralApprovedData) : undefined;
  const deadlines: ExplainedDeadline[] = [];
  if (proposed && isDeadline(proposal?.transferDeadline)) {
    // The clue's transfer obligation ends when this referral is sent.
    deadlines.push(
      explainDeadline(proposal.transferDeadline, 'transferDeadline', proposed, events, config, input.today),
    );
  }
  events.forEach((event, index) => {
    // A change event carries the moved deadline: it is explained under the deadline it moved.
    if (isDeadlineChangeEvent(event)) return;
    for (const field of DEADLINE_FIELDS) {
      const value = event.data[field];
      if (isDeadline(value))
        deadlines.push(explainDeadline(value, field, event, events.slice(index + 1), config, input.today));
    }
  });
  return {
    referralId: drafted.referralId,
    clueId: drafted.clueId,
    rulebook: {
      version: drafted.rulebookVersion,
      effectiveFrom: rulebook?.effectiveFrom ?? null,
      known: rulebook !== undefined,
    },
    transferMandatory: evaluation.transferMandatory,
    discretionary: drafted.discretionary,
    summaryZh: evaluation.summaryZh,
    summaryEn: evaluation.summaryEn,
    situations: situationsOf(evaluation, rulebook),
    statutoryGrounds: evaluation.statutoryGrounds.map((g) => {
      const ground = rulebook?.statutoryGrounds.find((s) => s.code === g.code);
      return {
        code: g.code,
        labelZh: ground?.labelZh ?? g.code,
        labelEn: ground?.labelEn ?? g.code,
        legalBasis: g.legalBasis,
      };
    }),
    unknownCodes: evaluation.unknownCodes,
    proposal:
      proposed && proposal
        ? {
            ...step(proposed, proposal),
            rulebookVersion: proposal.rulebookVersion,
            discretionary: proposal.discretionary,
          }
        : null,
    drafting: {
      ...step(opening, drafted),
      conditionsMetOn: drafted.conditionsMetOn ?? null,
      forwardedFromReferralId: drafted.parentReferralId ?? null,
    },
    approval:
      approved && approval
        ? { ...step(approved, approval), opinion: approval.opinion, proposedBy: approval.proposedBy }
        : null,
    sending: events
      .filter((e) => e.type === 'ReferralSent' || e.type === 'ReferralRerouted')
      .map((e) => {
        const data = e.data as unknown as {
          by: ActorRef;
          at: string;
          sentAt: string;
          sentLate?: boolean;
          target: Omit<ExplainedTarget, 'nameZh' | 'nameEn'>;
        };
        const name = orgOf(ctx, data.target.orgId);
        return {
          ...step(e, data),
          type: e.type,
          sentAt: data.sentAt,
          late: data.sentLate === true,
          target: {
            orgId: data.target.orgId,
            regionId: data.target.regionId,
            kind: data.target.kind,
            nameZh: name.zh,
            nameEn: name.en,
          },
        };
      }),
    deadlines,
  };
};
