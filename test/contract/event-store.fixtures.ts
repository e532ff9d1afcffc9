import { createHash, randomUUID } from 'node:crypto';
import { CryptoSuite, EventMetadata, EventToAppend, RecordedEvent } from '@xj/application';
import { GENESIS_HASH } from '@xj/application/event-store-kit';
import { sm3 } from 'sm-crypto-v2';

/** Fixtures for the event-store contract: unique names (EventStoreDB is shared), events, helpers. */

export const uniqueId = (): string => randomUUID().replace(/-/g, '').slice(0, 16);
export const uniqueCategory = (prefix = 'ct'): string => `${prefix}${uniqueId()}`;
export const uniqueStream = (category = 'contract'): string => `${category}-${uniqueId()}`;

export const metadata = (extra: Record<string, unknown> = {}): EventMetadata => ({
  schemaVersion: 1,
  actor: { userId: 'u-analyst-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: randomUUID(),
  correlationId: 'corr-1',
  causationId: 'cause-1',
  ...extra,
});

export const anEvent = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ClueRegistered',
  data: { title: '线索', n: 1 },
  metadata: metadata(),
  ...overrides,
});

export const events = (count: number, type = 'ThingHappened'): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => anEvent({ type, data: { n } }));

export const collect = async <T>(source: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

/** Resolves once `predicate` holds, checking after every event the handler receives. */
export const until = (check: () => boolean): { notify(): void; reached: Promise<void> } => {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  const notify = (): void => {
    if (check()) resolve();
  };
  return { notify, reached };
};

/**
 * An independent re-implementation of the documented hash (sorted-key JSON, SHA-256 over
 * prevHash + body), to pin that adapters hash exactly what the port documents.
 */
const sortedJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * The chain hash computed without the product's code: SHA-256 by Node (`intl`), SM3 by
 * sm-crypto-v2 (`gm`; the product hashes SM3 with Node's OpenSSL).
 */
export const independentHash = (event: RecordedEvent, prevHash = GENESIS_HASH, suite: CryptoSuite = 'intl'): string => {
  const { hash: _hash, ...metadataWithoutHash } = event.metadata;
  const body = `{"data":${sortedJson(event.data)},"eventId":${JSON.stringify(event.eventId)},"metadata":${sortedJson(
    metadataWithoutHash,
  )},"revision":${event.revision},"streamId":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)}}`;
  if (suite === 'gm') return sm3(prevHash + body);
  return createHash('sha256')
    .update(prevHash + body)
    .digest('hex');
};
