import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API owns: never answered with the web app, so an unknown API route stays a problem+json 404. */
const API_PREFIXES = ['/api/', '/api', '/health/', '/health'];

/**
 * Where `vite build` put the workbench (apps/web → dist/web): beside the compiled tree when the
 * API runs from dist/ (`npm start`, the production image), or in the repository's dist/ when it
 * runs from the sources (e2e and browser journeys). Undefined when it was not built: the API then
 * serves only /api and /health, as before.
 */
export const webAppDirectory = (candidates: readonly string[] = defaultCandidates()): string | undefined =>
  candidates.find((dir) => existsSync(join(dir, 'index.html')));

const defaultCandidates = (): string[] => [
  // dist/apps/api/src/web → dist/web
  resolve(__dirname, '..', '..', '..', '..', 'web'),
  // apps/api/src/web → dist/web of the repository
  resolve(__dirname, '..', '..', '..', '..', 'dist', 'web'),
];

/** The copies the build compresses beside each asset (apps/web/vite.config.mts), in our order of preference. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** A built asset's path: one file name under /assets, never a way out of the directory. */
const ASSET_PATH = /^\/assets\/[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:js|css|svg)$/;

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

const isApiPath = (path: string): boolean =>
  API_PREFIXES.some((prefix) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)));

/**
 * Serves the single-page workbench at `/`: its files (hashed assets cached for a year), and
 * index.html for every other GET outside /api and /health, so a deep link such as
 * `/cases/clue/<id>` opens the app, which then asks the API (and shows its 404 if the case is not
 * the caller's to see).
 */
export const serveWebApp = (app: NestExpressApplication, webDirectory = webAppDirectory()): boolean => {
  if (!webDirectory) return false;
  const directory = resolve(webDirectory);
  const index = join(directory, 'index.html');
  // The scripts are ~1.9 MB as built and ~0.6 MB compressed: the compressed copy when the browser
  // takes it, without compressing on every request (hashed names, so the copies never go stale).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !ASSET_PATH.test(req.path)) return next();
    res.vary('Accept-Encoding');
    const copy = PRECOMPRESSED.map(({ encoding, suffix }) => ({
      encoding,
      file: join(directory, req.path + suffix),
    })).find(({ encoding, file }) => req.acceptsEncodings(encoding) === encoding && existsSync(file));
    if (!copy) return next();
    res.setHeader('Content-Encoding', copy.encoding);
    res.setHeader('Cache-Control', YEAR_IMMUTABLE);
    res.type(extname(req.path));
    res.sendFile(copy.file, (error?: Error) => error && next(error));
  });
  app.useStaticAssets(directory, {
    index: false,
    setHeaders: (res: Response, path: string) => {
      res.setHeader('Cache-Control', path.startsWith(join(directory, 'assets')) ? YEAR_IMMUTABLE : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error?: Error) => error && next(error));
  });
  return true;
};
