import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSigningInput, CheckpointSigner, UnsignedLogBundle } from '@xj/application';
import { startTestApp } from '../../../../test/e2e/support/test-app';
import { run as cli } from '../cli-run.fixtures-spec';

/** Issue 18: `audit verify-bundle <file>` checks a signed log bundle the audit administrator exported. */
describe('cli audit verify-bundle', () => {
  const files = mkdtempSync(join(tmpdir(), 'xj-bundle-'));
  let dataDir = '';
  let bundle: Record<string, unknown> = {};

  beforeAll(async () => {
    const t = await startTestApp();
    dataDir = t.dataDir;
    try {
      const admin = { Authorization: `Bearer ${await t.token('admin')}` };
      await t
        .http()
        .post('/api/v1/accounts')
        .set(admin)
        .send({
          username: 'li.cli',
          displayName: '李',
          role: 'JusticeBureau',
          orgId: 'panjin.justice',
          position: 'Staff',
        })
        .expect(201);
      const res = await t
        .http()
        .get('/api/v1/audit/administration-log/export.json')
        .set({ Authorization: `Bearer ${await t.token('auditadmin')}` })
        .buffer(true)
        .parse((stream, done) => {
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          stream.on('end', () => done(null, text));
        })
        .expect(200);
      bundle = JSON.parse(res.body as string) as Record<string, unknown>;
    } finally {
      await t.app.close();
    }
  });
  afterAll(() => {
    rmSync(files, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts the bundle as exported, signed with this instance’s key', async () => {
    writeFileSync(join(files, 'good.json'), JSON.stringify(bundle));
    expect(await cli(dataDir, ['audit', 'verify-bundle', join(files, 'good.json')])).toMatchObject({
      exitCode: 0,
      // The organisations seeded at the first start (issue 18) and the account created above.
      json: {
        ok: true,
        log: 'administration',
        records: (bundle['records'] as unknown[]).length,
        trustedKey: true,
        problems: [],
      },
    });
  });

  it('refuses a bundle with a record changed after signing (exit code 1)', async () => {
    const records = bundle['records'] as { streamId: string; data: Record<string, unknown> }[];
    expect(records.length).toBeGreaterThan(1);
    const changed = { ...bundle, records: [{ ...records[0], data: { ...records[0]!.data, role: 'Auditor' } }] };
    writeFileSync(join(files, 'changed.json'), JSON.stringify(changed));
    const run = await cli(dataDir, ['audit', 'verify-bundle', join(files, 'changed.json')]);
    expect(run.exitCode).toBe(1);
    expect((run.json as { problems: string[] }).problems).toEqual([
      'the signature does not verify: the bundle was changed after it was signed',
      `${records[0]!.streamId}@0: hash does not match`,
    ]);
  });

  it('refuses a bundle re-signed by another key: it proves nothing about this instance', async () => {
    const other = CheckpointSigner.generate();
    const { signature: _s, ...unsigned } = bundle;
    const forged = {
      ...unsigned,
      signature: {
        algorithm: 'ed25519',
        keyId: other.keyId,
        publicKey: other.publicKeyPem,
        value: other.signBytes(bundleSigningInput(unsigned as unknown as UnsignedLogBundle)),
      },
    };
    writeFileSync(join(files, 'forged.json'), JSON.stringify(forged));
    expect(await cli(dataDir, ['audit', 'verify-bundle', join(files, 'forged.json')])).toMatchObject({
      exitCode: 1,
      json: { ok: false, trustedKey: false, problems: ['signed by a key other than the trusted one'] },
    });
  });
});
