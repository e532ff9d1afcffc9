import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import {
  CLOCK,
  CaseKind,
  CaseNotVisibleError,
  Clock,
  CommandRejectedError,
  DOCUMENTS_OF_KIND,
  DocumentNotAvailableError,
  DocumentTemplates,
  DocumentType,
  EVENT_STORE,
  EventStore,
  EvidenceIntake,
  LoadedCase,
  caseEvidence,
  composeDocument,
  isDocumentType,
} from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import {
  Actor,
  ClueState,
  EvidenceFile,
  attachEvidencePrecondition,
  caseViewFor,
  hiddenPartsFor,
  initialClueState,
  localDateOf,
} from '@xj/domain';
import { ReadAuditService } from '../../audit/read-audit.service';
import { ApiProblem } from '../../http/problem';
import { contentDisposition } from '../attachments/case-evidence.service';
import { CaseReader } from '../case-reader';
import { writeOfficialDocx } from './gbt9704-docx.writer';

/** One document a case's kind produces, as GET …/{id}/documents lists it. */
export interface OfferedDocument {
  readonly type: DocumentType;
  /** Its Chinese name (also the downloaded file's). */
  readonly title: string;
  /** The case has reached the step that produces it: GET and POST …/documents/{type} answer it. */
  readonly available: boolean;
  /** The caller may draw it up onto the case (POST; read-only roles may not). */
  readonly mayGenerate: boolean;
}

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The Chinese name a generated file is saved under (the document's kind), e.g. 问题线索移送函.docx. */
const FILE_NAMES: Readonly<Record<DocumentType, string>> = {
  'transfer-letter': '问题线索移送函',
  'supervision-instrument': '监督文书',
  'rectification-notice': '整改通知书',
  'escalation-notice': '督办单',
  'closure-approval': '整改销号审批表',
  'result-feedback': '处理结果反馈函',
};

/**
 * 文书 of a case (issue 19 §2): drawn from the case as it stands, as DOCX. A download reads like
 * the case (404 when invisible, in the access log); generating stores the file through the
 * evidence intake, so the AttachEvidence command puts its hash on the case stream.
 */
@Injectable()
export class CaseDocumentsService {
  constructor(
    private readonly reader: CaseReader,
    private readonly audit: ReadAuditService,
    private readonly intake: EvidenceIntake,
    private readonly templates: DocumentTemplates,
    private readonly directory: OrganisationDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async download(request: Request, response: Response, actor: Actor, kind: CaseKind, id: string, type: string) {
    let loaded: LoadedCase<unknown>;
    try {
      loaded = await this.reader.load(actor, kind, id);
    } catch (error) {
      if (error instanceof CaseNotVisibleError)
        await this.audit.record(request, actor, { kind, id }, 'document', 'denied', type);
      throw error;
    }
    const bytes = await this.render(actor, kind, id, documentTypeOf(kind, type), loaded);
    await this.audit.record(request, actor, { kind, id }, 'document', 'allowed', type);
    response.status(200);
    response.setHeader('content-type', DOCX_MEDIA_TYPE);
    response.setHeader('content-length', String(bytes.length));
    response.setHeader('content-disposition', contentDisposition(fileNameOf(type as DocumentType)));
    response.setHeader('cache-control', 'private, no-store');
    response.end(bytes);
  }

  /**
   * The documents of the case's kind, each with whether the case has reached the step that
   * produces it (composed as the download would be, without writing the file) and whether the
   * caller may draw it up onto the case (the AttachEvidence precondition): the workbench offers
   * exactly these. Reads like the case (404 when invisible); not in the access log, as it shows
   * no more than the case's state does.
   */
  async offered(actor: Actor, kind: CaseKind, id: string): Promise<OfferedDocument[]> {
    const loaded = await this.reader.load(actor, kind, id);
    const evidence = await caseEvidence(this.store, `${kind}-${id}`);
    const mayGenerate = attachEvidencePrecondition(actor) === undefined;
    return DOCUMENTS_OF_KIND[kind].map((type) => {
      try {
        composeDocument(type, this.inputOf(actor, kind, type, loaded, evidence));
        return { type, title: FILE_NAMES[type], available: true, mayGenerate };
      } catch (error) {
        if (error instanceof DocumentNotAvailableError)
          return { type, title: FILE_NAMES[type], available: false, mayGenerate };
        throw error;
      }
    });
  }

  /** Draws the document up and stores it; answers what the AttachEvidence command records. */
  async generate(actor: Actor, kind: CaseKind, id: string, type: string): Promise<EvidenceFile> {
    let loaded: LoadedCase<unknown>;
    try {
      loaded = await this.reader.load(actor, kind, id);
    } catch (error) {
      if (error instanceof CaseNotVisibleError)
        throw new CaseNotVisibleError({ kind, id, commandType: 'AttachEvidence' });
      throw error;
    }
    const refused = attachEvidencePrecondition(actor);
    if (refused) throw new CommandRejectedError(refused);
    const documentType = documentTypeOf(kind, type);
    const bytes = await this.render(actor, kind, id, documentType, loaded);
    return this.intake.receive(Readable.from([bytes]), fileNameOf(documentType));
  }

  private async render(
    actor: Actor,
    kind: CaseKind,
    id: string,
    type: DocumentType,
    loaded: LoadedCase<unknown>,
  ): Promise<Buffer> {
    const evidence = await caseEvidence(this.store, `${kind}-${id}`);
    return writeOfficialDocx(composeDocument(type, this.inputOf(actor, kind, type, loaded, evidence)));
  }

  private inputOf(
    actor: Actor,
    kind: CaseKind,
    type: DocumentType,
    loaded: LoadedCase<unknown>,
    evidence: Awaited<ReturnType<typeof caseEvidence>>,
  ): Parameters<typeof composeDocument>[1] {
    return {
      kind,
      state: viewOf(actor, kind, loaded.state) as never,
      today: localDateOf(this.clock.now().toISOString()),
      evidence,
      orgName: (orgId) => this.directory.get(orgId)?.nameZh,
      template: this.templates.get(type),
    };
  }
}

/**
 * What the caller may read of the case: a viewer with a partial view of a clue (the agency, the
 * 组织部) gets a document drawn from that view only, its hidden fields at their initial values, so a
 * document never prints what the case page would hide.
 */
const viewOf = (actor: Actor, kind: CaseKind, state: unknown): unknown =>
  kind === 'clue' && hiddenPartsFor(actor, kind)
    ? { ...initialClueState(), ...caseViewFor(actor, 'clue', state as ClueState) }
    : state;

/** A type the kind does not produce is 404, as an unknown path is. */
const documentTypeOf = (kind: CaseKind, type: string): DocumentType => {
  if (!isDocumentType(type) || !DOCUMENTS_OF_KIND[kind].includes(type))
    throw new ApiProblem(404, 'DOCUMENT.UNKNOWN_TYPE', `No document "${type}" for this kind of case.`);
  return type;
};

const fileNameOf = (type: DocumentType): string => `${FILE_NAMES[type]}.docx`;
