import { AccessAction, AccessLogEntry, AccessTarget } from '@xj/application';

/**
 * The route a recorded read came in on, where the target and action say it: such records store
 * neither method nor path (see the access log's compact records), and the query answer puts them
 * back. A read on any other route (a trailing slash, an encoded id, the CLI) keeps its own.
 */
const CASE_PATHS: Readonly<Record<string, string>> = {
  clue: 'clues',
  referral: 'referrals',
  rectification: 'rectification-items',
  campaign: 'campaigns',
  accountability: 'accountability-cases',
};
const SUFFIXES: Readonly<Partial<Record<AccessAction, string>>> = {
  details: '',
  history: '/history',
  'as-of': '/as-of',
  explanation: '/explanation',
};

export const ACCESS_LOG_PATH = '/api/v1/audit/access-log';

export const routeOf = (
  target: AccessTarget,
  action: AccessAction,
): { readonly method: string; readonly path: string } | undefined => {
  if (action === 'access-log') return { method: 'GET', path: ACCESS_LOG_PATH };
  const base = CASE_PATHS[target.kind];
  const suffix = SUFFIXES[action];
  if (base === undefined || suffix === undefined) return undefined;
  return { method: 'GET', path: `/api/v1/${base}/${target.id}${suffix}` };
};

/** The entry with its method and path, derived where they were left out. */
export const withRoute = (entry: AccessLogEntry): AccessLogEntry => {
  if (entry.request.method !== undefined && entry.request.path !== undefined) return entry;
  const route = routeOf(entry.target, entry.action);
  return {
    ...entry,
    request: {
      method: entry.request.method ?? route?.method,
      path: entry.request.path ?? route?.path,
      correlationId: entry.request.correlationId,
      clientIp: entry.request.clientIp,
    },
  };
};
