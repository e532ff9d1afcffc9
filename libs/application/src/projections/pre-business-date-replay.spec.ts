import { createDomainConfig, createReferralDecider, fold } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACTORS, COUNTIES } from './case-world.fixtures-spec';
import { COMMISSION_INBOX, commissionInboxProjection } from './commission-inbox.projection';
import {
  PRE_BUSINESS_DATE_INBOX_DOCUMENT,
  PRE_BUSINESS_DATE_REFERRAL_LOG,
} from './pre-business-date-log.fixtures-spec';
import { StatisticsQueries } from './statistics.queries';

/**
 * Events stored before business dates existed (issue 17 item 7) stay readable: they carry no
 * `occurredOn`, so each act counts on the day it was recorded, as it did before.
 */
describe('a referral log written before business dates', () => {
  const replay = () => {
    const log = new EventLog();
    for (const event of PRE_BUSINESS_DATE_REFERRAL_LOG) log.append(event.streamId, [event]);
    return log;
  };

  it('folds into the referral state', () => {
    const decider = createReferralDecider(createDomainConfig());
    const state = fold(decider, PRE_BUSINESS_DATE_REFERRAL_LOG as never[]);
    expect(state).toMatchObject({ status: 'ResultFedBack', typicalCasePublished: true, sentLate: false });
  });

  it('projects the same inbox document as the code that wrote it', async () => {
    const docs = await foldProjection(commissionInboxProjection, replay().events);
    const { _position, ...document } = docs.get('inbox/R1') ?? {};
    expect(_position).toBeDefined();
    // The same document, plus the empty lists of what later versions track (抄送 and named handlers,
    // issue 17 item 8): nothing of the old log is read differently.
    expect(JSON.parse(JSON.stringify(document))).toEqual({
      ...PRE_BUSINESS_DATE_INBOX_DOCUMENT,
      copiedTo: [],
      handlers: [],
    });
  });

  it('counts each act on the day it was recorded', async () => {
    const store = new InMemoryReadModelStore();
    store.load(COMMISSION_INBOX, await foldProjection(commissionInboxProjection, replay().events));
    const queries = new StatisticsQueries(store, new FakeFreshness());
    const directory = { counties: COUNTIES, organisationRegions: { 'panjin.rol-office': 'panjin' } };
    // Sent on 6 March 2026, outcomes decided on 12 March, typical case published on 14 March (recorded days).
    const until13 = await queries.compute(ACTORS.auditor, { ...directory, from: '2026-03-06', to: '2026-03-13' });
    expect([until13.referrals.total, until13.persons.total, until13.typicalCasesPublished]).toEqual([1, 1, 0]);
    const from14 = await queries.compute(ACTORS.auditor, { ...directory, from: '2026-03-14' });
    expect([from14.referrals.total, from14.persons.total, from14.typicalCasesPublished]).toEqual([0, 0, 1]);
  });
});
