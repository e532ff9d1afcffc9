import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { EventStore } from '@xj/application';
import { AppConfig } from '@xj/composition';
import { AppModule } from './app.module';
import { useRequestInputLimits } from './http/request-input.middleware';
import { createValidationPipe } from './http/validation';
import { serveWebApp, webAppDirectory } from './web/web-app';

// What starts the API — main.ts, the e2e suites, the benchmarks and the crash test share it: the
// only file of apps/api that code outside it imports (lint); the rest comes from @xj/composition.
export { DEMO_CREDENTIALS_FILENAME, type DemoCredential, seedDemoAccountsOnFirstStart } from './auth/demo-accounts';
export { TokenService, tokenVerifierConfigOf } from './auth/token-service';
export { shutDownGracefully } from './lifecycle/graceful-shutdown';

/** Builds the configured application (not listening). */
export const createApp = async (
  config: AppConfig,
  overrides: {
    eventStore?: EventStore;
    quiet?: boolean;
    /** The built workbench to serve at / (default: dist/web when built; null: none). */
    webDirectory?: string | null;
  } = {},
): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, overrides), {
    bufferLogs: true,
    bodyParser: false,
    logger: overrides.quiet ? false : undefined,
  });
  if (!overrides.quiet) app.useLogger(app.get(Logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // helmet's defaults (scripts and connections to this origin only; Ant Design's CSS-in-JS
        // needs style-src 'unsafe-inline', which they allow), without upgrade-insecure-requests:
        // an intranet deployment served over plain http would have every asset request upgraded
        // to https and the workbench would not load.
        directives: { 'upgrade-insecure-requests': null, 'img-src': ["'self'", 'data:', 'blob:'] },
      },
    }),
  );
  // X-Forwarded-For names the client only when the connection comes from a configured proxy;
  // believed from anyone (or from loopback, where a local proxy may not be the only peer), it
  // lets a client choose the address the login limits count it under.
  app.set('trust proxy', config.trustedProxies.length > 0 ? [...config.trustedProxies] : false);
  useRequestInputLimits(app, config.bodyLimit);
  serveWebApp(app, overrides.webDirectory === undefined ? webAppDirectory() : (overrides.webDirectory ?? undefined));
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks: main.ts stops on signals itself (lifecycle/), draining HTTP first.
  // Built on the first request for the docs, not at boot: it walks every route and DTO (~80 ms),
  // which every restart would otherwise wait for before listening.
  const buildDocument = (): OpenAPIObject => {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('xingji-link — 行纪衔接 case-transfer API')
        .setDescription(
          'Clues (问题线索), referrals (移送) to the discipline commission (纪委监委), rectification items (整改事项) and escalations (督办). Errors are application/problem+json with a stable `code`.\n\n' +
            'Clients MUST send an `Idempotency-Key` on every command (every POST to a case route): a write that was committed can still answer 503 (or lose its answer on the way) when the disk or the network fails at the wrong moment. ' +
            'Retrying with the same key and body answers the original success and writes nothing — also while the first attempt is still running and after a restart; the same key with another body answers 422. Only successes are remembered: a retry after an error is executed again.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    document.components = {
      ...document.components,
      schemas: {
        ...document.components?.schemas,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', example: 'CLUE.WRONG_STATE' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            correlationId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
              },
            },
          },
        },
        CommandResult: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['clue', 'referral', 'rectification'] },
            id: { type: 'string' },
            status: { type: 'string' },
            revision: { type: 'string', nullable: true },
            position: { type: 'string', nullable: true },
            events: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    };
    return document;
  };
  SwaggerModule.setup('api/docs', app, buildDocument, { jsonDocumentUrl: 'api/docs-json' });
  return app;
};
