import { Actor, ROLES, Role, hiddenPartsFor } from '@xj/domain';
import { CLUE_LEDGER_FIELDS } from './case-document-fields';
import {
  ReadModelAccessDenied,
  accessFilter,
  documentView,
  queryField,
  readView,
  statisticsFilters,
  visibleCasesFilter,
} from './read-access';

const actor = (role: Role, orgId = 'org', regionId = 'panjin/dawa'): Actor => ({
  userId: 'u',
  role,
  position: 'Head',
  orgId,
  regionId,
});
const DAWA_REGION = { $or: [{ regionId: 'panjin/dawa' }, { regionId: { $regex: '^panjin/dawa/' } }] };
/** 抄送: the cases copied to the reader's organisation, beside what its cell shows. */
const orCopied = (cell: object, orgId = 'org') => ({ $or: [cell, { copiedTo: orgId }] });
/** 机密: a classified referral only for its 知悉范围 (handlers; heads of the owner, the holder, a recipient). */
const SECRECY = (orgId = 'org', head = true) => ({
  $or: [
    { 'package.secrecyLevel': { $nin: ['Secret'] } },
    { handlers: `${orgId}#u` },
    ...(head ? [{ ownerOrgId: orgId }, { holderOrgId: orgId }, { copiedTo: orgId }] : []),
  ],
});

/**
 * The filters generated from the domain's rule table keep the shapes MongoDB serves from the read
 * models' indexes (visibleTo, agencyOrgId, regionId with status). Whether they select the right
 * documents is the property spec's (read-access.property.spec.ts).
 */
