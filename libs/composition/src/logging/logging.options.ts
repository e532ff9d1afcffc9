import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';

const CORRELATION = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Structured JSON logs with a correlation id per request (X-Correlation-Id in, or a new one).
 * Only method, route, status and timing are logged: never bodies, query strings, tokens or case
 * content (confidentiality — leaking case information is itself situation #6).
 */
export const pinoOptions = (level: string): Params => ({
  pinoHttp: {
    level,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION.test(given) ? given : randomUUID();
    },
    customProps: (req: IncomingMessage) => ({ correlationId: (req as IncomingMessage & { id?: unknown }).id }),
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
  },
});
