import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const res = await request(app.getHttpServer()).get('/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

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
