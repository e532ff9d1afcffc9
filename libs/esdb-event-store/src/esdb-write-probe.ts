import { jsonEvent } from '@eventstore/db-client';
import { EsdbClientLike } from './esdb-client';
import { mapEsdbError } from './esdb-errors';

/**
 * The write probe's stream. Its name is not `<category>-<id>` (it starts with `_`), so the
 * adapter's reads skip it (isPortEvent) and the subscriptions' stream-name filter never matches
 * it: no projection, verifier or checkpoint sees the probes.
 */
export const WRITE_PROBE_STREAM = '_xj-write-probe';

/**
 * EventStoreDB's write probe (WriteProbe): one small event appended to a stream capped at one
 * event (`$maxCount` 1), so the database keeps only the latest and the scavenge reclaims the rest.
 * The cap is set once per process, before the first probe (setting it again is harmless).
 */
export class EsdbWriteProbe {
  private capped = false;

  constructor(private readonly client: EsdbClientLike) {}

  async run(at: string): Promise<void> {
    try {
      if (!this.capped) {
        await this.client.setStreamMetadata(WRITE_PROBE_STREAM, { maxCount: 1 });
        this.capped = true;
      }
      await this.client.appendToStream(WRITE_PROBE_STREAM, jsonEvent({ type: 'WriteProbe', data: { at } }), {
        expectedRevision: 'any',
      });
    } catch (error) {
      throw mapEsdbError(error, WRITE_PROBE_STREAM);
    }
  }
}
