import { ROLES } from '../shared/actor';
import { Decider, Decision, assertNever } from '../shared/decider';
import { DomainError, conflict, forbidden, notFound, validation } from '../shared/domain-error';
import { JURISDICTION_LEVELS } from '../shared/jurisdiction';
import { eventBase } from '../shared/messages';
import { firstError, requireInstant } from '../shared/validate';
import {
  AddOrganisation,
  CloseOrganisation,
  MoveOrganisation,
  ORGANISATIONS_SYSTEM_USER_ID,
  Organisation,
  OrganisationCommand,
  OrganisationEvent,
  RenameOrganisation,
  SeedOrganisations,
} from './organisation.events';
import { OrganisationDirectoryState, OrganisationEntry, evolveOrganisations } from './organisation.state';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const REGION_SEGMENT = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NAME_MAX = 100;

const invalid = (field: string, message: string): DomainError => validation('ORGANISATION.INVALID', message, { field });

const requireName = (value: unknown, field: string): DomainError | undefined =>
  typeof value !== 'string' || value.trim() === '' || value.length > NAME_MAX
    ? invalid(field, `${field} must be a name of 1 to ${NAME_MAX} characters`)
    : undefined;

/** What every organisation must be, the seeded ones included (the checks the file always had). */
const requireWellFormed = (o: Organisation): DomainError | undefined => {
  if (typeof o.id !== 'string' || o.id === '') return invalid('id', 'id must be a non-empty text');
  if (!(ROLES as readonly string[]).includes(o.role)) return invalid('role', `no role ${String(o.role)}`);
  if (o.level !== undefined && !(JURISDICTION_LEVELS as readonly string[]).includes(o.level))
    return invalid('level', `no level ${String(o.level)} (Province, City or County)`);
  if (typeof o.regionId !== 'string' || o.regionId === '') return invalid('regionId', 'regionId must be a region path');
  return requireName(o.nameZh, 'nameZh') ?? requireName(o.nameEn, 'nameEn');
};

const byId = (state: OrganisationDirectoryState, id: string): OrganisationEntry | undefined =>
  state.organisations.find((o) => o.id === id);

const hasPartyUnit = (state: OrganisationDirectoryState, regionId: string): boolean =>
  state.organisations.some((o) => o.regionId === regionId && o.role === 'PartyLeadership' && !o.closedAt);

/**
 * A region the directory does not know yet: a path of at most two segments (city, county: the
 * level follows it, jurisdiction.ts), a county under a known city, and the party committee first —
 * the region is named after it (区委 → 大洼区) and its jurisdiction is that committee's.
 */
const requireNewRegion = (state: OrganisationDirectoryState, o: Organisation): DomainError | undefined => {
  const segments = o.regionId.split('/');
  if (segments.length > 2 || !segments.every((s) => REGION_SEGMENT.test(s)))
    return invalid('regionId', 'a region is `city` or `city/county` in lower-case letters, digits and dashes');
  const parentRegion = segments.length === 2 ? segments[0] : undefined;
  if (parentRegion !== undefined && !state.regions.includes(parentRegion))
    return validation('ORGANISATION.UNKNOWN_REGION', `no region ${parentRegion} to hold ${o.regionId}`, {
      regionId: parentRegion,
    });
  if (o.role !== 'PartyLeadership')
    return validation(
      'ORGANISATION.REGION_NEEDS_PARTY_UNIT',
      `the new region ${o.regionId} begins with its party committee (role PartyLeadership)`,
      { regionId: o.regionId },
    );
  return undefined;
};

const requireParent = (state: OrganisationDirectoryState, parentId: string | undefined): DomainError | undefined =>
  parentId !== undefined && !byId(state, parentId)
    ? validation('ORGANISATION.UNKNOWN_PARENT', `no organisation ${parentId} to be the parent`, { parentId })
    : undefined;

/** Who administers the organisations is the application's table (三员分立): the decider is given it. */
export type MayAdministerOrganisations = (role: string) => boolean;

const requireAdministrator = (
  may: MayAdministerOrganisations,
  command: OrganisationCommand,
  action: string,
): DomainError | undefined =>
  firstError(
    may(command.actor.role)
      ? undefined
      : forbidden('AUTH.ROLE_NOT_ALLOWED', `${command.actor.role} may not ${action}`, {
          action,
          role: command.actor.role,
        }),
    requireInstant(command.at, 'at'),
  );

