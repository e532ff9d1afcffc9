import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { AnyCaseState, CaseKind, LoadCaseQuery } from '@xj/application';
import { Actor, canSeeCase, caseViewFor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { ApiProblem } from '../http/problem';

/** Reads one case from its stream, applying the domain's visibility rules (404 when not visible). */
@Injectable()
export class CaseReader {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly audit: ReadAuditService,
  ) {}

  /** For command routes that need a case's facts; the read is part of the command, not audited as a read. */
  async load(actor: Actor, kind: CaseKind, id: string): Promise<{ state: AnyCaseState; revision: bigint | undefined; position: bigint | undefined }> {
    const loaded = await this.queryBus.execute(new LoadCaseQuery(kind, id));
    if (!canSeeCase(actor, kind, loaded.state)) throw new ApiProblem(404, 'NOT_FOUND', 'No such case.');
    return loaded;
  }

  /** GET of a case's details: recorded in the access log (allowed or denied) before anything is answered. */
  async send(res: Response, actor: Actor, kind: CaseKind, id: string): Promise<void> {
    const { state, revision, position } = await this.queryBus.execute(new LoadCaseQuery(kind, id));
    const allowed = canSeeCase(actor, kind, state);
    await this.audit.record(res.req as Request, actor, { kind, id }, 'details', allowed ? 'allowed' : 'denied');
    if (!allowed) throw new ApiProblem(404, 'NOT_FOUND', 'No such case.');
    if (revision !== undefined) res.setHeader('etag', `"${revision}"`);
    const view = caseViewFor(actor, kind, state);
    res.status(200).json({ kind, id, revision: revision === undefined ? null : String(revision), position: position === undefined ? null : String(position), state: view });
  }
}
