import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { EvidenceUploadError } from '@xj/application';
import { ApiProblem } from '../../http/problem';

/** The form field that carries the file. */
export const FILE_FIELD = 'file';
/** Room for the multipart framing around the file (boundaries, part headers). */
const FRAMING_ALLOWANCE = 64 * 1024;

/**
 * Reads the one file of a `multipart/form-data` request and hands it to `consume` as a stream,
 * which it reads while the request arrives (never the whole file in memory). The file's name
 * comes from its part (`filename*` per RFC 5987 / 7578, UTF-8). A request cut short fails the
 * stream `consume` reads (EVIDENCE.UPLOAD_INCOMPLETE); a request over the limit by its
 * Content-Length is refused before it is read. Whatever remains of a refused request is drained.
 */
export const receiveUpload = async <T>(
  request: Request,
  maxBytes: number,
  consume: (file: Readable, fileName: string) => Promise<T>,
): Promise<T> => {
  if (!request.is('multipart/form-data'))
    throw new ApiProblem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Evidence is uploaded as multipart/form-data.');
  const length = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(length) && length > maxBytes + FRAMING_ALLOWANCE)
    throw new EvidenceUploadError('too-large', `The file is larger than ${maxBytes} bytes.`);
  let parser: ReturnType<typeof busboy>;
  try {
    parser = busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      // One byte over the limit reaches the store, which refuses it (busboy would truncate silently).
      limits: { fileSize: maxBytes + 1, files: 1, fields: 0, headerPairs: 20 },
    });
  } catch {
    throw new EvidenceUploadError('invalid-form', 'The multipart request has no boundary.');
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let sawFile = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      // The rest of a refused request is read and dropped, so the answer reaches the client.
      if (!request.complete) request.resume();
      outcome();
    };
    const fail = (error: unknown): void => settle(() => reject(error));
    parser.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD || sawFile) {
        stream.resume();
        return fail(new EvidenceUploadError('invalid-form', `Send exactly one file, in the field "${FILE_FIELD}".`));
      }
      sawFile = true;
      // The stream may fail (a form cut short) before the store starts reading it; the store's
      // read sees the error then, and this listener keeps it from being an unhandled 'error'.
      stream.on('error', () => undefined);
      consume(stream, info.filename ?? '').then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => fail(isCutShort(error) ? incomplete() : error),
      );
    });
    parser.on('error', (error) => {
      if (!sawFile) fail(isCutShort(error) ? incomplete() : new EvidenceUploadError('invalid-form', error.message));
    });
    parser.on('close', () => {
      if (!sawFile)
        fail(new EvidenceUploadError('missing-file', `The request has no file in the field "${FILE_FIELD}".`));
    });
    for (const limit of ['filesLimit', 'fieldsLimit'] as const)
      parser.on(limit, () =>
        fail(new EvidenceUploadError('invalid-form', `Send exactly one file, in the field "${FILE_FIELD}".`)),
      );
    // The client went away before the end: the file stream fails, and with it the staging.
    request.on('close', () => {
      if (!request.complete) parser.destroy(new Error('Unexpected end of form'));
    });
    request.pipe(parser);
  });
};

const incomplete = (): EvidenceUploadError =>
  new EvidenceUploadError('incomplete', 'The upload ended before the file was complete.');

const isCutShort = (error: unknown): boolean =>
  error instanceof Error && /^Unexpected end of (form|file)$/.test(error.message);