const existing = (state: OrganisationDirectoryState, orgId: string): OrganisationEntry | DomainError =>
  byId(state, orgId) ?? notFound('ORGANISATION.NOT_FOUND', `no organisation ${orgId}`, { orgId });

const open = (state: OrganisationDirectoryState, orgId: string): OrganisationEntry | DomainError => {
  const org = existing(state, orgId);
  if (org instanceof DomainError) return org;
  return org.closedAt
    ? conflict('ORGANISATION.CLOSED', `the organisation ${orgId} is closed`, { orgId, closedAt: org.closedAt })
    : org;
};

const clean = (o: Organisation): Organisation => ({
  id: o.id,
  nameZh: o.nameZh.trim(),
  nameEn: o.nameEn.trim(),
  role: o.role,
  regionId: o.regionId,
  ...(o.parentId !== undefined ? { parentId: o.parentId } : {}),
  ...(o.level !== undefined ? { level: o.level } : {}),
});

/**
 * The bootstrap directory, once, by the system: on a stream that holds anything it decides nothing
 * (every process starting, and every restart, sends it). The file keeps the checks it always had
 * (unique ids, known parents, roles, levels); the rules for a new region bind the administrator.
 */
const decideSeed = (command: SeedOrganisations, state: OrganisationDirectoryState): Decision<OrganisationEvent> => {
  if (command.actor.userId !== ORGANISATIONS_SYSTEM_USER_ID)
    return forbidden('AUTH.ROLE_NOT_ALLOWED', 'only the system seeds the organisations');
  const error = requireInstant(command.at, 'at');
  if (error) return error;
  if (state.organisations.length > 0 || state.regions.length > 0) return [];
  const ids = new Set<string>();
  for (const o of command.organisations) {
    const bad = requireWellFormed(o);
    if (bad) return bad;
    if (ids.has(o.id)) return conflict('ORGANISATION.ID_TAKEN', `duplicate organisation id ${o.id}`, { orgId: o.id });
    ids.add(o.id);
  }
  for (const o of command.organisations)
    if (o.parentId !== undefined && !ids.has(o.parentId))
      return validation('ORGANISATION.UNKNOWN_PARENT', `organisation ${o.id} has unknown parent ${o.parentId}`, {
        orgId: o.id,
        parentId: o.parentId,
      });
  const base = eventBase(command);
  const regions = [...new Set(command.organisations.map((o) => o.regionId))];
  return [
    ...regions.map((regionId): OrganisationEvent => ({ type: 'RegionAdded', data: { ...base, regionId } })),
    ...command.organisations.map((o): OrganisationEvent => ({
      type: 'OrganisationAdded',
      data: { ...base, organisation: clean(o) },
    })),
  ];
};

const decideAdd = (
  may: MayAdministerOrganisations,
  command: AddOrganisation,
  state: OrganisationDirectoryState,
): Decision<OrganisationEvent> => {
  const o = command.organisation;
  const error = firstError(
    requireAdministrator(may, command, 'add an organisation'),
    requireWellFormed(o),
    ID.test(o.id) ? undefined : invalid('id', 'id: letters, digits, dots, dashes and underscores (up to 80)'),
  );
  if (error) return error;
  if (byId(state, o.id)) return conflict('ORGANISATION.ID_TAKEN', `the id ${o.id} is taken`, { orgId: o.id });
  const newRegion = !state.regions.includes(o.regionId);
  const placed = firstError(
    newRegion ? requireNewRegion(state, o) : undefined,
    requireParent(state, o.parentId),
    o.parentId !== undefined ? openParent(state, o.parentId) : undefined,
  );
  if (placed) return placed;
  if (!newRegion && o.role !== 'PartyLeadership' && !hasPartyUnit(state, o.regionId))
    return validation('ORGANISATION.REGION_NEEDS_PARTY_UNIT', `the region ${o.regionId} has no party committee`, {
      regionId: o.regionId,
    });
  const base = eventBase(command);
  return [
    ...(newRegion ? [{ type: 'RegionAdded', data: { ...base, regionId: o.regionId } } as const] : []),
    { type: 'OrganisationAdded', data: { ...base, organisation: clean(o) } },
  ];
};

const openParent = (state: OrganisationDirectoryState, parentId: string): DomainError | undefined => {
  const parent = open(state, parentId);
  return parent instanceof DomainError ? parent : undefined;
};

