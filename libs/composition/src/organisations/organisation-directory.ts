import { readFileSync } from 'node:fs';
import { DescribeContext, OrgName } from '@xj/application';
import {
  JURISDICTION_LEVELS,
  Organisation,
  OrganisationDirectoryState,
  OrganisationEntry,
  Role,
  organisationNameAt,
} from '@xj/domain';
import { AppConfig } from '../config/app-config';

export type { Organisation } from '@xj/domain';

/** What the directory holds at one moment; swapped whole, so a lookup never sees half a change. */
interface Snapshot {
  readonly organisations: readonly Organisation[];
  readonly byId: ReadonlyMap<string, OrganisationEntry>;
  readonly regions: readonly string[];
}

const snapshotOf = (state: OrganisationDirectoryState): Snapshot => ({
  organisations: state.organisations.map(({ names: _names, closedAt: _closed, ...o }) => o),
  byId: new Map(state.organisations.map((o) => [o.id, o])),
  regions: state.regions,
});

/** A fixed list (tests, benches): the checks the file always had, every name since the beginning. */
const stateOf = (organisations: readonly Organisation[]): OrganisationDirectoryState => {
  const ids = new Set<string>();
  for (const org of organisations) {
    if (ids.has(org.id)) throw new Error(`Duplicate organisation id ${org.id}`);
    ids.add(org.id);
  }
  for (const org of organisations) {
    if (org.level !== undefined && !(JURISDICTION_LEVELS as readonly string[]).includes(org.level))
      throw new Error(`Organisation ${org.id} has unknown level ${String(org.level)}`);
    if (org.parentId && !ids.has(org.parentId))
      throw new Error(`Organisation ${org.id} has unknown parent ${org.parentId}`);
  }
  return {
    organisations: organisations.map((o) => ({ ...o, names: [{ since: EPOCH, zh: o.nameZh, en: o.nameEn }] })),
    regions: [...new Set(organisations.map((o) => o.regionId))],
  };
};

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * Looks organisations up, synchronously, in a snapshot of the `administration-organisations`
 * stream that OrganisationStream swaps in at each change (every API replica and the worker follow
 * the stream): an organisation added on one replica is known on the others without a restart.
 * Closed organisations stay (their names label the cases they acted in); `isClosed` tells.
 */
export class OrganisationDirectory {
  private snapshot: Snapshot;
  private changes = 0;

  constructor(source: readonly Organisation[] | OrganisationDirectoryState) {
    this.snapshot = snapshotOf(
      Array.isArray(source) ? stateOf(source as readonly Organisation[]) : (source as OrganisationDirectoryState),
    );
  }

  /** The directory as the stream now holds it. */
  replace(state: OrganisationDirectoryState): void {
    this.snapshot = snapshotOf(state);
    this.changes += 1;
  }

  /** Counts the swaps: a cache built from the directory (the label catalogue) is rebuilt when it moves. */
  get version(): number {
    return this.changes;
  }

  /** Every organisation, closed ones included, in the order they were added. */
  get organisations(): readonly Organisation[] {
    return this.snapshot.organisations;
  }

  get(id: string): Organisation | undefined {
    const entry = this.snapshot.byId.get(id);
    if (!entry) return undefined;
    const { names: _names, closedAt: _closed, ...org } = entry;
    return org;
  }

  /** 已撤销: no new case is addressed to it. */
  isClosed(id: string): boolean {
    return this.snapshot.byId.get(id)?.closedAt !== undefined;
  }

  /** When it was closed, if it was. */
  closedAt(id: string): string | undefined {
    return this.snapshot.byId.get(id)?.closedAt;
  }

  /** Its names over time, oldest first. */
  names(id: string): readonly { readonly since: string; readonly zh: string; readonly en: string }[] {
    return this.snapshot.byId.get(id)?.names ?? [];
  }

  /**
   * The name it bore at `at` (a history line's recorded time): a rename does not rewrite the acts
   * before it. Without `at`, today's name.
   */
  nameAt(id: string, at?: string): OrgName | undefined {
    const entry = this.snapshot.byId.get(id);
    const name = entry ? organisationNameAt(entry, at) : undefined;
    return name ? { zh: name.zh, en: name.en } : undefined;
  }

  /**
   * The regions organisations belong to, named after the region's party committee unit
   * (PartyLeadership: 盘锦市, 大洼区); a region without one is named by its id.
   */
  regions(): { readonly id: string; readonly zh: string; readonly en: string }[] {
    const ids = [...new Set([...this.snapshot.regions, ...this.organisations.map((o) => o.regionId)])].sort();
    return ids.map((id) => {
      const party = this.organisations.find((o) => o.regionId === id && o.role === 'PartyLeadership');
      return { id, zh: party?.nameZh ?? id, en: party?.nameEn ?? id };
    });
  }

  /** Organisations of a role in exactly this region (e.g. the county commission of panjin/dawa). */
  find(role: Role, regionId: string): Organisation[] {
    return this.organisations.filter((o) => o.role === role && o.regionId === regionId);
  }
}

const CITY = 'panjin';
const COUNTIES = [
  { key: 'shuangtaizi', zh: '双台子区', en: 'Shuangtaizi District' },
  { key: 'xinglongtai', zh: '兴隆台区', en: 'Xinglongtai District' },
  { key: 'dawa', zh: '大洼区', en: 'Dawa District' },
  { key: 'panshan', zh: '盘山县', en: 'Panshan County' },
];
const AGENCIES = [
  { key: 'emergency', zh: '应急管理局', en: 'Emergency Management Bureau' },
  { key: 'urban-mgmt', zh: '城市管理综合行政执法局', en: 'Urban Management Enforcement Bureau' },
  { key: 'traffic-police', zh: '公安局交通警察支队', en: 'Traffic Police Detachment' },
  { key: 'housing', zh: '住房和城乡建设局', en: 'Housing and Construction Bureau' },
  { key: 'natural-resources', zh: '自然资源局', en: 'Natural Resources Bureau' },
  { key: 'market-regulation', zh: '市场监督管理局', en: 'Market Regulation Bureau' },
];

