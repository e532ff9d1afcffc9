import { Actor, Role, canSeeAccountabilityCase, createAccountabilityDecider, fold } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import {
  ACCOUNTABILITY_CASES,
  ACCOUNTABILITY_LEDGER,
  accountabilityLedgerProjection,
} from './accountability-ledger.projection';
import { visibleCasesFilter } from './read-access';

/*
 * The 追责问责台账 filter is generated from the domain's visibility table (read-access.ts): for every
 * reader, the lines it lists are exactly the cases the per-case check lets it open (issue 17).
 */
const actor = (role: Role, orgId: string, regionId: string): Actor => ({
  userId: `u-${orgId}`,
  role,
  position: 'Head',
  orgId,
  regionId,
});
const CASES = [
  { id: 'a1', regionId: 'panjin/dawa', decidingOrgId: 'dawa.emergency', role: 'EnforcementAgency' as const },
  { id: 'a2', regionId: 'panjin/dawa', decidingOrgId: 'panjin.justice', role: 'JusticeBureau' as const },
  { id: 'a3', regionId: 'panjin/panshan', decidingOrgId: 'panshan.justice', role: 'JusticeBureau' as const },
  { id: 'a4', regionId: 'panjin', decidingOrgId: 'panjin.urban-mgmt', role: 'EnforcementAgency' as const },
  { id: 'a5', regionId: 'panjin/dawax', decidingOrgId: 'dawax.justice', role: 'JusticeBureau' as const },
];
const READERS = [
  actor('EnforcementAgency', 'dawa.emergency', 'panjin/dawa'),
  actor('EnforcementAgency', 'dawa.housing', 'panjin/dawa'),
  actor('EnforcementAgency', 'panjin.urban-mgmt', 'panjin'),
  actor('RuleOfLawOffice', 'dawa.rol-office', 'panjin/dawa'),
  actor('RuleOfLawOffice', 'panjin.rol-office', 'panjin'),
  actor('JusticeBureau', 'panshan.justice', 'panjin/panshan'),
  actor('PartyLeadership', 'panjin.party', 'panjin'),
  actor('DisciplineCommission', 'dawa.ccdi', 'panjin/dawa'),
  actor('AppointingAuthority', 'panjin.org-dept', 'panjin'),
  actor('Auditor', 'panjin.audit', 'panjin'),
  actor('Administrator', 'panjin.it', 'panjin'),
];

describe('the accountability ledger lists exactly the cases its reader may open (issue 17)', () => {
  const log = new EventLog();
  const decider = createAccountabilityDecider();
  const states = new Map<string, ReturnType<typeof decider.initialState>>();
  for (const c of CASES) {
    const opened = {
      type: 'AccountabilityCaseOpened' as const,
      data: {
        at: '2026-12-01T10:00:00+08:00',
        by: { userId: `u-${c.decidingOrgId}`, role: c.role, orgId: c.decidingOrgId },
        accountabilityId: c.id,
        accountabilityType: 'EnforcementFault' as const,
        regionId: c.regionId,
        decidingOrgId: c.decidingOrgId,
        decidingOrgRole: c.role,
        decidingOrgRegionId: c.regionId,
        summary: '执法过错',
        openedOn: '2026-11-02',
      },
    };
    log.append(`accountability-${c.id}`, [opened]);
    states.set(c.id, fold(decider, [opened]));
  }

  it.each(READERS.map((r) => [`${r.role} ${r.orgId}`, r] as const))('%s', async (_label, reader) => {
    const store = new InMemoryReadModelStore().load(
      ACCOUNTABILITY_LEDGER,
      await foldProjection(accountabilityLedgerProjection, log.events),
    );
    const filter = visibleCasesFilter(reader, 'accountability-ledger');
    const listed =
      filter === undefined
        ? []
        : (await store.find(ACCOUNTABILITY_LEDGER, ACCOUNTABILITY_CASES, { filter })).items.map((d) =>
            String(d['accountabilityId']),
          );
    const openable = CASES.filter((c) => canSeeAccountabilityCase(reader, states.get(c.id)!)).map((c) => c.id);
    expect(listed.sort()).toEqual(openable.sort());
  });

  it('the deciding agency reads its own case and no other; the commission none', () => {
    const [ownAgency, otherAgency] = READERS;
    expect(CASES.filter((c) => canSeeAccountabilityCase(ownAgency!, states.get(c.id)!)).map((c) => c.id)).toEqual([
      'a1',
    ]);
    expect(CASES.some((c) => canSeeAccountabilityCase(otherAgency!, states.get(c.id)!))).toBe(false);
    expect(visibleCasesFilter(READERS[7]!, 'accountability-ledger')).toBeUndefined();
  });
});