const decideRename = (
  may: MayAdministerOrganisations,
  command: RenameOrganisation,
  state: OrganisationDirectoryState,
): Decision<OrganisationEvent> => {
  const error = firstError(
    requireAdministrator(may, command, 'rename an organisation'),
    requireName(command.nameZh, 'nameZh'),
    requireName(command.nameEn, 'nameEn'),
  );
  if (error) return error;
  const org = existing(state, command.orgId);
  if (org instanceof DomainError) return org;
  const to = { zh: command.nameZh.trim(), en: command.nameEn.trim() };
  if (to.zh === org.nameZh && to.en === org.nameEn) return [];
  return [
    {
      type: 'OrganisationRenamed',
      data: { ...eventBase(command), orgId: org.id, from: { zh: org.nameZh, en: org.nameEn }, to },
    },
  ];
};

/** Whether `ancestorId` is `orgId` or above it: a parent may not be the organisation or one of its own units. */
const isWithin = (state: OrganisationDirectoryState, orgId: string, ancestorId: string): boolean => {
  for (
    let id: string | undefined = ancestorId, hops = 0;
    id !== undefined && hops <= state.organisations.length;
    hops++
  ) {
    if (id === orgId) return true;
    id = byId(state, id)?.parentId;
  }
  return false;
};

const decideMove = (
  may: MayAdministerOrganisations,
  command: MoveOrganisation,
  state: OrganisationDirectoryState,
): Decision<OrganisationEvent> => {
  const error = requireAdministrator(may, command, 'move an organisation');
  if (error) return error;
  const org = open(state, command.orgId);
  if (org instanceof DomainError) return org;
  const to = {
    regionId: command.regionId ?? org.regionId,
    ...((command.parentId ?? org.parentId) !== undefined ? { parentId: command.parentId ?? org.parentId } : {}),
  };
  if (command.regionId !== undefined && !state.regions.includes(command.regionId))
    return validation('ORGANISATION.UNKNOWN_REGION', `no region ${command.regionId}`, { regionId: command.regionId });
  const placed = firstError(
    requireParent(state, command.parentId),
    command.parentId !== undefined ? openParent(state, command.parentId) : undefined,
  );
  if (placed) return placed;
  if (command.parentId !== undefined && isWithin(state, org.id, command.parentId))
    return validation('ORGANISATION.PARENT_CYCLE', `${command.parentId} is ${org.id} or one of its units`, {
      parentId: command.parentId,
    });
  if (to.regionId === org.regionId && to.parentId === org.parentId) return [];
  return [
    {
      type: 'OrganisationMoved',
      data: {
        ...eventBase(command),
        orgId: org.id,
        from: { regionId: org.regionId, ...(org.parentId !== undefined ? { parentId: org.parentId } : {}) },
        to,
      },
    },
  ];
};

const decideClose = (
  may: MayAdministerOrganisations,
  command: CloseOrganisation,
  state: OrganisationDirectoryState,
): Decision<OrganisationEvent> => {
  const error = firstError(
    requireAdministrator(may, command, 'close an organisation'),
    command.reason !== undefined && (typeof command.reason !== 'string' || command.reason.length > 500)
      ? invalid('reason', 'reason: up to 500 characters')
      : undefined,
  );
  if (error) return error;
  const org = open(state, command.orgId);
  if (org instanceof DomainError) return org;
  if (
    org.role === 'Administrator' &&
    !state.organisations.some((o) => o.role === 'Administrator' && o !== org && !o.closedAt)
  )
    return conflict('ORGANISATION.LAST_ADMINISTRATION', 'the last system-administration unit stays open', {
      orgId: org.id,
    });
  return [
    {
      type: 'OrganisationClosed',
      data: { ...eventBase(command), orgId: org.id, ...(command.reason ? { reason: command.reason } : {}) },
    },
  ];
};

/** The directory's decider; `may` is the application's ORGANISATION_ADMINISTRATOR_ROLES check. */
export const createOrganisationDecider = (
  may: MayAdministerOrganisations,
): Decider<OrganisationCommand, OrganisationDirectoryState, OrganisationEvent> => ({
  decide: (command, state) => {
    switch (command.type) {
      case 'SeedOrganisations':
        return decideSeed(command, state);
      case 'AddOrganisation':
        return decideAdd(may, command, state);
      case 'RenameOrganisation':
        return decideRename(may, command, state);
      case 'MoveOrganisation':
        return decideMove(may, command, state);
      case 'CloseOrganisation':
        return decideClose(may, command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveOrganisations,
  initialState: () => ({ organisations: [], regions: [] }),
});
