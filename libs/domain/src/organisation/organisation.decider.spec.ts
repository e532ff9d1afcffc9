import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { createOrganisationDecider } from './organisation.decider';
import { organisationNameAt } from './organisation.state';
import { AddOrganisation, ORGANISATIONS_SYSTEM_USER_ID, Organisation, OrganisationEvent } from './organisation.events';

const admin: Actor = { userId: 'u-admin', role: 'Administrator', position: 'Staff', orgId: 'it', regionId: 'panjin' };
const office: Actor = {
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'rol',
  regionId: 'panjin',
};
const system: Actor = { ...admin, userId: ORGANISATIONS_SYSTEM_USER_ID };
const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-12-07T09:00:00.000Z';
const spec = deciderSpec(createOrganisationDecider((role) => role === 'Administrator'));

const by = { userId: 'u-admin', role: 'Administrator' as const, orgId: 'it' };
const city: Organisation = {
  id: 'panjin',
  nameZh: '盘锦市',
  nameEn: 'Panjin City',
  role: 'PartyLeadership',
  regionId: 'panjin',
};
const itUnit: Organisation = {
  id: 'it',
  nameZh: '系统管理',
  nameEn: 'System administration',
  role: 'Administrator',
  regionId: 'panjin',
  parentId: 'panjin',
};
const seeded: OrganisationEvent[] = [
  { type: 'RegionAdded', data: { at: T0, by: { ...by, userId: ORGANISATIONS_SYSTEM_USER_ID }, regionId: 'panjin' } },
  {
    type: 'OrganisationAdded',
    data: { at: T0, by: { ...by, userId: ORGANISATIONS_SYSTEM_USER_ID }, organisation: city },
  },
  {
    type: 'OrganisationAdded',
    data: { at: T0, by: { ...by, userId: ORGANISATIONS_SYSTEM_USER_ID }, organisation: itUnit },
  },
];
const add = (organisation: Organisation, actor: Actor = admin): AddOrganisation => ({
  type: 'AddOrganisation',
  actor,
  at: T1,
  organisation,
});
const county: Organisation = {
  id: 'xinqu',
  nameZh: '新区',
  nameEn: 'New District',
  role: 'PartyLeadership',
  regionId: 'panjin/xinqu',
  parentId: 'panjin',
};
const agency: Organisation = {
  id: 'xinqu.emergency',
  nameZh: '新区应急管理局',
  nameEn: 'New District Emergency Management Bureau',
  role: 'EnforcementAgency',
  regionId: 'panjin/xinqu',
  parentId: 'xinqu',
};
const withCounty: OrganisationEvent[] = [
  ...seeded,
  { type: 'RegionAdded', data: { at: T1, by, regionId: 'panjin/xinqu' } },
  { type: 'OrganisationAdded', data: { at: T1, by, organisation: county } },
  { type: 'OrganisationAdded', data: { at: T1, by, organisation: agency } },
];

