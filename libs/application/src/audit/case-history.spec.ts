import { ClueState, ReferralState } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { RecordedEvent } from '../event-store/event-store.types';
import { AuditWorld, aggregates, buildAuditWorld, day } from './audit.fixtures-spec';
import {
  CaseHistoryReader,
  MAX_HISTORY_PAGE,
  eventsUpTo,
  historyEntryOf,
  historyPage,
  rulebookVersionOf,
} from './case-history';
import { noNames } from './event-description';

describe('CaseHistoryReader: history and time travel on the embedded store', () => {
  const world = new AuditWorld((clock) => new SqliteEventStore({ filename: ':memory:', clock }));
  const reader = new CaseHistoryReader(world.store, aggregates);
  beforeAll(() => buildAuditWorld(world));
  afterAll(() => world.close());

  it('given referral R1, when its history is read, then every event comes in revision order with actor, times, ids, schema, rulebook and an unbroken hash chain', async () => {
    const record = await reader.read('referral', 'R1');
    const entries = record.events.map((e) => historyEntryOf('referral', e, noNames));
    expect(entries.map((e) => e.type)).toEqual([
      'ReferralDrafted',
      'ReferralApproved',
      'ReferralSent',
      'ReferralReceived',
      'ReferralPartiallyAccepted',
      'DisposalDecided',
      'TalkOrInquiryHeld',
      'TalkOrInquiryCompleted',
      'CaseFiled',
      'OutcomesAdded',
      'ResultFedBack',
      'OrganisationalHandlingCarriedOut',
      'TypicalCasePublished',
      'EscalationRaised',
      'ReferralClosed',
    ]);
    expect(entries.map((e) => e.revision)).toEqual(entries.map((_, i) => String(i)));
    expect(entries[0]).toMatchObject({
      actor: { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
      at: day(1),
      commandId: expect.stringMatching(/^cmd-\d+$/),
      correlationId: 'corr-referral-R1',
      causationId: entries[0]?.commandId,
      schemaVersion: 1,
      rulebookVersion: 'v1',
      prevHash: '0'.repeat(64),
      description: { en: expect.stringContaining('drafted a referral of clue C1') },
    });
    expect(entries[1]).toMatchObject({
      type: 'ReferralApproved',
      rulebookVersion: null,
      actor: { userId: 'u-office-head' },
    });
    entries.slice(1).forEach((entry, i) => expect(entry.prevHash).toBe(entries[i]?.hash));
    const positions = entries.map((e) => BigInt(e.position));
    positions.slice(1).forEach((p, i) => expect(p > (positions[i] as bigint)).toBe(true));
    expect(new Set(entries.map((e) => e.hash)).size).toBe(entries.length);
    expect(Date.parse(entries[0]?.recordedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(day(1)));
  });

  it('given an organisation renamed since, then each line names it as it was called when the event was recorded (issue 18)', async () => {
    const record = await reader.read('referral', 'R1');
    const asked: (string | undefined)[] = [];
    const names = {
      orgName: (_orgId: string, at?: string) => {
        asked.push(at);
        return { zh: `单位@${at ?? 'now'}`, en: `unit@${at ?? 'now'}` };
      },
    };
    const first = record.events[0] as RecordedEvent;
    const entry = historyEntryOf('referral', first, names);
    expect(entry.description.zh).toContain(`单位@${first.metadata.recordedAt}`);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set([first.metadata.recordedAt]));
  });

  it('given the clue, then the rulebook version is taken from the recorded evaluation when the event has no version of its own', async () => {
    const { events } = await reader.read('clue', 'C1');
    const verification = events.find((e) => e.type === 'VerificationStarted') as RecordedEvent;
    const registered = events.find((e) => e.type === 'ClueRegistered') as RecordedEvent;
    expect(verification.data['rulebookVersion']).toBeUndefined();
    expect(rulebookVersionOf(verification)).toBe('v1');
    expect(rulebookVersionOf(registered)).toBeNull();
  });

  it('given a page size, then pages cover the stream without gaps or overlaps and the size is capped', async () => {
    const { events } = await reader.read('referral', 'R1');
    const first = historyPage(events, 0n, 5);
    const second = historyPage(events, first.nextFromRevision ?? -1n, 5);
    const third = historyPage(events, second.nextFromRevision ?? -1n, 5);
    expect([first, second, third].map((p) => p.events.map((e) => Number(e.revision)))).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14],
    ]);
    expect([first.nextFromRevision, second.nextFromRevision, third.nextFromRevision]).toEqual([5n, 10n, undefined]);
    expect(historyPage(events, 99n, 5)).toEqual({ events: [], nextFromRevision: undefined });
    const many = Array.from({ length: MAX_HISTORY_PAGE + 10 }, (_, i) => ({
      ...(events[0] as RecordedEvent),
      revision: BigInt(i),
    }));
    expect(historyPage(many, 0n, 10_000).events).toHaveLength(MAX_HISTORY_PAGE);
  });

  it('given a revision, when the clue is read as of it, then the state is the fold of the events up to and including it', async () => {
    const record = await reader.read('clue', 'C1');
    const asOf = reader.asOf(record, { revision: 2n });
    expect(asOf.revision).toBe(2n);
    expect((asOf.state as ClueState).status).toBe('Verification');
    expect((record.state as ClueState).status).toBe('Archived');
    expect(reader.asOf(record, { revision: 10_000n }).revision).toBe(record.events[record.events.length - 1]?.revision);
  });

  it('given an instant, when the referral is read as of it, then events recorded at or before it are folded and later ones are not', async () => {
    const record = await reader.read('referral', 'R1');
    const sent = record.events.find((e) => e.type === 'ReferralSent') as RecordedEvent;
    const atSending = reader.asOf(record, { at: sent.metadata.recordedAt });
    expect({
      revision: atSending.revision,
      status: (atSending.state as ReferralState).status,
      recordedAt: atSending.recordedAt,
    }).toEqual({
      revision: sent.revision,
      status: 'Sent',
      recordedAt: sent.metadata.recordedAt,
    });
    const justBefore = reader.asOf(record, { at: new Date(Date.parse(sent.metadata.recordedAt) - 1).toISOString() });
    expect((justBefore.state as ReferralState).status).toBe('Approved');
    // An offset instant means the same moment as its UTC spelling.
    expect(reader.asOf(record, { at: '2026-03-04T09:30:00+08:00' }).revision).toBe(justBefore.revision);
    const beforeCreation = reader.asOf(record, { at: '2026-01-01T00:00:00Z' });
    expect(beforeCreation).toEqual({
      state: { status: 'None' },
      revision: undefined,
      position: undefined,
      recordedAt: undefined,
    });
  });

  it('given a clock that stepped back, then the state as of an instant is still a prefix of the stream', () => {
    const at = (revision: number, recordedAt: string) =>
      ({ revision: BigInt(revision), metadata: { recordedAt } }) as unknown as RecordedEvent;
    const events = [
      at(0, '2026-03-02T01:00:00.000Z'),
      at(1, '2026-03-02T03:00:00.000Z'),
      at(2, '2026-03-02T02:00:00.000Z'),
    ];
    expect(eventsUpTo(events, { at: '2026-03-02T02:30:00Z' }).map((e) => e.revision)).toEqual([0n]);
    expect(eventsUpTo(events, { revision: 1n }).map((e) => e.revision)).toEqual([0n, 1n]);
  });

  it('given a case that does not exist, then its record is empty and folds to None', async () => {
    const record = await reader.read('rectification', 'nope');
    expect(record).toEqual({
      kind: 'rectification',
      id: 'nope',
      events: [],
      state: expect.objectContaining({ status: 'None' }),
    });
  });
});
