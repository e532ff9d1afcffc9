import { call, get, type CaseAction, type CaseKind, type CommandResult } from './api-client';
import { CASE_ROUTES } from './case-kinds';

/** Evidence files and official documents of a case (README "Evidence attachments", "Official documents"). */

const caseRoute = (kind: CaseKind, id: string): string => `${CASE_ROUTES[kind]}/${encodeURIComponent(id)}`;

export interface Attachment {
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly attachedAt: string;
  readonly attachedBy: { readonly userId: string; readonly role: string; readonly orgId: string };
  readonly revision: string;
}

export const getAttachments = async (kind: CaseKind, id: string): Promise<Attachment[]> =>
  (await get<{ attachments: Attachment[] }>(`${caseRoute(kind, id)}/attachments`)).attachments;

export const attachmentPath = (kind: CaseKind, id: string, sha256: string): string =>
  `${caseRoute(kind, id)}/attachments/${sha256}`;

/**
 * Sends one file as the offered upload action (multipart/form-data, the schema's binary field),
 * with If-Match and the Idempotency-Key of this intended upload, as every command.
 */
export const uploadEvidence = async (
  action: Pick<CaseAction, 'method' | 'path'>,
  field: string,
  file: File,
  revision: string,
  idempotencyKey: string,
): Promise<CommandResult> => {
  const form = new FormData();
  form.append(field, file, file.name);
  return (
    await call<CommandResult>(action.method, action.path, form, {
      'Idempotency-Key': idempotencyKey,
      'If-Match': `"${revision}"`,
    })
  ).body;
};

export interface OfferedDocument {
  readonly type: string;
  readonly title: string;
  readonly available: boolean;
  readonly mayGenerate: boolean;
}

export const getDocuments = async (kind: CaseKind, id: string): Promise<OfferedDocument[]> =>
  (await get<{ documents: OfferedDocument[] }>(`${caseRoute(kind, id)}/documents`)).documents;

export const documentPath = (kind: CaseKind, id: string, type: string): string =>
  `${caseRoute(kind, id)}/documents/${type}`;