describe('Organisations (组织机构管理) as maintained data', () => {
  describe('seeding from the file or the demo city', () => {
    it('records every region, then every organisation, by the system, on an empty stream', () => {
      spec
        .given([])
        .when({ type: 'SeedOrganisations', actor: system, at: T0, organisations: [city, itUnit] })
        .then(seeded);
    });

    it('decides nothing on a stream that holds the directory already (every start sends it)', () => {
      spec
        .given(seeded)
        .when({ type: 'SeedOrganisations', actor: system, at: T1, organisations: [city] })
        .then([]);
    });

    it('is the system’s alone', () => {
      spec
        .given([])
        .when({ type: 'SeedOrganisations', actor: admin, at: T0, organisations: [city] })
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });

    it('keeps the file’s checks: unique ids, known parents', () => {
      spec
        .given([])
        .when({ type: 'SeedOrganisations', actor: system, at: T0, organisations: [city, city] })
        .thenError('Conflict', 'ORGANISATION.ID_TAKEN');
      spec
        .given([])
        .when({ type: 'SeedOrganisations', actor: system, at: T0, organisations: [itUnit] })
        .thenError('Validation', 'ORGANISATION.UNKNOWN_PARENT');
    });
  });

  describe('adding', () => {
    it('adds a county: the region first, with its party committee', () => {
      spec
        .given(seeded)
        .when(add(county))
        .then([
          { type: 'RegionAdded', data: { at: T1, by, regionId: 'panjin/xinqu' } },
          { type: 'OrganisationAdded', data: { at: T1, by, organisation: county } },
        ]);
    });

    it('adds an agency to a county that has its party committee', () => {
      spec
        .given(withCounty.slice(0, 5))
        .when(add(agency))
        .then([{ type: 'OrganisationAdded', data: { at: T1, by, organisation: agency } }]);
    });

    it('refuses a new region that does not begin with its party committee', () => {
      spec.given(seeded).when(add(agency)).thenError('Validation', 'ORGANISATION.REGION_NEEDS_PARTY_UNIT');
    });

    it('refuses a county under a city the directory does not know, and a region three deep', () => {
      spec
        .given(seeded)
        .when(add({ ...county, regionId: 'anshan/xinqu' }))
        .thenError('Validation', 'ORGANISATION.UNKNOWN_REGION');
      spec
        .given(seeded)
        .when(add({ ...county, regionId: 'panjin/xinqu/town' }))
        .thenError('Validation', 'ORGANISATION.INVALID');
    });

    it('refuses a taken id, an unknown parent, an unknown role or level, an empty name', () => {
      spec.given(withCounty).when(add(agency)).thenError('Conflict', 'ORGANISATION.ID_TAKEN');
      spec
        .given(withCounty)
        .when(add({ ...agency, id: 'xinqu.housing', parentId: 'nowhere' }))
        .thenError('Validation', 'ORGANISATION.UNKNOWN_PARENT');
      for (const bad of [
        { role: 'Mayor' as never },
        { level: 'Township' as never },
        { nameZh: '  ' },
        { id: 'has space' },
      ])
        spec
          .given(withCounty)
          .when(add({ ...agency, id: 'xinqu.housing', ...bad }))
          .thenError('Validation', 'ORGANISATION.INVALID');
    });

    it('is the administrator’s alone', () => {
      spec.given(seeded).when(add(county, office)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });
  });

  describe('renaming, moving, closing', () => {
    it('renames from what to what, and keeps every name with the time it was given', () => {
      const state = spec
        .given(withCounty)
        .when({
          type: 'RenameOrganisation',
          actor: admin,
          at: '2026-12-08T00:00:00.000Z',
          orgId: agency.id,
          nameZh: '新区应急局',
          nameEn: 'New District Emergency Bureau',
        })
        .thenState();
      const entry = state.organisations.find((o) => o.id === agency.id);
      expect(entry?.nameZh).toBe('新区应急局');
      expect(entry && organisationNameAt(entry, '2026-12-07T12:00:00.000Z')?.zh).toBe('新区应急管理局');
      expect(entry && organisationNameAt(entry, '2026-12-08T00:00:01.000Z')?.zh).toBe('新区应急局');
      // Before the organisation was recorded at all (a case older than the seed): its first name.
      expect(entry && organisationNameAt(entry, '2020-01-01T00:00:00.000Z')?.zh).toBe('新区应急管理局');
    });

    it('decides nothing for the same names, refuses an unknown organisation', () => {
      spec
        .given(withCounty)
        .when({
          type: 'RenameOrganisation',
          actor: admin,
          at: T1,
          orgId: agency.id,
          nameZh: agency.nameZh,
          nameEn: agency.nameEn,
        })
        .then([]);
      spec
        .given(withCounty)
        .when({ type: 'RenameOrganisation', actor: admin, at: T1, orgId: 'nowhere', nameZh: 'x', nameEn: 'x' })
        .thenError('NotFound', 'ORGANISATION.NOT_FOUND');
    });

    it('moves to a new parent, from what to what; never under itself or one of its units', () => {
      spec
        .given(withCounty)
        .when({ type: 'MoveOrganisation', actor: admin, at: T1, orgId: agency.id, parentId: 'panjin' })
        .then([
          {
            type: 'OrganisationMoved',
            data: {
              at: T1,
              by,
              orgId: agency.id,
              from: { regionId: 'panjin/xinqu', parentId: 'xinqu' },
              to: { regionId: 'panjin/xinqu', parentId: 'panjin' },
            },
          },
        ]);
      spec
        .given(withCounty)
        .when({ type: 'MoveOrganisation', actor: admin, at: T1, orgId: 'xinqu', parentId: agency.id })
        .thenError('Validation', 'ORGANISATION.PARENT_CYCLE');
      spec
        .given(withCounty)
        .when({ type: 'MoveOrganisation', actor: admin, at: T1, orgId: agency.id, regionId: 'panjin/elsewhere' })
        .thenError('Validation', 'ORGANISATION.UNKNOWN_REGION');
    });

    it('closes once; a closed organisation takes no new unit and is not moved', () => {
      const closed: OrganisationEvent[] = [
        ...withCounty,
        { type: 'OrganisationClosed', data: { at: T1, by, orgId: agency.id, reason: '机构改革' } },
      ];
      spec
        .given(withCounty)
        .when({ type: 'CloseOrganisation', actor: admin, at: T1, orgId: agency.id, reason: '机构改革' })
        .then([closed[closed.length - 1] as OrganisationEvent]);
      spec
        .given(closed)
        .when({ type: 'CloseOrganisation', actor: admin, at: T1, orgId: agency.id })
        .thenError('Conflict', 'ORGANISATION.CLOSED');
      spec
        .given(closed)
        .when(add({ ...agency, id: 'xinqu.emergency.unit', parentId: agency.id }))
        .thenError('Conflict', 'ORGANISATION.CLOSED');
      spec
        .given(closed)
        .when({ type: 'MoveOrganisation', actor: admin, at: T1, orgId: agency.id, parentId: 'panjin' })
        .thenError('Conflict', 'ORGANISATION.CLOSED');
    });

    it('keeps the last system-administration unit open', () => {
      spec
        .given(seeded)
        .when({ type: 'CloseOrganisation', actor: admin, at: T1, orgId: 'it' })
        .thenError('Conflict', 'ORGANISATION.LAST_ADMINISTRATION');
    });
  });
});