const unitsOf = (regionId: string, prefix: string, zh: string, en: string, parentId?: string): Organisation[] => [
  {
    id: `${prefix}.rol-office`,
    nameZh: `${zh}委法治建设办`,
    nameEn: `${en} Rule-of-Law Office`,
    role: 'RuleOfLawOffice',
    regionId,
    parentId,
  },
  {
    id: `${prefix}.justice`,
    nameZh: `${zh}司法局`,
    nameEn: `${en} Justice Bureau`,
    role: 'JusticeBureau',
    regionId,
    parentId,
  },
  {
    id: `${prefix}.ccdi`,
    nameZh: `${zh}纪委监委`,
    nameEn: `${en} Discipline Inspection and Supervision Commission`,
    role: 'DisciplineCommission',
    regionId,
    parentId,
  },
  {
    id: `${prefix}.org-dept`,
    nameZh: `${zh}委组织部`,
    nameEn: `${en} Organisation Department (appointing authority)`,
    role: 'AppointingAuthority',
    regionId,
    parentId,
  },
  {
    id: `${prefix}.party`,
    nameZh: `${zh}委`,
    nameEn: `${en} Party Committee`,
    role: 'PartyLeadership',
    regionId,
    parentId,
  },
  ...AGENCIES.map((a): Organisation => ({
    id: `${prefix}.${a.key}`,
    nameZh: `${zh}${a.zh}`,
    nameEn: `${en} ${a.en}`,
    role: 'EnforcementAgency',
    regionId,
    parentId,
  })),
];

/** The province above the demo city: its commission receives 厅局级 cadres (DOMAIN.md Decision 5). */
const PROVINCE = 'liaoning';

/** The demo city (盘锦市, Panjin) with its four counties/districts — DOMAIN.md §8 demo-data tips. */
export const DEMO_ORGANISATIONS: readonly Organisation[] = [
  {
    id: `${PROVINCE}.ccdi`,
    nameZh: '辽宁省纪委监委',
    nameEn: 'Liaoning Provincial Discipline Inspection and Supervision Commission',
    role: 'DisciplineCommission',
    regionId: PROVINCE,
    level: 'Province',
  },
  { id: CITY, nameZh: '盘锦市', nameEn: 'Panjin City', role: 'PartyLeadership', regionId: CITY },
  ...unitsOf(CITY, CITY, '盘锦市', 'Panjin', CITY).filter((o) => o.id !== `${CITY}.party`),
  {
    id: `${CITY}.audit`,
    nameZh: '市委巡察办（审计查阅）',
    nameEn: 'Panjin case-record auditors',
    role: 'Auditor',
    regionId: CITY,
    parentId: CITY,
  },
  {
    id: `${CITY}.it`,
    nameZh: '系统管理',
    nameEn: 'System administration',
    role: 'Administrator',
    regionId: CITY,
    parentId: CITY,
  },
  ...COUNTIES.flatMap((c) => [
    {
      id: c.key,
      nameZh: c.zh,
      nameEn: c.en,
      role: 'PartyLeadership' as const,
      regionId: `${CITY}/${c.key}`,
      parentId: CITY,
    },
    ...unitsOf(`${CITY}/${c.key}`, c.key, c.zh, c.en, c.key).filter((o) => o.id !== `${c.key}.party`),
  ]),
];

/**
 * The bootstrap organisations: ORG_DIRECTORY_FILE (a JSON array of {@link Organisation}), else
 * the demo city. They seed the `administration-organisations` stream at the first start of a store
 * without it (OrganisationStream); after that the stream is the directory and the file is not
 * read for it. A file that cannot be read or parsed stops the start naming the variable.
 */
export const loadBootstrapOrganisations = (config: Pick<AppConfig, 'orgDirectoryFile'>): readonly Organisation[] => {
  if (!config.orgDirectoryFile) return DEMO_ORGANISATIONS;
  let organisations: Organisation[];
  try {
    organisations = JSON.parse(readFileSync(config.orgDirectoryFile, 'utf8')) as Organisation[];
  } catch (error) {
    throw new Error(
      `ORG_DIRECTORY_FILE: cannot read ${config.orgDirectoryFile} as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(organisations))
    throw new Error(`ORG_DIRECTORY_FILE: ${config.orgDirectoryFile} must hold a JSON array of organisations`);
  // The file's own checks (unique ids, known parents, levels) stop the start before anything is recorded.
  new OrganisationDirectory(organisations);
  return organisations;
};

/** The bootstrap directory alone, not following the stream (the first administrator's unit before the store opens). */
export const loadOrganisationDirectory = (config: Pick<AppConfig, 'orgDirectoryFile'>): OrganisationDirectory =>
  new OrganisationDirectory(loadBootstrapOrganisations(config));

/**
 * Organisation names for the descriptions of events (history, CLI), from the deployment's
 * directory: as of the event's time when the describer says it (a renamed unit's earlier acts keep
 * the name they were done under).
 */
export const describeContextOf = (directory: OrganisationDirectory): DescribeContext => ({
  orgName: (orgId, at) => directory.nameAt(orgId, at),
});
