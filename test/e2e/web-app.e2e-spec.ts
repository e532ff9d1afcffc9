import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadAppConfig } from '@xj/composition';
import { createApp } from '../../apps/api/src/bootstrap';

/** The workbench is served at / beside the API (issue 16), and never in place of an API answer. */
describe('Serving the workbench', () => {
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-web-'));
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'index-abc.js'), 'console.log(1)');
    // As the build leaves them: a compressed copy beside each script (here of marker texts, to tell them apart).
    writeFileSync(join(web, 'assets', 'index-abc.js.br'), brotliCompressSync('/* br copy */'));
    writeFileSync(join(web, 'assets', 'index-abc.js.gz'), gzipSync('/* gzip copy */'));
    writeFileSync(join(web, 'assets', 'plain-abc.js'), 'console.log(2)');
    app = await createApp(loadAppConfig({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }), {
      quiet: true,
      webDirectory: web,
    });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/cases/clue/c-1', '/ledgers'])(
    'given a built workbench, when %s is asked for, then its page answers under a CSP that allows only this origin’s scripts',
    async (path) => {
      const res = await request(app.getHttpServer()).get(path);
      expect({ status: res.status, type: res.type, root: res.text.includes('<div id="root">') }).toEqual({
        status: 200,
        type: 'text/html',
        root: true,
      });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('given a hashed asset, when it is asked for, then it is served with a year-long immutable cache', async () => {
    const res = await request(app.getHttpServer()).get('/assets/plain-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['br, gzip', 'br', '/* br copy */'],
    ['gzip, deflate, br, zstd', 'br', '/* br copy */'],
    ['gzip', 'gzip', '/* gzip copy */'],
    ['br;q=0, gzip', 'gzip', '/* gzip copy */'],
  ])(
    'given a script built with compressed copies, when the browser accepts %s, then the %s copy is served as the script',
    async (acceptEncoding, encoding, body) => {
      // supertest decompresses the answer as a browser does.
      const res = await request(app.getHttpServer()).get('/assets/index-abc.js').set('Accept-Encoding', acceptEncoding);
      expect({
        status: res.status,
        encoding: res.headers['content-encoding'],
        type: res.type,
        vary: res.headers.vary,
        cache: res.headers['cache-control'],
        body: res.text,
      }).toEqual({
        status: 200,
        encoding,
        type: 'text/javascript',
        vary: 'Accept-Encoding',
        cache: 'public, max-age=31536000, immutable',
        body,
      });
    },
  );

  it.each([
    ['identity', '/assets/index-abc.js', 'console.log(1)'],
    ['br, gzip', '/assets/plain-abc.js', 'console.log(2)'],
  ])(
    'when the browser accepts %s or no copy exists (%s), then the script is served as built',
    async (acceptEncoding, path, body) => {
      const res = await request(app.getHttpServer()).get(path).set('Accept-Encoding', acceptEncoding);
      expect({ status: res.status, encoding: res.headers['content-encoding'], body: res.text }).toEqual({
        status: 200,
        encoding: undefined,
        body,
      });
      expect(res.headers.vary).toBe('Accept-Encoding');
    },
  );

  it.each(['/assets/../index.html', '/assets/%2e%2e%2fusers.json', '/assets/x.js.br'])(
    'when %s is asked for, then no compressed copy is looked for outside the assets',
    async (path) => {
      const res = await request(app.getHttpServer()).get(path).set('Accept-Encoding', 'br, gzip');
      expect(res.headers['content-encoding']).toBeUndefined();
    },
  );

  it.each([
    ['get', '/api/v1/no-such-route'],
    ['get', '/api'],
    ['get', '/health/nothing'],
    ['post', '/cases/clue/c-1'],
  ] as const)('when %s %s is asked for, then the API answers a problem, not the page', async (method, path) => {
    const res = await request(app.getHttpServer())[method](path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.type).toBe('application/problem+json');
  });
});
