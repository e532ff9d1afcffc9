import { call, get, newIdempotencyKey, problemOf, send } from './api-client';

/** The lists (ledgers, inbox), statistics and the auditor's reads; exports downloaded as files. */

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly skip: number;
  readonly stale: boolean;
}

export type Query = Record<string, string | number | boolean | undefined>;
export type Row = Record<string, unknown>;

export const LEDGERS = {
  clues: '/api/v1/ledgers/clues',
  rectification: '/api/v1/ledgers/rectification',
  correctedCases: '/api/v1/ledgers/corrected-cases',
  accountability: '/api/v1/ledgers/accountability',
  inbox: '/api/v1/inbox',
} as const;

export const getPage = (path: string, query: Query = {}): Promise<Page<Row>> => get(path, query);

export const getStatistics = (query: Query = {}): Promise<Record<string, unknown>> => get('/api/v1/statistics', query);

export const getAccessLog = (query: Query): Promise<{ entries: Row[]; nextCursor: string | null }> =>
  get('/api/v1/audit/access-log', query);

export const getCheckpoints = (): Promise<unknown> => get('/api/v1/integrity/checkpoints');

export const verifyChain = async (streamId?: string): Promise<Record<string, unknown>> =>
  (
    await call<Record<string, unknown>>('POST', '/api/v1/integrity/verification', streamId ? { streamId } : {}, {
      'Idempotency-Key': newIdempotencyKey(),
    })
  ).body;

/**
 * The file name of a Content-Disposition: `filename*=UTF-8''…` first (RFC 6266/5987: a Chinese
 * name such as 问题线索移送函.docx), else `filename=` (its ASCII stand-in).
 */
const fileNameOf = (disposition: string): string | undefined => {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended)
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed encoding: the plain name below.
    }
  return /filename="?([^";]+)"?/.exec(disposition)?.[1];
};

/** Downloads an export (CSV or XLSX) with the session's credentials and hands it to the browser as a file. */
export const download = async (path: string, query: Query, fallbackName: string): Promise<void> => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const res = await send('GET', params.size ? `${path}?${params}` : path);
  if (!res.ok) throw await problemOf(res);
  const name = fileNameOf(res.headers.get('content-disposition') ?? '') ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
