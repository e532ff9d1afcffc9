import type { AccountabilityState, AccountabilityType, WrongfulCaseGround } from '@xj/domain';
import type { ApiClient } from './api-client';

/**
 * A Bijie-shaped dataset of accountability outside the commission (issue 17; DOMAIN.md §8 Bijie),
 * loaded on the Panjin organisation directory at a scale of 1 : 10, rounded:
 *
 * - 行政执法过错责任追究, "since 2022: 330 accountability cases, 258 people" (seed 003) → 33 cases
 *   opened 2022–2025, 26 decided holding one person each, 7 withdrawn (不予追究);
 * - 行政错案问责, "since 2020: 473 matters, 399 people, 44 units" ([S2] 法治生活报 2025-11-10) → 47
 *   cases opened 2020–2025, 40 decided holding one person, 4 holding one unit, 3 withdrawn.
 *
 * Our choices (the sources give totals only): the grounds rotate over the three of the 2023 scope;
 * the persons are 乡科级及以下 enforcement officers; every fourth enforcement-fault case is the Dawa
 * emergency bureau's own, the rest the city justice bureau's; each act falls in the month it was
 * opened. Counts are per case, as Bijie's are per matter.
 */
export interface DemoAccountabilityCase {
  readonly name: string;
  readonly type: AccountabilityType;
  readonly ground?: WrongfulCaseGround;
  /** Who opens and acts (staff), and who decides or withdraws (the same organisation's head). */
  readonly staff: string;
  readonly head: string;
  readonly regionId?: string;
  readonly month: string;
  readonly held: 'person' | 'unit' | 'withdrawn';
  /** Decided cases go on to 执行 and 归档 unless they stop at the decision. */
  readonly stopsAtDecision: boolean;
}

export const BIJIE_SCALE = {
  enforcementFault: { since: '2022-01-01', cases: 33, persons: 26, units: 0 },
  wrongfulCase: { since: '2020-01-01', cases: 47, persons: 40, units: 4 },
} as const;

const COUNTIES = ['panjin/shuangtaizi', 'panjin/xinglongtai', 'panjin/dawa', 'panjin/panshan'] as const;
const GROUNDS: readonly WrongfulCaseGround[] = [
  'CourtRuledLoss',
  'ProcuratorateSupervision',
  'ReconsiderationCorrected',
];
const pad = (n: number) => String(n).padStart(2, '0');

const enforcementFault = (i: number): DemoAccountabilityCase => {
  const own = i % 4 === 3;
  return {
    name: `bijie-ef-${pad(i)}`,
    type: 'EnforcementFault',
    ...(own
      ? { staff: 'dawa-emergency', head: 'dawa-emergency-head' }
      : { staff: 'justice', head: 'justice-head', regionId: COUNTIES[i % COUNTIES.length] }),
    month: `${2022 + (i % 4)}-${pad(1 + (i % 12))}`,
    held: i < BIJIE_SCALE.enforcementFault.persons ? 'person' : 'withdrawn',
    stopsAtDecision: i % 3 === 0,
  };
};

const wrongfulCase = (i: number): DemoAccountabilityCase => {
  const { persons, units } = BIJIE_SCALE.wrongfulCase;
  return {
    name: `bijie-wc-${pad(i)}`,
    type: 'WrongfulCase',
    ground: GROUNDS[i % GROUNDS.length],
    staff: 'justice',
    head: 'justice-head',
    regionId: COUNTIES[i % COUNTIES.length],
    month: `${2020 + (i % 6)}-${pad(1 + (i % 12))}`,
    held: i < persons ? 'person' : i < persons + units ? 'unit' : 'withdrawn',
    stopsAtDecision: i % 3 === 0,
  };
};

export const BIJIE_ACCOUNTABILITY: readonly DemoAccountabilityCase[] = [
  ...Array.from({ length: BIJIE_SCALE.enforcementFault.cases }, (_, i) => enforcementFault(i)),
  ...Array.from({ length: BIJIE_SCALE.wrongfulCase.cases }, (_, i) => wrongfulCase(i)),
];

const heldOf = (c: DemoAccountabilityCase) =>
  c.held === 'unit'
    ? {
        subject: { kind: 'Unit', subjectId: `${c.name}-u`, name: '某执法大队', unit: '某行政执法机关' },
        measureCodes: ['Unit.CirculatedCriticism'],
      }
    : {
        subject: {
          subjectId: `${c.name}-p`,
          name: `执法人员${c.name.slice(-2)}`,
          unit: '某行政执法机关',
          post: '执法队员',
          cadreRank: 'TownshipSectionOrBelow',
          isPartyMember: false,
          isPublicOfficial: true,
        },
        measureCodes: c.type === 'WrongfulCase' ? ['CirculatedCriticism'] : ['OrderSelfExamination'],
      };

/** Loads one case through the API (立项 → 调查 → 决定 / 撤销 → 执行 → 归档); returns its id. */
export const loadAccountabilityCase = async (api: ApiClient, c: DemoAccountabilityCase): Promise<string> => {
  const key = (step: string) => `demo:${c.name}:${step}`;
  const opened = await api.post(
    c.staff,
    '/api/v1/accountability-cases',
    {
      accountabilityId: `demo-${c.name}`,
      accountabilityType: c.type,
      ...(c.ground !== undefined ? { ground: c.ground } : {}),
      ...(c.regionId !== undefined ? { regionId: c.regionId } : {}),
      summary: c.type === 'WrongfulCase' ? '行政行为被判决、检察监督或复议纠正' : '执法过程中存在过错',
      occurredOn: `${c.month}-05`,
    },
    key('open'),
  );
  const path = `/api/v1/accountability-cases/${opened.id}`;
  await api.post(c.staff, `${path}/investigation`, { occurredOn: `${c.month}-10` }, key('investigation'));
  if (c.held === 'withdrawn') {
    await api.post(
      c.head,
      `${path}/withdrawal`,
      { reason: '经调查不存在过错', occurredOn: `${c.month}-20` },
      key('withdrawal'),
    );
  } else {
    await api.post(c.head, `${path}/decision`, { held: [heldOf(c)], decisionDate: `${c.month}-25` }, key('decision'));
    if (c.stopsAtDecision) return opened.id;
    await api.post(c.staff, `${path}/execution`, { occurredOn: `${c.month}-26` }, key('execution'));
  }
  await api.post(c.staff, `${path}/archiving`, { occurredOn: `${c.month}-28` }, key('archiving'));
  return opened.id;
};

/** Per type, as read back from each case's own GET: cases (opened on or after `since`), persons, units. */
export interface AccountabilityTypeFigures {
  readonly cases: number;
  readonly persons: number;
  readonly units: number;
}
export type AccountabilityDemoFigures = Readonly<Record<AccountabilityType, AccountabilityTypeFigures>>;

export const readAccountabilityFigures = async (
  api: ApiClient,
  reader: string,
  ids: readonly string[],
): Promise<AccountabilityDemoFigures> => {
  const figures = {
    EnforcementFault: { cases: 0, persons: 0, units: 0 },
    WrongfulCase: { cases: 0, persons: 0, units: 0 },
  };
  for (const id of ids) {
    const { state } = await api.get<AccountabilityState>(reader, `/api/v1/accountability-cases/${id}`);
    if (state.status === 'None') continue;
    const f = figures[state.accountabilityType];
    f.cases += 1;
    f.persons += state.decision?.persons.length ?? 0;
    f.units += state.decision?.units.length ?? 0;
  }
  return figures;
};
