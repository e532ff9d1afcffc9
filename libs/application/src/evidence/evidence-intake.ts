import { EvidenceFile } from '@xj/domain';
import { BlobStore, EvidenceUploadError } from './blob-store.port';
import { sniffMediaType } from './media-type.sniffer';

/** 50 MiB: the default limit of one evidence file (EVIDENCE_MAX_MB). */
export const DEFAULT_EVIDENCE_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Takes in one uploaded file: streamed into the blob store's staging area while hashed (held in
 * memory one chunk at a time), its type read from its bytes, and stored under its digest (the
 * blob store's: SHA-256, or SM3 in a 国密 store, recorded in the event beside the hash). A file
 * over the limit, of a refused type, or cut short is refused (EvidenceUploadError or the source's
 * error) and leaves nothing behind. What it answers is what the AttachEvidence command records.
 */
export class EvidenceIntake {
  constructor(
    private readonly blobs: BlobStore,
    readonly maxBytes: number = DEFAULT_EVIDENCE_MAX_BYTES,
  ) {}

  async receive(source: AsyncIterable<Uint8Array>, fileName: string): Promise<EvidenceFile> {
    const staged = await this.blobs.stage(source, this.maxBytes);
    try {
      const mediaType = await sniffMediaType(staged.read, staged.size);
      if (!mediaType)
        throw new EvidenceUploadError(
          'unsupported-type',
          'Only PDF, PNG, JPEG, GIF, TIFF, Word/WPS/Excel (OLE2, docx, xlsx) and OFD files are accepted.',
        );
      await staged.commit();
      return { sha256: staged.sha256, hashAlgorithm: this.blobs.algorithm, fileName, mediaType, size: staged.size };
    } finally {
      await staged.discard();
    }
  }
}
