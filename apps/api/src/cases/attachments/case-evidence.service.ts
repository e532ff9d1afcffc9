import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import {
  AttachedEvidence,
  BLOB_STORE,
  BlobStore,
  CaseKind,
  CaseNotVisibleError,
  CommandRejectedError,
  EVENT_STORE,
  EventStore,
  EvidenceIntake,
  caseEvidence,
} from '@xj/application';
import { Actor, EvidenceFile, attachEvidencePrecondition } from '@xj/domain';
import { ReadAuditService } from '../../audit/read-audit.service';
import { ApiProblem } from '../../http/problem';
import { CaseReader } from '../case-reader';
import { receiveUpload } from './multipart-upload';

/** A case's evidence as GET …/attachments answers it. */
export interface EvidenceList {
  readonly kind: CaseKind;
  readonly id: string;
  readonly attachments: readonly AttachedEvidence[];
}

/**
 * Evidence of a case over HTTP: the upload (after the case's visibility, so a file is not even
 * read for a case the caller may not see), the list and the download, each read of them in the
 * access log (allowed or denied) like a read of the case itself.
 */
@Injectable()
export class CaseEvidenceService {
  constructor(
    private readonly reader: CaseReader,
    private readonly audit: ReadAuditService,
    private readonly intake: EvidenceIntake,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Streams the request's file into the blob store and answers what the AttachEvidence command records. */
  async receive(request: Request, actor: Actor, kind: CaseKind, id: string): Promise<EvidenceFile> {
    try {
      await this.reader.load(actor, kind, id);
    } catch (error) {
      if (error instanceof CaseNotVisibleError)
        throw new CaseNotVisibleError({ kind, id, commandType: 'AttachEvidence' });
      throw error;
    }
    const refused = attachEvidencePrecondition(actor);
    if (refused) throw new CommandRejectedError(refused);
    return receiveUpload(request, this.intake.maxBytes, (file, fileName) =>
      this.intake.receive(file, fileName.trim().length > 0 ? fileName : 'evidence'),
    );
  }

  async list(request: Request, actor: Actor, kind: CaseKind, id: string): Promise<EvidenceList> {
    await this.visible(request, actor, kind, id, 'list');
    await this.audit.record(request, actor, { kind, id }, 'attachment', 'allowed', 'list');
    return { kind, id, attachments: await caseEvidence(this.store, streamOf(kind, id)) };
  }

  /** The file, if it is attached to this case (any other hash is 404, as for an invisible case). */
  async download(request: Request, response: Response, actor: Actor, kind: CaseKind, id: string, sha256: string) {
    await this.visible(request, actor, kind, id, sha256);
    // The same file attached twice is downloaded under the name it was first attached with.
    const evidence = (await caseEvidence(this.store, streamOf(kind, id))).find((e) => e.sha256 === sha256);
    const stream = evidence ? await this.blobs.open(sha256) : undefined;
    if (!evidence || !stream) {
      await this.audit.record(request, actor, { kind, id }, 'attachment', 'denied', sha256);
      throw new ApiProblem(404, 'NOT_FOUND', 'No such attachment.');
    }
    await this.audit.record(request, actor, { kind, id }, 'attachment', 'allowed', sha256);
    response.status(200);
    response.setHeader('content-type', evidence.mediaType);
    response.setHeader('content-length', String(evidence.size));
    response.setHeader('content-disposition', contentDisposition(evidence.fileName));
    // RFC 9530: the client can check what it received against the hash the case's event records.
    // SM3 has no registered name; `sm3` is what a 国密 client looks for, and others ignore it (§5).
    const digestName = evidence.hashAlgorithm === 'sm3' ? 'sm3' : 'sha-256';
    response.setHeader('repr-digest', `${digestName}=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
    response.setHeader('cache-control', 'private, no-store');
    await pipeline(stream, response);
  }

  private async visible(request: Request, actor: Actor, kind: CaseKind, id: string, detail: string): Promise<void> {
    try {
      await this.reader.load(actor, kind, id);
    } catch (error) {
      if (error instanceof CaseNotVisibleError)
        await this.audit.record(request, actor, { kind, id }, 'attachment', 'denied', detail);
      throw error;
    }
  }
}

/** Each kind's stream category is the kind's own name (clue-…, referral-…, rectification-…). */
const streamOf = (kind: CaseKind, id: string): string => `${kind}-${id}`;

/**
 * `attachment` with an ASCII fallback name and the UTF-8 name per RFC 6266 / RFC 5987
 * (`filename*=UTF-8''…`), so a Chinese file name arrives intact.
 */
export const contentDisposition = (fileName: string): string => {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
