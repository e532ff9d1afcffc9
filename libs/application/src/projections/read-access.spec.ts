import { Actor, ROLES, Role, hiddenPartsFor } from '@xj/domain';
import { CLUE_LEDGER_FIELDS } from './case-document-fields';
import { ReadModelAccessDenied, accessFilter, hiddenDocumentFields, statisticsFilters, visibleCasesFilter } from './read-access';

const actor = (role: Role, orgId = 'org', regionId = 'panjin/dawa'): Actor => ({ userId: 'u', role, position: 'Head', orgId, regionId });
const DAWA_REGION = { $or: [{ regionId: 'panjin/dawa' }, { regionId: { $regex: '^panjin/dawa/' } }] };

/**
 * The filters generated from the domain's rule table keep the shapes MongoDB serves from the read
 * models' indexes (visibleTo, agencyOrgId, regionId with status). Whether they select the right
 * documents is the property spec's (read-access.property.spec.ts).
 */
describe('read-access — filters generated from the case visibility table', () => {
  it.each([['RuleOfLawOffice'], ['JusticeBureau'], ['PartyLeadership']] as [Role][])('%s: its region and below, in every case read model', (role) => {
    for (const model of ['inbox', 'clue-ledger', 'rectification-ledger'] as const) expect(visibleCasesFilter(actor(role), model)).toEqual(DAWA_REGION);
    expect(accessFilter(actor(role), 'corrected-cases')).toEqual(DAWA_REGION);
  });

  it('an auditor: everything', () => {
    for (const view of ['inbox', 'clue-ledger', 'rectification-ledger', 'corrected-cases'] as const) expect(accessFilter(actor('Auditor'), view)).toEqual({});
  });

  it.each([['DisciplineCommission'], ['AppointingAuthority']] as [Role][])('%s: the indexed visibleTo first, then exactly target, holder or forwarded-to', (role) => {
    expect(visibleCasesFilter(actor(role, 'dawa.ccdi'), 'inbox')).toEqual({
      visibleTo: 'dawa.ccdi',
      $or: [{ targetOrgId: 'dawa.ccdi' }, { holderOrgId: 'dawa.ccdi' }, { 'forwardings.toOrgId': 'dawa.ccdi' }],
    });
    expect(Object.keys(visibleCasesFilter(actor(role, 'dawa.ccdi'), 'inbox') ?? {})[0]).toBe('visibleTo');
  });

  it('an agency: its own clues from the supervision instrument on, and its own items', () => {
    const agency = actor('EnforcementAgency', 'dawa.emergency');
    expect(visibleCasesFilter(agency, 'clue-ledger')).toEqual({
      agencyOrgId: 'dawa.emergency',
      status: { $in: ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'] },
    });
    expect(visibleCasesFilter(agency, 'rectification-ledger')).toEqual({ agencyOrgId: 'dawa.emergency' });
    expect(visibleCasesFilter(agency, 'inbox')).toBeUndefined();
  });

  it.each([
    ['EnforcementAgency', ['inbox', 'corrected-cases']],
    ['DisciplineCommission', ['clue-ledger', 'rectification-ledger', 'corrected-cases']],
    ['AppointingAuthority', ['clue-ledger', 'rectification-ledger', 'corrected-cases']],
    ['Administrator', ['inbox', 'clue-ledger', 'rectification-ledger', 'corrected-cases']],
  ] as [Role, ('inbox' | 'clue-ledger' | 'rectification-ledger' | 'corrected-cases')[]][])('%s may not use %j at all', (role, views) => {
    for (const view of views) expect(() => accessFilter(actor(role), view)).toThrow(ReadModelAccessDenied);
  });

  it('statistics: the same filters for the roles given statistics, none for agencies and administrators', () => {
    expect(statisticsFilters(actor('DisciplineCommission', 'dawa.ccdi'))).toEqual({
      inbox: visibleCasesFilter(actor('DisciplineCommission', 'dawa.ccdi'), 'inbox'),
      'clue-ledger': undefined,
      'rectification-ledger': undefined,
    });
    expect(() => statisticsFilters(actor('EnforcementAgency'))).toThrow(ReadModelAccessDenied);
    expect(() => statisticsFilters(actor('Administrator'))).toThrow(ReadModelAccessDenied);
  });
});

describe("read-access — the agency's field-restricted clue ledger", () => {
  it('leaves out the situations, the verification, the referrals and the transfer deadline (as before #14)', () => {
    expect([...hiddenDocumentFields(actor('EnforcementAgency'), 'clue-ledger')].sort()).toEqual(
      ['category', 'dismissalReason', 'matchedCodes', 'referrals', 'situationCodes', 'summary', 'transferDueOn'].sort(),
    );
  });

  it('leaves out nothing for every other reader, and nothing of the other read models', () => {
    for (const role of ROLES.filter((r) => r !== 'EnforcementAgency')) expect(hiddenDocumentFields(actor(role), 'clue-ledger')).toEqual([]);
    expect(hiddenDocumentFields(actor('EnforcementAgency'), 'rectification-ledger')).toEqual([]);
  });

  it('decides, for every clue field the domain hides from the agency, which ledger fields go with it', () => {
    const hiddenInDomain = Object.entries(hiddenPartsFor(actor('EnforcementAgency'), 'clue')?.fields ?? {}).filter(([, sight]) => sight !== 'shown').map(([field]) => field);
    expect(Object.keys(CLUE_LEDGER_FIELDS.hiddenWith ?? {}).sort()).toEqual(hiddenInDomain.sort());
  });
});
