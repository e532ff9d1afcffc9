import type { ApiClient, CommandResult } from './api-client';
import { walkClue } from './clue-flow';
import { CAMPAIGN_WALKS } from './campaign-walks';

/**
 * A 法治督察 campaign shaped like 蓬江's (DOMAIN.md §8, seed 001, 2025-03): 4 inspection teams, 8
 * departments, 7 topics, 8 feedback opinions, 7 categories of common problems circulated; the
 * problems found on its two headline topics (涉企乱罚款 4, 委托执法 4) recorded as findings, each
 * opening a clue linked to the campaign. Planned by the city office head, run by the city office.
 * Then its clues are walked as the seed describes the follow-up (campaign-walks.ts): some referred
 * to the commission and accepted, some rectified to 销号, the rest still under supervision.
 */
const KEY = 'demo:campaign:pengjiang-shaped';
const HEAD = 'office-head';
const CLERK = 'office';

const UNITS = [
  'panjin.emergency',
  'panjin.urban-mgmt',
  'panjin.traffic-police',
  'panjin.housing',
  'panjin.natural-resources',
  'panjin.market-regulation',
  'dawa.emergency',
  'panshan.market-regulation',
] as const;
const TOPICS = [
  '涉企乱罚款',
  '委托执法',
  '行政许可',
  '执法公示',
  '执法全过程记录',
  '重大执法决定法制审核',
  '嵌入式监督',
] as const;
const COMMON_PROBLEMS = [
  '执法程序不规范',
  '自由裁量不当',
  '执法文书不规范',
  '执法公示不到位',
  '法制审核缺位',
  '委托执法监管不力',
  '整改落实不及时',
];
/** 4 problems on arbitrary fines, 4 on delegated powers (seed 001), each at one department. */
const FINDINGS: readonly { readonly unit: (typeof UNITS)[number]; readonly topic: (typeof TOPICS)[number] }[] = [
  { unit: 'panjin.market-regulation', topic: '涉企乱罚款' },
  { unit: 'panjin.urban-mgmt', topic: '涉企乱罚款' },
  { unit: 'panjin.traffic-police', topic: '涉企乱罚款' },
  { unit: 'panshan.market-regulation', topic: '涉企乱罚款' },
  { unit: 'panjin.natural-resources', topic: '委托执法' },
  { unit: 'panjin.housing', topic: '委托执法' },
  { unit: 'panjin.emergency', topic: '委托执法' },
  { unit: 'dawa.emergency', topic: '委托执法' },
];

/**
 * What the demo asserts of the campaign, read back from GET …/figures. Hand-computed from seed 001
 * (DOMAIN.md §8 蓬江) and campaign-walks.ts: 4 teams, 8 departments, 7 topics, 8 feedback opinions,
 * 7 common problems; 4 + 4 problems on the two headline topics → 8 findings at 8 departments → 8
 * clues; findings 5 and 6 referred to the city commission and accepted → 2 referrals; findings 2
 * and 8 rectified and closed out (销号) → 2 rectified.
 */
export const PENGJIANG_SHAPED_FIGURES = {
  status: 'Closed',
  teams: 4,
  units: 8,
  topics: 7,
  unitsInspected: 8,
  findings: 8,
  feedbackOpinions: 8,
  commonProblems: 7,
  clues: 8,
  referrals: 2,
  rectified: 2,
} as const;

export type CampaignFigures = { readonly [K in keyof typeof PENGJIANG_SHAPED_FIGURES]: number | string };

export interface LoadedCampaign {
  readonly campaignId: string;
  readonly clueIds: readonly string[];
  readonly figures: CampaignFigures;
}

interface FiguresRead {
  readonly figures: (Omit<CampaignFigures, 'unitsInspected'> & { readonly unitsInspected: readonly string[] }) | null;
  readonly stale: boolean;
}

/** Loads the campaign through the API (each POST keyed, so a re-run writes nothing) and reads its figures. */
export const loadCampaign = async (api: ApiClient): Promise<LoadedCampaign> => {
  const planned = await api.post(
    HEAD,
    '/api/v1/campaigns',
    {
      regionId: 'panjin',
      title: '盘锦市2025年度法治督察（蓬江式）',
      periodFrom: '2025-01-06',
      periodTo: '2025-03-04',
      teams: [1, 2, 3, 4].map((n) => ({
        name: `第${n}督察组`,
        lead: `组长${n}`,
        members: [`组员${n}甲`, `组员${n}乙`],
      })),
      topics: TOPICS,
      unitOrgIds: UNITS,
      occurredOn: '2025-01-06',
    },
    `${KEY}:plan`,
  );
  const base = `/api/v1/campaigns/${planned.id}`;
  await api.post(CLERK, `${base}/start`, { occurredOn: '2025-01-13' }, `${KEY}:start`);
  const clueIds: string[] = [];
  for (const [i, f] of FINDINGS.entries()) {
    const recorded = await api.post<CommandResult & { createdCases?: { id: string }[] }>(
      CLERK,
      `${base}/findings`,
      { unitOrgId: f.unit, topic: f.topic, summary: `${f.topic}问题（第${i + 1}项）`, occurredOn: '2025-01-20' },
      `${KEY}:finding:${i + 1}`,
    );
    clueIds.push(...(recorded.createdCases ?? []).map((c) => c.id));
  }
  for (const [i, unit] of UNITS.entries())
    await api.post(
      CLERK,
      `${base}/feedback`,
      {
        unitOrgId: unit,
        documentNo: `盘法督反〔2025〕${i + 1}号`,
        opinion: '督察发现问题及整改要求',
        occurredOn: '2025-02-17',
      },
      `${KEY}:feedback:${unit}`,
    );
  await api.post(
    CLERK,
    `${base}/circular`,
    { documentNo: '盘法督通〔2025〕1号', commonProblems: COMMON_PROBLEMS, occurredOn: '2025-03-04' },
    `${KEY}:circular`,
  );
  const closed = await api.post(HEAD, `${base}/close`, { occurredOn: '2025-03-04' }, `${KEY}:close`);
  // Each finding's clue is registered by the server's workflow shortly after the finding.
  for (const id of clueIds) await api.waitFor(CLERK, `/api/v1/clues/${id}`, (state) => state !== undefined);
  for (const [finding, walk] of CAMPAIGN_WALKS) {
    const clueId = clueIds[finding - 1];
    if (clueId === undefined) throw new Error(`campaign finding ${finding} opened no clue`);
    await walkClue(api, walk, clueId);
  }
  const positions = await Promise.all(
    clueIds.map(async (id) => (await api.get(CLERK, `/api/v1/clues/${id}`)).position),
  );
  const last = [closed.position, ...positions].reduce((a, b) => (BigInt(b ?? '0') > BigInt(a ?? '0') ? b : a), '0');
  const read = (await api.get(HEAD, `${base}/figures?minPosition=${last ?? '0'}`)) as unknown as FiguresRead;
  if (!read.figures) throw new Error(`campaign ${planned.id} has no figures`);
  const { unitsInspected, ...rest } = read.figures;
  const figures = Object.fromEntries(
    Object.keys(PENGJIANG_SHAPED_FIGURES).map((k) => [
      k,
      k === 'unitsInspected' ? unitsInspected.length : rest[k as never],
    ]),
  ) as CampaignFigures;
  return { campaignId: planned.id, clueIds, figures };
};
