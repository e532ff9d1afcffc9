import { EVIDENCE_ATTACHED, EvidenceAttachedData, EvidenceHashAlgorithm, evidenceHashAlgorithmOf } from '@xj/domain';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent } from '../event-store/event-store.types';

/** One file attached to a case, as listed: the attaching event's facts and where it is on the stream. */
export interface AttachedEvidence {
  readonly sha256: string;
  /** The digest `sha256` is (SHA-256 for every attachment recorded before the field). */
  readonly hashAlgorithm: EvidenceHashAlgorithm;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly attachedAt: string;
  readonly attachedBy: { readonly userId: string; readonly role: string; readonly orgId: string };
  readonly revision: string;
}

const evidenceOf = (event: RecordedEvent): AttachedEvidence => {
  const data = event.data as unknown as EvidenceAttachedData;
  return {
    sha256: data.sha256,
    hashAlgorithm: evidenceHashAlgorithmOf(data),
    fileName: data.fileName,
    mediaType: data.mediaType,
    size: data.size,
    attachedAt: data.at,
    attachedBy: { userId: data.by.userId, role: data.by.role, orgId: data.by.orgId },
    revision: String(event.revision),
  };
};

/** The evidence on a case stream, in the order it was attached (the same file twice is listed twice). */
export const caseEvidence = async (store: EventStore, streamId: string): Promise<AttachedEvidence[]> =>
  (await store.readStream(streamId)).filter((e) => e.type === EVIDENCE_ATTACHED).map(evidenceOf);

const PAGE = 1000;

/** Every EvidenceAttached event of the store, in global order, one page in memory at a time. */
export async function* allEvidenceEvents(store: EventStore): AsyncIterable<{
  readonly streamId: string;
  readonly position: bigint;
  readonly sha256: string;
  readonly hashAlgorithm: EvidenceHashAlgorithm;
  readonly size: number;
}> {
  let fromPosition: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ maxCount: PAGE, ...(fromPosition === undefined ? {} : { fromPosition }) });
    for (const event of page)
      if (event.type === EVIDENCE_ATTACHED) {
        const data = event.data as unknown as EvidenceAttachedData;
        yield {
          streamId: event.streamId,
          position: event.position,
          sha256: data.sha256,
          hashAlgorithm: evidenceHashAlgorithmOf(data),
          size: data.size,
        };
      }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return;
    fromPosition = last.position;
  }
}
