import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessLog, readTar, systemClock, writeTar } from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { startTestApp } from '../../../../test/e2e/support/test-app';
import { clueUnderAnalysis, journeyClient, sentReferral, subject } from '../../../../test/e2e/support/journey-helpers';
import { run } from '../cli-run.fixtures-spec';

/**
 * `package export|import|key` in-process, as `npm run cli -- …` runs them: an office's data directory
 * the real API filled (a referral sent to the city commission) and the commission's, empty but
 * trusting the office's key.
 */
describe('CLI transfer packages', () => {
  let office: string;
  let commission: string;
  let referralId: string;

  beforeAll(async () => {
    office = mkdtempSync(join(tmpdir(), 'xj-cli-office-'));
    commission = mkdtempSync(join(tmpdir(), 'xj-cli-commission-'));
    const t = await startTestApp({}, office);
    const api = journeyClient(t);
    referralId = await sentReferral(api, await clueUnderAnalysis(api), [subject('s-1')], 'panjin.ccdi');
    await t.close();
  }, 60_000);
  afterAll(() => {
    rmSync(office, { recursive: true, force: true });
    rmSync(commission, { recursive: true, force: true });
  });

  it('exports on the office, refuses an altered copy with its report (exit 2), imports the genuine one once', async () => {
    const key = await run(office, ['package', 'key']);
    expect(key).toMatchObject({ exitCode: 0, json: { algorithm: 'ed25519', keyId: expect.any(String) } });
    mkdirSync(join(commission, 'transfer-trusted-keys', 'panjin.rol-office'), { recursive: true });
    writeFileSync(
      join(commission, 'transfer-trusted-keys', 'panjin.rol-office', 'office.pem'),
      (key.json as { publicKeyPem: string }).publicKeyPem,
    );

    const file = join(office, 'out.tar');
    const exported = await run(office, ['package', 'export', referralId, '--out', file]);
    expect(exported).toMatchObject({ exitCode: 0, json: { ok: true, kind: 'referral', file } });
    const store = new SqliteEventStore({ filename: join(office, 'events.sqlite') });
    const logged = await new AccessLog(store, systemClock).byTarget(
      { kind: 'referral', id: referralId },
      { limit: 50 },
    );
    await store.close();
    expect(logged.entries.map((e) => [e.action, e.detail, e.request.method])).toContainEqual([
      'package',
      (exported.json as { packageHash: string }).packageHash,
      'CLI',
    ]);
    expect(await run(office, ['package', 'export', referralId])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--out'),
    });

    const altered = join(commission, 'altered.tar');
    const files = new Map(readTar(readFileSync(file)));
    const name = `events/referral-${referralId}.jsonl`;
    files.set(name, Buffer.from(files.get(name)!.toString('utf8').replace('同意移送', '不同意移送')));
    writeFileSync(
      altered,
      writeTar(
        [...files].map(([n, data]) => ({ name: n, data })),
        new Date(),
      ),
    );
    const refused = await run(commission, ['package', 'import', altered]);
    expect(refused).toMatchObject({
      exitCode: 2,
      json: {
        ok: false,
        code: 'PACKAGE.CHAIN_BROKEN',
        problems: [expect.objectContaining({ streamId: `referral-${referralId}`, revision: '1' })],
      },
      stderr: expect.stringContaining('Package refused'),
    });

    const imported = await run(commission, ['package', 'import', file]);
    expect(imported).toMatchObject({
      exitCode: 0,
      json: {
        ok: true,
        imported: true,
        referralId,
        appended: expect.arrayContaining([{ streamId: `referral-${referralId}`, events: 3 }]),
      },
    });
    const again = await run(commission, ['package', 'import', file]);
    expect(again).toMatchObject({ exitCode: 0, json: { imported: false, appended: [] } });
  });
});
