import { createDomainConfig, createReferralDecider, fold } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACTORS, COUNTIES } from './case-world.fixtures-spec';
import { COMMISSION_INBOX, commissionInboxProjection } from './commission-inbox.projection';
import { PRE_BUSINESS_DATE_REFERRAL_LOG } from './pre-business-date-log.fixtures-spec';
import { StatisticsQueries } from './statistics.queries';

/**
 * Subjects stored before units existed (issue 17 item 8) carry no `kind`: they read back unchanged
 * and stay persons. The log's s2 has only a 监察建议, recorded when it could still go to a person: it
 * is neither held accountable (监察法 art. 52(5), issue 17 item 7) nor turned into a unit.
 */
describe('a referral log written before unit subjects', () => {
  const drafted = PRE_BUSINESS_DATE_REFERRAL_LOG.find((e) => e.type === 'ReferralDrafted')!;
  const storedSubjects = (drafted.data as { package: { subjects: unknown[] } }).package.subjects;

  it('stores subjects without kind, and folds and projects them unchanged', async () => {
    expect(storedSubjects.length).toBe(2);
    expect(storedSubjects.every((s) => !Object.hasOwn(s as object, 'kind'))).toBe(true);
    const state = fold(createReferralDecider(createDomainConfig()), PRE_BUSINESS_DATE_REFERRAL_LOG as never[]);
    expect((state as { package: { subjects: unknown } }).package.subjects).toEqual(storedSubjects);
    const log = new EventLog();
    for (const event of PRE_BUSINESS_DATE_REFERRAL_LOG) log.append(event.streamId, [event]);
    const docs = await foldProjection(commissionInboxProjection, log.events);
    const document = docs.get('inbox/R1') as { package: { subjects: unknown } } | undefined;
    expect(JSON.parse(JSON.stringify(document?.package.subjects))).toEqual(storedSubjects);
  });

  it('counts the old subjects as persons, none as a unit', async () => {
    const log = new EventLog();
    for (const event of PRE_BUSINESS_DATE_REFERRAL_LOG) log.append(event.streamId, [event]);
    const store = new InMemoryReadModelStore();
    store.load(COMMISSION_INBOX, await foldProjection(commissionInboxProjection, log.events));
    const queries = new StatisticsQueries(store, new FakeFreshness());
    const stats = await queries.compute(ACTORS.auditor, {
      counties: COUNTIES,
      organisationRegions: { 'panjin.rol-office': 'panjin' },
    });
    expect(stats.persons.total).toBe(1);
    expect(stats.persons.byOutcome).toEqual({ 'GovSanction.Demerit': 1, SupervisionRecommendation: 1 });
    expect(stats.units).toEqual({ total: 0, byOutcome: {} });
  });
});
