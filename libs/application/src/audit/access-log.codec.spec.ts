import { canonicalJson } from '../event-store/canonical-json';
import { JsonObject, RecordedEvent } from '../event-store/event-store.types';
import { ACCESS_BATCH_TYPE, BatchBuilder, decodeBatch, kindCode, legacyEntryOf, packUuid } from './access-log.codec';
import { AccessRecord } from './access-log.types';

const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const office = {
  userId: 'user-office',
  role: 'RuleOfLawOffice',
  orgId: 'panjin.rol-office',
  position: 'Staff',
  regionId: 'panjin',
};
const cli = { userId: 'cli:ops', role: 'Operator', orgId: 'cli' };
const caseId = '0f3a2b1c-1d2e-4f00-8a9b-0123456789ab';
const correlation = '3f2a1b4c-1d2e-4f00-8a9b-0123456789ab';

const records: readonly AccessRecord[] = [
  {
    target: { kind: 'clue', id: caseId },
    action: 'details',
    outcome: 'allowed',
    reader: office,
    request: { correlationId: correlation, clientIp: '::ffff:127.0.0.1' },
  },
  {
    target: { kind: 'rectification', id: 'ri-7' },
    action: 'as-of',
    outcome: 'denied',
    reader: office,
    request: { correlationId: 'client-chosen-id-01', clientIp: '10.0.0.9' },
    detail: 'revision=2',
  },
  {
    target: { kind: 'referral', id: 'R1' },
    action: 'history',
    outcome: 'allowed',
    reader: cli,
    request: { method: 'CLI', path: 'history referral R1', correlationId: correlation.toUpperCase(), clientIp: null },
    detail: 'export',
  },
  {
    target: { kind: 'user', id: 'alice@example.org' },
    action: 'access-log',
    outcome: 'allowed',
    reader: office,
    request: { correlationId: correlation, clientIp: '::ffff:127.0.0.1' },
  },
  {
    target: { kind: 'clue', id: caseId },
    action: 'command',
    outcome: 'denied',
    reader: office,
    request: {
      method: 'POST',
      path: `/api/v1/clues/${caseId}/analysis`,
      correlationId: correlation,
      clientIp: '::ffff:127.0.0.1',
    },
    detail: 'StartAnalysis',
  },
];

/** A batch as stored and read back: its data through canonical JSON, as every adapter stores it. */
const stored = (builder: BatchBuilder): RecordedEvent =>
  ({
    streamId: 'accesslog-20260302.main',
    revision: 4n,
    position: 99n,
    eventId: 'e-1',
    type: ACCESS_BATCH_TYPE,
    data: JSON.parse(canonicalJson(builder.data())) as JsonObject,
    metadata: {},
  }) as RecordedEvent;

describe('the access log’s stored shapes', () => {
  it('round-trips every kind of record through a batch: who, when, target, action, outcome, correlation id, address, detail, method and path', () => {
    const builder = new BatchBuilder();
    records.forEach((record, n) => builder.add(record, T0 + n * 250));
    const entries = decodeBatch(stored(builder));
    expect(entries).toEqual(
      records.map((record, n) => ({
        ...record,
        at: new Date(T0 + n * 250).toISOString(),
        eventId: 'e-1',
        streamId: 'accesslog-20260302.main',
        revision: '4',
        position: '99',
        index: n,
      })),
    );
  });

  it('lists each reader and address once, packs UUIDs into 22 characters, and keeps a read of a case in ~100 bytes', () => {
    const builder = new BatchBuilder();
    for (let n = 0; n < 100; n += 1) builder.add(records[0] as AccessRecord, T0 + n);
    const data = builder.data();
    expect([data.who.length, data.ip.length]).toEqual([1, 1]);
    expect(data.rec[1]).toEqual({ t: 1, k: 'c', iu: packUuid(caseId), a: 'd', o: 'a', cu: packUuid(correlation) });
    expect(packUuid(caseId)).toHaveLength(22);
    expect(packUuid(correlation.toUpperCase())).toBeUndefined();
    const perRecord = (canonicalJson(data).length - canonicalJson({ ...data, rec: [] }).length) / 100;
    expect(perRecord).toBeLessThan(100);
  });

  it('selects records by target, by reader and by time on the codes, from a given index', () => {
    const builder = new BatchBuilder();
    records.forEach((record, n) => builder.add(record, T0 + n * 1000));
    const event = stored(builder);
    const ofCase = decodeBatch(event, { target: { k: kindCode('clue'), i: caseId, iu: packUuid(caseId) } });
    expect(ofCase.map((e) => e.action)).toEqual(['details', 'command']);
    expect(decodeBatch(event, { userId: 'cli:ops' }).map((e) => e.index)).toEqual([2]);
    expect(decodeBatch(event, { userId: 'nobody' })).toEqual([]);
    expect(decodeBatch(event, { fromMs: T0 + 1000, toMs: T0 + 3000 }).map((e) => e.index)).toEqual([1, 2, 3]);
    expect(decodeBatch(event, {}, 3).map((e) => e.index)).toEqual([3, 4]);
  });

  it('decodes a one-record event of the design before #13, and its copy in the reader index as the original', () => {
    const data = {
      at: '2026-03-01T09:00:00.000Z',
      target: { kind: 'clue', id: 'C1' },
      action: 'history',
      outcome: 'denied',
      reader: office,
      request: { method: 'GET', path: '/api/v1/clues/C1/history', correlationId: 'c-1', clientIp: null },
      detail: 'x',
    };
    const original = legacyEntryOf({
      streamId: 'accesslog-clue.C1',
      eventId: 'e-1',
      revision: 3n,
      position: 40n,
      data: data as unknown as JsonObject,
    });
    expect(original).toEqual({ ...data, eventId: 'e-1', streamId: 'accesslog-clue.C1', revision: '3', position: '40' });
    const logged = { streamId: 'accesslog-clue.C1', eventId: 'e-1', revision: '3', position: '40' };
    const copy = legacyEntryOf({
      streamId: 'accessuser-user-office',
      eventId: 'e-9',
      revision: 0n,
      position: 41n,
      data: { ...data, logged } as unknown as JsonObject,
    });
    expect(copy).toEqual(original);
  });
});
