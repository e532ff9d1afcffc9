import { Role } from '../shared/actor';
import { JurisdictionLevel } from '../shared/jurisdiction';
import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';

/**
 * 组织机构管理 — the organisations and regions of the deployment, maintained as data by the system
 * administrator: one stream, `administration-organisations`, hash-chained with the other
 * administration streams. The file (ORG_DIRECTORY_FILE) or the demo city only seeds it once.
 */
export const ORGANISATIONS_CATEGORY = 'administration';
export const ORGANISATIONS_STREAM_ID = 'organisations';

/** The system actor that seeds the stream from the file or the demo city at the first start. */
export const ORGANISATIONS_SYSTEM_USER_ID = 'system:organisations';

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

export interface OrganisationNames {
  readonly zh: string;
  readonly en: string;
}

export interface OrganisationPlace {
  readonly regionId: string;
  readonly parentId?: string;
}

/** The system records the bootstrap organisations (file or demo city) on an empty stream. */
export interface SeedOrganisations extends CommandBase<'SeedOrganisations'> {
  readonly organisations: readonly Organisation[];
}

/** The administrator adds an organisation (the first of a new region is its party committee). */
export interface AddOrganisation extends CommandBase<'AddOrganisation'> {
  readonly organisation: Organisation;
}

export interface RenameOrganisation extends CommandBase<'RenameOrganisation'> {
  readonly orgId: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** A new parent and/or region (an organisation keeps its role: accounts and cases depend on it). */
export interface MoveOrganisation extends CommandBase<'MoveOrganisation'> {
  readonly orgId: string;
  readonly parentId?: string;
  readonly regionId?: string;
}

/** 撤销 — no new case is addressed to it; its cases, accounts and history stay. */
export interface CloseOrganisation extends CommandBase<'CloseOrganisation'> {
  readonly orgId: string;
  readonly reason?: string;
}

export type OrganisationCommand =
  SeedOrganisations | AddOrganisation | RenameOrganisation | MoveOrganisation | CloseOrganisation;

/** 新增行政区域 — a region (a county under the city) came into the directory with its party committee. */
export type RegionAdded = DomainEvent<'RegionAdded', EventDataBase & { readonly regionId: string }>;
/** 新增机构 */
export type OrganisationAdded = DomainEvent<
  'OrganisationAdded',
  EventDataBase & { readonly organisation: Organisation }
>;
/** 机构更名 — from what to what; acts recorded before keep the old name (the name timeline). */
export type OrganisationRenamed = DomainEvent<
  'OrganisationRenamed',
  EventDataBase & { readonly orgId: string; readonly from: OrganisationNames; readonly to: OrganisationNames }
>;
/** 机构隶属调整 — a new parent and/or region. */
export type OrganisationMoved = DomainEvent<
  'OrganisationMoved',
  EventDataBase & { readonly orgId: string; readonly from: OrganisationPlace; readonly to: OrganisationPlace }
>;
/** 机构撤销 */
export type OrganisationClosed = DomainEvent<
  'OrganisationClosed',
  EventDataBase & { readonly orgId: string; readonly reason?: string }
>;

export type OrganisationEvent =
  RegionAdded | OrganisationAdded | OrganisationRenamed | OrganisationMoved | OrganisationClosed;

export type OrganisationEventType = OrganisationEvent['type'];

/** Every type of the union, for the label spec (a Record over the union: none can be left out). */
const TYPES: Readonly<Record<OrganisationEventType, true>> = {
  RegionAdded: true,
  OrganisationAdded: true,
  OrganisationRenamed: true,
  OrganisationMoved: true,
  OrganisationClosed: true,
};
export const ORGANISATION_EVENT_TYPES = Object.keys(TYPES) as OrganisationEventType[];
