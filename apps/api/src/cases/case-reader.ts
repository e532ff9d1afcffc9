import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { CaseKind, CaseNotVisibleError, CaseStateOf, LoadCaseQuery, LoadedCase } from '@xj/application';
import { Actor, caseViewFor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';

/** A case as its GET answers it. */
export interface CaseView<K extends CaseKind = CaseKind> {
  readonly kind: K;
  readonly id: string;
  readonly revision: string | null;
  readonly position: string | null;
  /** The state as the caller may see it (an agency's clue is redacted). */
  readonly state: unknown;
}

/** Reads one case from its stream; the application's query handler answers 404 for a case the caller may not see. */
@Injectable()
export class CaseReader {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly audit: ReadAuditService,
  ) {}

  /** For command routes that need a case's facts; the read is part of the command, not audited as a read. */
  load<K extends CaseKind>(actor: Actor, kind: K, id: string): Promise<LoadedCase<CaseStateOf[K]>> {
    return this.queryBus.execute(new LoadCaseQuery(kind, id, actor));
  }

  /** GET of a case's details: recorded in the access log (allowed or denied) before anything is answered. */
  async read<K extends CaseKind>(request: Request, actor: Actor, kind: K, id: string): Promise<CaseView<K>> {
    let loaded: LoadedCase<CaseStateOf[K]>;
    try {
      loaded = await this.load(actor, kind, id);
    } catch (error) {
      if (error instanceof CaseNotVisibleError)
        await this.audit.record(request, actor, { kind, id }, 'details', 'denied');
      throw error;
    }
    await this.audit.record(request, actor, { kind, id }, 'details', 'allowed');
    const { state, revision, position } = loaded;
    return {
      kind,
      id,
      revision: revision === undefined ? null : String(revision),
      position: position === undefined ? null : String(position),
      state: caseViewFor(actor, kind, state),
    };
  }
}