describe('read-access — filters generated from the case visibility table', () => {
  it.each([['RuleOfLawOffice'], ['JusticeBureau'], ['PartyLeadership']] as [Role][])(
    '%s: its region and below, in every case read model',
    (role) => {
      expect(visibleCasesFilter(actor(role), 'inbox')).toEqual({ $and: [orCopied(DAWA_REGION), SECRECY()] });
      expect(visibleCasesFilter(actor(role), 'clue-ledger')).toEqual(orCopied(DAWA_REGION));
      expect(visibleCasesFilter(actor(role), 'rectification-ledger')).toEqual(DAWA_REGION);
      expect(accessFilter(actor(role), 'corrected-cases')).toEqual(DAWA_REGION);
    },
  );

  it('an auditor: everything', () => {
    for (const view of ['inbox', 'clue-ledger', 'rectification-ledger', 'corrected-cases'] as const)
      expect(accessFilter(actor('Auditor'), view)).toEqual({});
  });

  it.each([['DisciplineCommission'], ['AppointingAuthority']] as [Role][])(
    '%s: the indexed visibleTo first, then exactly target, holder or forwarded-to',
    (role) => {
      const cell = {
        visibleTo: 'dawa.ccdi',
        $or: [{ targetOrgId: 'dawa.ccdi' }, { holderOrgId: 'dawa.ccdi' }, { 'forwardings.toOrgId': 'dawa.ccdi' }],
      };
      expect(visibleCasesFilter(actor(role, 'dawa.ccdi'), 'inbox')).toEqual({
        $and: [orCopied(cell, 'dawa.ccdi'), SECRECY('dawa.ccdi')],
      });
      expect(Object.keys(cell)[0]).toBe('visibleTo');
      // Of the clues: a commission only those whose instrument was copied to it; the 组织部 the
      // 行政不作为 clues of its region (seed 004), field-restricted.
      expect(visibleCasesFilter(actor(role, 'dawa.ccdi'), 'clue-ledger')).toEqual(
        role === 'DisciplineCommission'
          ? { copiedTo: 'dawa.ccdi' }
          : { ...DAWA_REGION, category: { $in: ['Inaction'] } },
      );
    },
  );

  it('an agency: its own clues from the supervision instrument on, and its own items', () => {
    const agency = actor('EnforcementAgency', 'dawa.emergency');
    // A copy of another agency's clue opens nothing to it: its clue view is cut to the supervised party.
    expect(visibleCasesFilter(agency, 'clue-ledger')).toEqual({
      agencyOrgId: 'dawa.emergency',
      status: { $in: ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'] },
    });
    expect(visibleCasesFilter(agency, 'rectification-ledger')).toEqual({ agencyOrgId: 'dawa.emergency' });
    // Never a referral, unless one was copied to it.
    expect(visibleCasesFilter(agency, 'inbox')).toEqual({
      $and: [{ copiedTo: 'dawa.emergency' }, SECRECY('dawa.emergency')],
    });
  });

  it.each([
    ['EnforcementAgency', ['corrected-cases']],
    ['DisciplineCommission', ['rectification-ledger', 'corrected-cases']],
    ['AppointingAuthority', ['rectification-ledger', 'corrected-cases']],
    ['Administrator', ['inbox', 'clue-ledger', 'rectification-ledger', 'corrected-cases']],
  ] as [Role, ('inbox' | 'clue-ledger' | 'rectification-ledger' | 'corrected-cases')[]][])(
    '%s may not use %j at all',
    (role, views) => {
      for (const view of views) expect(() => accessFilter(actor(role), view)).toThrow(ReadModelAccessDenied);
    },
  );

  it('statistics: the same filters for the roles given statistics, none for agencies and administrators', () => {
    expect(statisticsFilters(actor('DisciplineCommission', 'dawa.ccdi'))).toEqual({
      inbox: visibleCasesFilter(actor('DisciplineCommission', 'dawa.ccdi'), 'inbox'),
      'clue-ledger': { copiedTo: 'dawa.ccdi' },
      'rectification-ledger': undefined,
    });
    expect(() => statisticsFilters(actor('EnforcementAgency'))).toThrow(ReadModelAccessDenied);
    expect(() => statisticsFilters(actor('Administrator'))).toThrow(ReadModelAccessDenied);
  });
});

describe('read-access — 抄送 and 机密 in the generated filters (issue 17 item 8)', () => {
  it('a staff member reads a 机密 referral only as a named handler; the heads of the organisations working on it always', () => {
    const staff = { ...actor('DisciplineCommission', 'dawa.ccdi'), position: 'Staff' as const };
    const filter = visibleCasesFilter(staff, 'inbox') as { $and: object[] };
    expect(filter.$and[1]).toEqual(SECRECY('dawa.ccdi', false));
  });

  it('the auditor is never restricted; the administrator reads no copy', () => {
    expect(visibleCasesFilter(actor('Auditor'), 'inbox')).toEqual({});
    expect(() => accessFilter(actor('Administrator', 'panjin.it'), 'inbox')).toThrow(ReadModelAccessDenied);
  });
});

describe("read-access — the agency's field-restricted clue ledger", () => {
  const AGENCY = actor('EnforcementAgency', 'dawa.emergency');
  const STAND_INS = ['agencyEscalations', 'agencyItems', 'agencyNextDueOn', 'agencyRectification', 'agencyUpdatedAt'];

  it('leaves out what its clue view hides: the analysis, the referrals, the transfer deadline, the owning office, the receipt and the escalations aimed at others', () => {
    expect([...documentView(AGENCY, 'clue-ledger').hidden].sort()).toEqual(
      [
        'category',
        'dismissalReason',
        'matchedCodes',
        'referrals',
        'situationCodes',
        'summary',
        'transferDueMark',
        'transferDueNonWorkingDay',
        'transferDueOn',
        'transferDueProvisional',
        'transferredAt',
        'ownerOrgId',
        'imported',
        'ledgerNo',
        'importedStatusOn',
        'receivedAt',
        'receivedOn',
        'registeredAt',
        'escalations',
        'nextDueOn',
        'updatedAt',
        ...STAND_INS,
      ].sort(),
    );
  });

  it('reads its due date, escalations, items and update time from its own stand-ins, in filters and sorts too', () => {
    const view = documentView(AGENCY, 'clue-ledger');
    expect(view.readFrom).toEqual({
      nextDueOn: 'agencyNextDueOn',
      escalations: 'agencyEscalations',
      updatedAt: 'agencyUpdatedAt',
      items: 'agencyItems',
      rectification: 'agencyRectification',
    });
    expect([queryField(view, 'nextDueOn'), queryField(view, 'updatedAt'), queryField(view, 'status')]).toEqual([
      'agencyNextDueOn',
      'agencyUpdatedAt',
      'status',
    ]);
    for (const hidden of ['receivedAt', 'summary', 'situationCodes', 'transferredAt', 'agencyNextDueOn'])
      expect(() => queryField(view, hidden)).toThrow(ReadModelAccessDenied);
  });

  it('reads a line as its view: hidden fields out, stand-ins in place under the names they stand for', () => {
    const doc = {
      clueId: 'k1',
      ownerOrgId: 'office',
      escalations: 3,
      nextDueOn: '2026-03-24',
      status: 'Rectification',
      agencyEscalations: 1,
      agencyNextDueOn: '2026-05-06',
    };
    expect(readView(doc, documentView(AGENCY, 'clue-ledger'))).toEqual({
      clueId: 'k1',
      escalations: 1,
      nextDueOn: '2026-05-06',
      status: 'Rectification',
    });
    expect(Object.keys(readView(doc, documentView(AGENCY, 'clue-ledger')))).toEqual([
      'clueId',
      'escalations',
      'nextDueOn',
      'status',
    ]);
    // A due date only the office has (the transfer deadline) is no due date to the agency.
    expect(readView({ clueId: 'k1', nextDueOn: '2026-03-24' }, documentView(AGENCY, 'clue-ledger'))).toEqual({
      clueId: 'k1',
    });
  });

  it('spares every other reader the stand-ins and nothing else, and leaves the other read models whole', () => {
    for (const role of ROLES.filter((r) => r !== 'EnforcementAgency' && r !== 'AppointingAuthority')) {
      const view = documentView(actor(role), 'clue-ledger');
      expect([role, [...view.hidden].sort(), view.readFrom]).toEqual([role, STAND_INS, {}]);
      expect(queryField(view, 'receivedAt')).toBe('receivedAt');
      expect(() => queryField(view, 'agencyNextDueOn')).toThrow(ReadModelAccessDenied);
    }
    expect(documentView(AGENCY, 'rectification-ledger')).toMatchObject({ hidden: [], readFrom: {} });
  });

  it('decides, for every clue field the domain hides from the agency or the 组织部, which ledger fields go with it', () => {
    const hiddenInDomain = (['EnforcementAgency', 'AppointingAuthority'] as const).flatMap((role) =>
      Object.entries(hiddenPartsFor(actor(role), 'clue')?.fields ?? {})
        .filter(([, sight]) => sight !== 'shown')
        .map(([field]) => field),
    );
    expect(Object.keys(CLUE_LEDGER_FIELDS.hiddenWith ?? {}).sort()).toEqual([...new Set(hiddenInDomain)].sort());
  });

  it("gives the 组织部 its own restricted view: the unit, dates, category and supervision; none of the agency's stand-ins", () => {
    const view = documentView(actor('AppointingAuthority', 'panjin.org-dept', 'panjin'), 'clue-ledger');
    expect(view.readFrom).toEqual({});
    for (const field of ['summary', 'situationCodes', 'referrals', 'items', 'escalations', 'sourceRef', ...STAND_INS])
      expect([field, view.hidden.includes(field)]).toEqual([field, true]);
    for (const field of ['agencyOrgId', 'agencyName', 'receivedAt', 'category', 'status', 'instrument', 'closedAt'])
      expect([field, view.hidden.includes(field)]).toEqual([field, false]);
  });
});
