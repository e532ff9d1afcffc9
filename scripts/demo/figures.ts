import type { ClueState, ExistingReferral, RectificationState } from '@xj/domain';
import type { ApiClient } from './api-client';

/** The loaded dataset as the API reports it: every number below is computed from GET responses. */
export interface DemoFigures {
  readonly clues: Readonly<Record<string, number>>;
  readonly referrals: Readonly<Record<string, number>>;
  readonly rectificationItems: Readonly<Record<string, number>>;
  readonly escalations: Readonly<Record<string, number>>;
  /** Top-level referrals (not forwarded children) per region of the clue. */
  readonly referralsByRegion: Readonly<Record<string, number>>;
  readonly personsHeldAccountable: number;
  readonly countyDivision: number;
  readonly townshipSectionOrBelow: number;
  readonly transferredToProcuratorate: number;
  readonly typicalCases: number;
  readonly returnedAndRerouted: number;
  readonly forwardedChildren: number;
  /** Every case read, with its revision: a second run must leave them all unchanged. */
  readonly revisions: Readonly<Record<string, string | null>>;
}

export const REGIONS = ['panjin', 'panjin/shuangtaizi', 'panjin/xinglongtai', 'panjin/dawa', 'panjin/panshan'] as const;

/** Outcome layers that hold no one accountable (as the statistics read model). */
const NOT_ACCOUNTABLE_LAYERS = ['NoAction', 'SupervisionRecommendation'];

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Reads every clue, the referrals and rectification items they lead to (children included) and
 * computes the figures. A person is "held accountable" when a referral records an outcome for them
 * other than `NoAction` or a 监察建议 (addressed to a unit, issue 17); persons are counted once even
 * when several outcomes or referrals name them.
 */
export const readFigures = async (api: ApiClient, reader: string, clueIds: readonly string[]): Promise<DemoFigures> => {
  const clues: Record<string, number> = {};
  const referrals: Record<string, number> = {};
  const items: Record<string, number> = {};
  const escalations: Record<string, number> = {};
  const byRegion: Record<string, number> = Object.fromEntries(REGIONS.map((r) => [r, 0]));
  const revisions: Record<string, string | null> = {};
  const referralIds: string[] = [];
  const itemIds: string[] = [];
  for (const id of clueIds) {
    const { state, revision } = await api.get<ClueState>(reader, `/api/v1/clues/${id}`);
    revisions[`clue/${id}`] = revision;
    bump(clues, state.status);
    state.escalations.forEach((e) => bump(escalations, e.escalationType));
    referralIds.push(...state.referralIds);
    itemIds.push(...state.rectificationItems.map((i) => i.itemId));
  }
  const accountable = new Map<string, { rank: string; outcomes: Set<string> }>();
  let typicalCases = 0;
  let returnedAndRerouted = 0;
  let forwardedChildren = 0;
  for (let i = 0; i < referralIds.length; i += 1) {
    const id = referralIds[i] as string;
    const { state, revision } = await api.get<ExistingReferral>(reader, `/api/v1/referrals/${id}`);
    revisions[`referral/${id}`] = revision;
    bump(referrals, state.status);
    state.escalations.forEach((e) => bump(escalations, e.escalationType));
    referralIds.push(...state.childReferralIds.filter((c) => !referralIds.includes(c)));
    if (state.parentReferralId !== undefined) forwardedChildren += 1;
    else bump(byRegion, state.regionId);
    if (state.typicalCasePublished) typicalCases += 1;
    if (state.returnReason !== undefined && state.target?.kind === 'AppointingAuthority') returnedAndRerouted += 1;
    for (const o of state.outcomes.filter((x) => !NOT_ACCOUNTABLE_LAYERS.includes(x.layer))) {
      const subject = state.package.subjects.find((s) => s.subjectId === o.subjectId);
      const entry = accountable.get(o.subjectId) ?? {
        rank: (subject?.kind !== 'Unit' ? subject?.cadreRank : undefined) ?? 'Unknown',
        outcomes: new Set<string>(),
      };
      entry.outcomes.add(o.outcome);
      accountable.set(o.subjectId, entry);
    }
  }
  for (const id of itemIds) {
    const { state, revision } = await api.get<RectificationState>(reader, `/api/v1/rectification-items/${id}`);
    revisions[`rectification/${id}`] = revision;
    bump(items, state.status);
    state.escalations.forEach((e) => bump(escalations, e.escalationType));
  }
  const people = [...accountable.values()];
  return {
    clues,
    referrals,
    rectificationItems: items,
    escalations,
    referralsByRegion: byRegion,
    personsHeldAccountable: people.length,
    countyDivision: people.filter((p) => p.rank === 'CountyDivision').length,
    townshipSectionOrBelow: people.filter((p) => p.rank === 'TownshipSectionOrBelow').length,
    transferredToProcuratorate: people.filter((p) => p.outcomes.has('TransferToProcuratorate')).length,
    typicalCases,
    returnedAndRerouted,
    forwardedChildren,
    revisions,
  };
};

const list = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
const total = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** The short summary printed at the end of `npm run demo`. */
export const formatFigures = (f: DemoFigures): string[] => [
  `Clues: ${total(f.clues)} (${list(f.clues)})`,
  `Referrals: ${total(f.referrals)} (${list(f.referrals)}); ${f.forwardedChildren} forwarded child, ${f.returnedAndRerouted} returned and re-routed to the appointing authority`,
  `Rectification items: ${total(f.rectificationItems)} (${list(f.rectificationItems)})`,
  `Escalations (督办): ${list(f.escalations)}`,
  `Referrals per region: ${list(f.referralsByRegion)}`,
  `Panjin figures as loaded: ${f.typicalCases} typical cases published; ${f.personsHeldAccountable} persons held accountable — ` +
    `${f.countyDivision} 县处级 (CountyDivision), ${f.townshipSectionOrBelow} 乡科级及以下 (TownshipSectionOrBelow); ` +
    `${f.transferredToProcuratorate} transferred to judicial organs (TransferToProcuratorate)`,
];
