import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_JSON_DEPTH, exceedsJsonDepth } from './json-depth';
import { ApiProblem } from './problem';
import { findUnsafeText } from './safe-text';
import { findOperatorKey } from './validation';

/** The media types this API reads: JSON, under its own name or a structured-syntax suffix (RFC 6839). */
const JSON_TYPES = ['application/json', '+json'];
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** An empty body (`Content-Length: 0`, as some clients send with any content type) is no body. */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const isJson = (req: Request): boolean => Boolean(req.is(JSON_TYPES));

/**
 * The one kind of body that is not JSON: a file uploaded as evidence (issue 19 §1), a transfer
 * package (issue 19 §4) or a legacy ledger workbook to import (issue 19 §3), streamed by its route
 * (cases/attachments/multipart-upload.ts) and never parsed here.
 */
const EVIDENCE_UPLOAD =
  /^\/api\/v1\/(?:(?:clues|referrals|rectification-items)\/[^/]+\/attachments|packages|imports\/ledgers)$/;
const isEvidenceUpload = (req: Request): boolean =>
  req.method === 'POST' && EVIDENCE_UPLOAD.test(req.path) && Boolean(req.is('multipart/form-data'));

const unsupported = (title: string): ApiProblem => new ApiProblem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', title);

/**
 * Every body of every route (but an evidence upload's) is JSON in UTF-8 (RFC 8259 §8.1), or the request is refused with 415
 * before it is read: a form or text body would otherwise skip the parser and reach a handler as
 * `undefined`.
 */
const requireJsonBody = (req: Request, _res: Response, next: NextFunction): void => {
  if (!hasBody(req) || isEvidenceUpload(req)) return next();
  if (!isJson(req)) return next(unsupported('Request bodies must be application/json.'));
  const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return next(unsupported('JSON request bodies must be UTF-8.'));
  next();
};

/** Runs on the raw bytes, before JSON.parse (body-parser's `verify` hook). */
const boundDepth = (_req: Request, _res: Response, bytes: Buffer): void => {
  if (exceedsJsonDepth(bytes, MAX_JSON_DEPTH))
    throw new ApiProblem(
      400,
      'REQUEST.TOO_DEEP',
      `JSON may nest objects and arrays at most ${MAX_JSON_DEPTH} levels deep.`,
    );
};

const decodedPath = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    // Malformed percent-encoding is refused by the router (400) when a route parameter uses it.
    return '';
  }
};

/**
 * After parsing, whatever the route: keys that MongoDB would read as operators or paths, and
 * strings that are not safe text — in the body, the query and the path.
 */
const rejectUnsafeInput = (req: Request, _res: Response, next: NextFunction): void => {
  const key = findOperatorKey(req.body) ?? findOperatorKey(req.query);
  if (key)
    return next(new ApiProblem(400, 'REQUEST.FORBIDDEN_KEY', 'Field names may not start with "$" or contain "."'));
  const inQuery = findUnsafeText(req.query);
  const inPath = findUnsafeText(decodedPath(req.path));
  const field =
    findUnsafeText(req.body) ??
    (inQuery === undefined ? undefined : `query.${inQuery}`) ??
    (inPath === undefined ? undefined : 'path');
  if (field === undefined) return next();
  next(
    new ApiProblem(
      400,
      'REQUEST.INVALID_TEXT',
      'Text may not contain control characters (other than tab and line breaks) or unpaired surrogates.',
      [{ field, violations: [{ code: 'safeText' }] }],
    ),
  );
};

/**
 * The input limits of every route, in order: 415 for a body that is not UTF-8 JSON, then the JSON
 * parser with its size limit (413) and nesting bound (400 REQUEST.TOO_DEEP), then forbidden keys
 * and unsafe text (400). Query strings are parsed flat ('simple': no route takes nested query
 * objects, and `a[b][c]=…` then stays one unknown key that the DTO whitelist refuses).
 */
export const useRequestInputLimits = (app: NestExpressApplication, bodyLimit: string): void => {
  app.set('query parser', 'simple');
  app.use(requireJsonBody);
  // body-parser hands the parser Express's request, which has is(); Nest types it as IncomingMessage.
  app.useBodyParser('json', {
    limit: bodyLimit,
    type: (req: IncomingMessage) => isJson(req as Request),
    verify: boundDepth,
  });
  app.use(rejectUnsafeInput);
};
