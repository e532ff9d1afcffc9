import { assertStreamId, categoryOf, isValidCategory, prepareAppend } from './append-preparation';
import { EventStoreError } from './event-store.errors';
import { EventMetadata, EventToAppend } from './event-store.types';

const metadata: EventMetadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
let counter = 0;
const event = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  eventId: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  type: 'ClueRegistered',
  data: { n: 1 },
  metadata,
  ...overrides,
});
const failure = (run: () => unknown): EventStoreError => {
  try {
    run();
  } catch (error) {
    if (error instanceof EventStoreError) return error;
    throw error;
  }
  throw new Error('expected an EventStoreError');
};

describe('stream names', () => {
  it.each(['clue-1', 'clue-2026-0017', 'rectificationItem-a.b:c_d', `referral-${'x'.repeat(128)}`])(
    'accepts %s',
    (name) => {
      expect(assertStreamId(name)).toBe(name);
    },
  );

  it.each([
    '',
    'clue',
    'clue-',
    'Clue-1',
    '1clue-1',
    'clue_x-1',
    'clue-a b',
    'clue-ä',
    `clue-${'x'.repeat(129)}`,
    '$ce-clue',
  ])('rejects %j with STREAM.INVALID_NAME', (name) => {
    expect(failure(() => assertStreamId(name)).code).toBe('STREAM.INVALID_NAME');
  });

  it('takes the category up to the first dash', () => {
    expect(categoryOf('clue-2026-17')).toBe('clue');
    expect(isValidCategory('rectificationItem')).toBe(true);
    expect(isValidCategory('clue-')).toBe(false);
  });
});

describe('prepareAppend', () => {
  it('encodes data and metadata canonically once, for storage and hashing', () => {
    const [prepared] = prepareAppend('clue-1', [event({ data: { b: 2, a: 1 } })], 'any');
    expect(prepared?.dataJson).toBe('{"a":1,"b":2}');
    expect(prepared?.metadataJson).toBe(
      '{"actor":{"orgId":"panjin.justice","role":"JusticeBureau","userId":"u-1"},"causationId":"cause-1","commandId":"cmd-1","correlationId":"corr-1","schemaVersion":1}',
    );
  });

  it('limits each event to the configured number of UTF-8 bytes of data + metadata', () => {
    const overhead =
      Buffer.byteLength(prepareAppend('clue-1', [event({ data: { t: '' } })], 'any')[0]?.metadataJson ?? '') +
      '{"t":""}'.length;
    const limit = overhead + 30; // room for exactly ten 3-byte characters
    expect(() =>
      prepareAppend('clue-1', [event({ data: { t: '线'.repeat(10) } })], 'any', { maxPayloadBytes: limit }),
    ).not.toThrow();
    const error = failure(() =>
      prepareAppend('clue-1', [event({ data: { t: '线'.repeat(11) } })], 'any', { maxPayloadBytes: limit }),
    );
    expect(error).toMatchObject({ code: 'EVENT.PAYLOAD_TOO_LARGE', details: { bytes: limit + 3, limit } });
  });

  it.each<[string, Partial<EventToAppend>, string]>([
    ['an uppercase UUID', { eventId: '00000000-0000-4000-8000-00000000000A' }, 'eventId'],
    ['an empty type', { type: '' }, 'type'],
    ['a system type', { type: '$>' }, 'type'],
    ['a fractional schemaVersion', { metadata: { ...metadata, schemaVersion: 1.5 } }, 'schemaVersion'],
    ['an actor without role', { metadata: { ...metadata, actor: { userId: 'u', orgId: 'o' } as never } }, 'actor.role'],
    ['an empty correlationId', { metadata: { ...metadata, correlationId: '' } }, 'correlationId'],
    ['a reserved recordedAt', { metadata: { ...metadata, recordedAt: 'x' } }, 'recordedAt'],
  ])('rejects %s with EVENT.INVALID', (_label, overrides, mention) => {
    const error = failure(() => prepareAppend('clue-1', [event(), event(overrides)], 'any'));
    expect(error.code).toBe('EVENT.INVALID');
    expect(error.message).toContain('events[1]');
    expect(error.message).toContain(mention);
  });

  it('rejects non-JSON metadata extras with EVENT.NOT_JSON', () => {
    expect(
      failure(() => prepareAppend('clue-1', [event({ metadata: { ...metadata, at: new Date(0) } })], 'any')).code,
    ).toBe('EVENT.NOT_JSON');
  });

  it('rejects an empty batch, duplicate ids and malformed expected revisions', () => {
    const a = event();
    expect(failure(() => prepareAppend('clue-1', [], 'any')).code).toBe('EVENT.INVALID');
    expect(failure(() => prepareAppend('clue-1', [a, a], 'any')).code).toBe('EVENT.INVALID');
    for (const expected of [-1n, 1, 'stream_exists', undefined]) {
      expect(failure(() => prepareAppend('clue-1', [a], expected)).code).toBe('EVENT.INVALID');
    }
  });
});
