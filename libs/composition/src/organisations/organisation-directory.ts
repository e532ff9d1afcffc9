import { readFileSync } from 'node:fs';
import { DescribeContext } from '@xj/application';
import { JURISDICTION_LEVELS, JurisdictionLevel, Role } from '@xj/domain';
import { AppConfig } from '../config/app-config';

/** One unit of the organisation tree (city → counties/districts → agencies; commissions at each level). */
export interface Organisation {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The role its members act in. */
  readonly role: Role;
  /** Region path: `panjin` (city) or `panjin/dawa` (county/district). */
  readonly regionId: string;
  readonly parentId?: string;
  /**
   * For a unit above the deployment's city (the provincial commission, which 厅局级 cadres go to,
   * DOMAIN.md Decision 5): its level. Without it the level follows the region path.
   */
  readonly level?: JurisdictionLevel;
}

/** Looks organisations up; the composition root loads it from data (ORG_DIRECTORY_FILE or the demo city). */
export class OrganisationDirectory {
  private readonly byId: ReadonlyMap<string, Organisation>;

  constructor(readonly organisations: readonly Organisation[]) {
    const map = new Map<string, Organisation>();
    for (const org of organisations) {
      if (map.has(org.id)) throw new Error(`Duplicate organisation id ${org.id}`);
      map.set(org.id, org);
    }
    for (const org of organisations) {
      if (org.level !== undefined && !(JURISDICTION_LEVELS as readonly string[]).includes(org.level))
        throw new Error(`Organisation ${org.id} has unknown level ${String(org.level)}`);
      if (org.parentId && !map.has(org.parentId))
        throw new Error(`Organisation ${org.id} has unknown parent ${org.parentId}`);
    }
    this.byId = map;
  }

  get(id: string): Organisation | undefined {
    return this.byId.get(id);
  }

  /**
   * The regions organisations belong to, named after the region's party committee unit
   * (PartyLeadership: 盘锦市, 大洼区); a region without one is named by its id.
   */
  regions(): { readonly id: string; readonly zh: string; readonly en: string }[] {
    const ids = [...new Set(this.organisations.map((o) => o.regionId))].sort();
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
 * The deployment's organisations: ORG_DIRECTORY_FILE (a JSON array of {@link Organisation}), else
 * the demo city. Read once at start; a file that cannot be read or parsed stops the start naming
 * the variable.
 */
export const loadOrganisationDirectory = (config: Pick<AppConfig, 'orgDirectoryFile'>): OrganisationDirectory => {
  if (!config.orgDirectoryFile) return new OrganisationDirectory(DEMO_ORGANISATIONS);
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
  return new OrganisationDirectory(organisations);
};

/** Organisation names for the descriptions of events (history, CLI), from the deployment's directory. */
export const describeContextOf = (directory: OrganisationDirectory): DescribeContext => ({
  orgName: (orgId) => {
    const org = directory.get(orgId);
    return org ? { zh: org.nameZh, en: org.nameEn } : undefined;
  },
});
