import fc from 'fast-check';
import { Query } from 'mingo';
import {
  Actor,
  ESCALATION_TYPES,
  OrgEscalationEvent,
  OrganisationRef,
  RaiseOrganisationEscalation,
  Role,
  ROLES,
  canSeeOrgEscalation,
  createDomainConfig,
  createOrgEscalationDecider,
  isDomainError,
} from '@xj/domain';
import { EventLog, foldProjection, inMemoryEventStore, projectionSpec } from '@xj/testing';
import { noNames } from '../audit/event-description';
import { orgEscalationsFilter } from './org-escalation-access';
import { ORG_ESCALATION_DESCRIBERS } from './org-escalation.describers';
import { ESCALATIONS, orgEscalationsProjection, regionsAbove } from './org-escalations.projection';
import { OrgEscalations } from './org-escalations.service';

const config = createDomainConfig();
const decider = createOrgEscalationDecider(config);
const AT = '2026-09-01T10:00:00+08:00';

const cityOffice: Actor = {
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const dawaOffice: OrganisationRef = { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin/dawa' };

const raise = (over: Partial<RaiseOrganisationEscalation> = {}): RaiseOrganisationEscalation => ({
  type: 'RaiseOrganisationEscalation',
  actor: cityOffice,
  at: AT,
  escalationId: 'oe-1',
  escalationType: 'Interview',
  reason: '全年零移送',
  targetOrgId: dawaOffice.orgId,
  target: dawaOffice,
  ...over,
});

const eventsOf = (command: RaiseOrganisationEscalation): OrgEscalationEvent[] => {
  const decision = decider.decide(command, decider.initialState());
  if (isDomainError(decision)) throw new Error(decision.code);
  return [...decision];
};

describe('the org-escalations read model', () => {
  it('lists one document per escalation with the target’s regions upwards', async () => {
    const log = new EventLog();
    log.append('orgescalation-oe-1', eventsOf(raise({ escalationType: 'OrderPerformance', performBy: '2026-10-09' })));
    await projectionSpec(orgEscalationsProjection)
      .given(log.events)
      .then(
        { collection: ESCALATIONS, id: 'oe-1' },
        {
          escalationId: 'oe-1',
          escalationType: 'OrderPerformance',
          reason: '全年零移送',
          targetOrgId: 'dawa.rol-office',
          targetRole: 'RuleOfLawOffice',
          targetRegionId: 'panjin/dawa',
          targetRegions: ['panjin', 'panjin/dawa'],
          raisedByOrgId: 'panjin.rol-office',
          raisedByUserId: 'u-office',
          raisedByRole: 'RuleOfLawOffice',
          raisedByRegionId: 'panjin',
          raisedAt: AT,
          deadline: {
            rule: 'SupervisionDecisionExecution',
            from: '2026-09-01',
            amount: 0,
            unit: 'Days',
            dueOn: '2026-10-09',
          },
        },
      );
  });

  it('run twice changes nothing', async () => {
    const log = new EventLog();
    log.append('orgescalation-oe-1', eventsOf(raise()));
    log.append('orgescalation-oe-2', eventsOf(raise({ escalationId: 'oe-2', escalationType: 'InquiryLetter' })));
    await projectionSpec(orgEscalationsProjection).given(log.events).thenReplayChangesNothing();
  });

  it('reads no case stream', async () => {
    const log = new EventLog();
    log.append('clue-c1', [
      {
        type: 'EscalationRaised',
        data: { at: AT, by: cityOffice, escalationId: 'e', escalationType: 'Interview', reason: 'r', targetOrgId: 'x' },
      },
    ]);
    expect((await foldProjection(orgEscalationsProjection, log.events)).size).toBe(0);
  });

  it('regionsAbove covers exactly the regions whose organisations may supervise the target', () => {
    expect(regionsAbove('panjin')).toEqual(['panjin']);
    expect(regionsAbove('panjin/dawa/rongxing')).toEqual(['panjin', 'panjin/dawa', 'panjin/dawa/rongxing']);
  });
});

describe('history lines (zh + en)', () => {
  it('say who escalated against whom, and leave the reason out', () => {
    const [event] = eventsOf(raise({ escalationType: 'OrderPerformance', performBy: '2026-10-09' }));
    if (!event) throw new Error('no event');
    const line = ORG_ESCALATION_DESCRIBERS.OrganisationEscalationRaised(event.data, {
      orgName: (id) =>
        id === 'dawa.rol-office' ? { zh: '大洼区委法治建设办', en: 'Dawa Rule-of-Law Office' } : undefined,
    });
    expect(line).toEqual({
      zh: 'panjin.rol-office 对 大洼区委法治建设办 责令限期履行（单位督办，不涉具体案件），限期 2026-10-09',
      en: 'panjin.rol-office raised an order to perform by a deadline against Dawa Rule-of-Law Office (against the organisation, no case), perform by 2026-10-09',
    });
    expect(JSON.stringify(line)).not.toContain('全年零移送');
  });
});

describe('reading one escalation (GET /api/v1/escalations/{id})', () => {
  it('shows it to the target and the raiser, with its ladder level and history; to others it is missing', async () => {
    const service = new OrgEscalations(inMemoryEventStore(), config, noNames);
    await service.raise(raise(), { commandId: 'cmd-1', correlationId: 'cmd-1' });
    const target: Actor = { ...cityOffice, userId: 'u-dawa', orgId: 'dawa.rol-office', regionId: 'panjin/dawa' };
    const view = await service.read(target, 'oe-1');
    expect(view).toMatchObject({ escalationId: 'oe-1', ladderLevel: 4, revision: '0', targetOrgId: 'dawa.rol-office' });
    expect(view?.history.map((h) => h.type)).toEqual(['OrganisationEscalationRaised']);
    expect(await service.read(cityOffice, 'oe-1')).toBeDefined();
    const sibling: Actor = { ...target, orgId: 'panshan.rol-office', regionId: 'panjin/panshan' };
    expect(await service.read(sibling, 'oe-1')).toBeUndefined();
    expect(await service.read(target, 'oe-missing')).toBeUndefined();
  });
});

/**
 * One rule, two evaluations: for generated escalations and actors, the domain's check (what GET
 * /escalations/{id} answers) and the read-model filter (what the list returns, evaluated with
 * mingo as the embedded store does) agree exactly.
 */
describe('the list filter is the visibility rule', () => {
  const REGIONS = ['panjin', 'panjin/dawa', 'panjin/dawa/rongxing', 'panjin/panshan', 'panjin/dawax', 'dalian'];
  const ORGS = ['a', 'b', 'c'];
  const org = fc.record({
    orgId: fc.constantFrom(...ORGS),
    role: fc.constantFrom<Role>(...ROLES),
    regionId: fc.constantFrom(...REGIONS),
  });

  it('agrees with canSeeOrgEscalation on generated escalations and actors', async () => {
    await fc.assert(
      fc.asyncProperty(
        org,
        org,
        org,
        fc.constantFrom(...ESCALATION_TYPES),
        async (target, raiser, viewer, escalationType) => {
          const log = new EventLog();
          const raisedBy = { userId: 'u', role: raiser.role, orgId: raiser.orgId };
          log.append('orgescalation-x', [
            {
              type: 'OrganisationEscalationRaised',
              data: {
                at: AT,
                by: raisedBy,
                escalationId: 'x',
                escalationType,
                reason: 'r',
                targetOrgId: target.orgId,
                targetRole: target.role,
                targetRegionId: target.regionId,
                raisedByRegionId: raiser.regionId,
              },
            },
          ]);
          const doc = (await foldProjection(orgEscalationsProjection, log.events)).get(`${ESCALATIONS}/x`);
          const actor: Actor = { userId: 'v', position: 'Staff', ...viewer };
          const filter = orgEscalationsFilter(actor);
          const listed = filter !== undefined && new Query(filter).test(doc as object);
          expect(listed).toBe(canSeeOrgEscalation(actor, { target, raisedByOrgId: raiser.orgId }));
        },
      ),
      { numRuns: 600 },
    );
  });
});
