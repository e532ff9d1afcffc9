import { Alert, App as AntApp, Button, List, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { getActions, newIdempotencyKey, sendAction, type CaseAction, type CaseKind } from '../api/api-client';
import {
  attachmentPath,
  documentPath,
  getAttachments,
  getDocuments,
  uploadEvidence,
  type Attachment,
  type OfferedDocument,
} from '../api/files-client';
import { download } from '../api/reads-client';
import { errorText } from '../shell/errors';
import { dateTime } from '../shell/format';
import { label } from '../shell/labels';

interface Props {
  readonly kind: CaseKind;
  readonly id: string;
  /** The revision the page shows: If-Match of an upload and of a document drawn up onto the case. */
  readonly revision: string;
  /** Reloads the case (its timeline shows the EvidenceAttached). */
  readonly onDone: () => Promise<void>;
}

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} B`;

/** The binary field of the upload action's schema (README: one field `file`). */
const fileFieldOf = (action: CaseAction): string =>
  Object.entries(action.schema.properties ?? {}).find(([, p]) => p.format === 'binary')?.[0] ?? 'file';

/**
 * 证据材料 and 文书 of a case (issue 16 item 3): the attachments listed and downloadable, a file
 * uploaded as the AttachEvidence action the API offers (asked for with `?uploads=multipart`, so it
 * appears only when this user may attach), and the official documents of the case with whether
 * each can be drawn up now (GET …/documents): downloaded, or drawn up onto the case as evidence.
 */
export const CaseFiles = ({ kind, id, revision, onDone }: Props) => {
  const { message } = AntApp.useApp();
  const [attachments, setAttachments] = useState<Attachment[]>();
  const [documents, setDocuments] = useState<OfferedDocument[]>([]);
  const [upload, setUpload] = useState<CaseAction>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  // One Idempotency-Key per intended change, kept while the same file (or document) is retried.
  const attempt = useRef<{ what: string; key: string }>(undefined);
  const keyFor = (what: string): string => {
    if (attempt.current?.what !== what) attempt.current = { what, key: newIdempotencyKey() };
    return attempt.current.key;
  };

  const load = useCallback(async (): Promise<void> => {
    const [files, offered, actions] = await Promise.all([
      getAttachments(kind, id),
      getDocuments(kind, id).catch(() => []),
      getActions(kind, id, 'multipart').catch(() => undefined),
    ]);
    setAttachments(files);
    setDocuments(offered);
    setUpload(actions?.actions.find((a) => a.contentType === 'multipart/form-data'));
  }, [kind, id]);
  useEffect(() => {
    load().catch((e: unknown) => setError(errorText(e)));
  }, [load, revision]);

  const run = async (what: string, work: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(what);
    setError(undefined);
    try {
      await work();
      attempt.current = undefined;
      void message.success(done);
      await onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const chosen = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (!file || !upload) return;
    const what = `file ${file.name} ${file.size} ${file.lastModified}`;
    void run(
      'upload',
      () => uploadEvidence(upload, fileFieldOf(upload), file, revision, keyFor(what)),
      `已上传：${file.name}`,
    ).finally(() => {
      if (input.current) input.current.value = '';
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <List<Attachment>
        size="small"
        loading={!attachments && !error}
        dataSource={attachments ?? []}
        locale={{ emptyText: '暂无证据材料' }}
        data-testid="attachments"
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="download"
                size="small"
                // The visible text stays inside the accessible name (WCAG 2.5.3): no space put into 下载.
                autoInsertSpace={false}
                aria-label={`下载 ${a.fileName}`}
                onClick={() =>
                  void download(attachmentPath(kind, id, a.sha256), {}, a.fileName).catch((e: unknown) =>
                    setError(errorText(e)),
                  )
                }
              >
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={a.fileName}
              description={`${sizeText(a.size)} · ${dateTime(a.attachedAt)} · ${label('organisation', a.attachedBy.orgId)}`}
            />
          </List.Item>
        )}
      />
      {upload && (
        <Space wrap>
          <label htmlFor={`upload-${kind}-${id}`}>
            <Typography.Text>{upload.title}：</Typography.Text>
          </label>
          <input
            id={`upload-${kind}-${id}`}
            ref={input}
            type="file"
            onChange={chosen}
            disabled={busy !== undefined}
            accept=".pdf,.png,.jpg,.jpeg,.gif,.tif,.tiff,.doc,.docx,.xls,.xlsx,.wps,.et,.ofd"
          />
        </Space>
      )}
      {documents.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>
            文书
          </Typography.Title>
          <List<OfferedDocument>
            size="small"
            dataSource={documents}
            renderItem={(d) => (
              <List.Item
                data-document={d.type}
                actions={
                  d.available
                    ? [
                        <Button
                          key="download"
                          size="small"
                          autoInsertSpace={false}
                          aria-label={`下载${d.title}`}
                          onClick={() =>
                            void download(documentPath(kind, id, d.type), {}, `${d.title}.docx`).catch((e: unknown) =>
                              setError(errorText(e)),
                            )
                          }
                        >
                          下载
                        </Button>,
                        ...(d.mayGenerate
                          ? [
                              <Button
                                key="generate"
                                size="small"
                                loading={busy === d.type}
                                aria-label={`生成并归档${d.title}`}
                                onClick={() =>
                                  void run(
                                    d.type,
                                    () =>
                                      sendAction(
                                        { method: 'POST', path: documentPath(kind, id, d.type) },
                                        {},
                                        revision,
                                        keyFor(`document ${d.type} ${revision}`),
                                      ),
                                    `已生成并归档：${d.title}`,
                                  )
                                }
                              >
                                生成并归档
                              </Button>,
                            ]
                          : []),
                      ]
                    : [
                        <Typography.Text key="later" type="secondary">
                          尚未到生成环节
                        </Typography.Text>,
                      ]
                }
              >
                {d.title}
              </List.Item>
            )}
          />
        </>
      )}
    </Space>
  );
};
