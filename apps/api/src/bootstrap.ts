import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './http/openapi-document';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { Clock, EventStore } from '@xj/application';
import { AppConfig } from '@xj/composition';
import { AppModule } from './app.module';
import { useRequestInputLimits } from './http/request-input.middleware';
import { OpenApiDocument } from './http/openapi-document';
import { createValidationPipe } from './http/validation';
import { serveWebApp, webAppDirectory } from './web/web-app';

/** The app's OpenAPI document, for tools outside the app (scripts/gen-api-types.ts). */
export { buildOpenApiDocument };

// What starts the API — main.ts, the e2e suites, the benchmarks and the crash test share it: the
// only file of apps/api that code outside it imports (lint); the rest comes from @xj/composition.
export { DEMO_CREDENTIALS_FILENAME, type DemoCredential, seedDemoAccountsOnFirstStart } from './auth/demo-accounts';
export { FIRST_ADMINISTRATOR_USERNAME, type FirstStart, prepareAccountsOnStart } from './auth/first-start';
export { TokenService, tokenVerifierConfigOf } from './auth/token-service';
export { shutDownGracefully } from './lifecycle/graceful-shutdown';

/** Builds the configured application (not listening). */
export const createApp = async (
  config: AppConfig,
  overrides: {
    eventStore?: EventStore;
    /** What "now" is for commands and the deadline ticker (e2e specs move it; default the system clock). */
    clock?: Clock;
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
  const document = app.get(OpenApiDocument);
  document.useBuilder(() => buildOpenApiDocument(app));
  SwaggerModule.setup('api/docs', app, () => document.get(), { jsonDocumentUrl: 'api/docs-json' });
  return app;
};
