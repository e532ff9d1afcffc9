import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS_STREAM } from '@xj/application';
import { UserStore, USERS_FILENAME } from '@xj/composition';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { startTestApp } from '../../../../test/e2e/support/test-app';
import { run } from '../cli-run.fixtures-spec';

describe('xingji-link account (user management from the CLI)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'xj-cli-accounts-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, changes, disables, re-enables and resets an account, each change an event of the operator', async () => {
    const created = await run(dir, [
      'account',
      'create',
      'wang.li',
      '--name',
      '王莉',
      '--role',
      'RuleOfLawOffice',
      '--org',
      'dawa.rol-office',
      '--position',
      'Staff',
    ]);
    expect(created.exitCode).toBe(0);
    expect(created.json).toMatchObject({
      account: { username: 'wang.li', role: 'RuleOfLawOffice', mustChangePassword: true, disabled: false },
      oneTimePassword: expect.stringMatching(/^.{16,}$/),
    });

    const changed = await run(dir, [
      'account',
      'change',
      'wang.li',
      '--role',
      'JusticeBureau',
      '--org',
      'panjin.justice',
    ]);
    expect(changed.json).toMatchObject({ role: 'JusticeBureau', orgId: 'panjin.justice' });
    expect((await run(dir, ['account', 'disable', 'wang.li', '--reason', '调离'])).json).toMatchObject({
      disabled: true,
    });
    expect((await run(dir, ['account', 'enable', 'wang.li'])).json).toMatchObject({ disabled: false });
    const reset = await run(dir, ['account', 'reset-password', 'wang.li']);
    expect(reset.json).toMatchObject({ account: { mustChangePassword: true } });

    const listed = (await run(dir, ['account', 'list'])).json as { username: string; passwordHash?: string }[];
    expect(listed.map((a) => a.username)).toEqual(['wang.li']);
    expect(listed[0]).not.toHaveProperty('passwordHash');

    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    try {
      const events = await store.readStream(ACCOUNTS_STREAM);
      expect(events.map((e) => e.type)).toEqual([
        'AccountCreated',
        'AccountRoleChanged',
        'AccountOrganisationChanged',
        'AccountDisabled',
        'AccountReenabled',
        'AccountPasswordReset',
      ]);
      expect(events[1]?.data).toMatchObject({ username: 'wang.li', from: 'RuleOfLawOffice', to: 'JusticeBureau' });
      expect(events[3]?.data).toMatchObject({ reason: '调离' });
      expect(new Set(events.map((e) => e.metadata.actor.role))).toEqual(new Set(['Operator']));
      expect(events[0]?.metadata.actor.userId).toMatch(/^cli:/);
    } finally {
      await store.close();
    }
  });

  it('refuses what the rules refuse with the code, exit code 2, and changes nothing', async () => {
    const mismatch = await run(dir, ['account', 'change', 'wang.li', '--role', 'Auditor']);
    expect(mismatch.exitCode).toBe(2);
    expect(mismatch.stderr).toContain('ACCOUNT.ROLE_NOT_OF_ORGANISATION');
    const unknown = await run(dir, ['account', 'disable', 'nobody']);
    expect([unknown.exitCode, unknown.stderr.includes('ACCOUNT.NOT_FOUND')]).toEqual([2, true]);
    const missing = await run(dir, ['account', 'create', 'li.si', '--name', '李四']);
    expect([missing.exitCode, missing.stderr.includes('--role')]).toEqual([2, true]);
    const listed = (await run(dir, ['account', 'list'])).json as { username: string; role: string }[];
    expect(listed).toEqual([expect.objectContaining({ username: 'wang.li', role: 'JusticeBureau' })]);
  });

  it('resets a second factor (reset-mfa): an event of the operator, the account’s sessions end', async () => {
    const none = await run(dir, ['account', 'reset-mfa', 'wang.li']);
    expect([none.exitCode, none.stderr.includes('ACCOUNT.NO_SECOND_FACTOR')]).toEqual([2, true]);
    // An enrolled factor, as the API leaves it in the users file after a confirmed enrolment.
    const users = new UserStore(join(dir, USERS_FILENAME));
    const before = users.find('wang.li')!;
    users.put({
      ...before,
      secondFactor: { sealedSecret: 'plain:GEZDGNBVGY3TQOJQ', enrolledAt: '2026-12-07T09:00:00Z' },
    });
    const reset = await run(dir, ['account', 'reset-mfa', 'wang.li']);
    expect([reset.exitCode, reset.json]).toEqual([0, expect.objectContaining({ secondFactor: false })]);
    const after = new UserStore(join(dir, USERS_FILENAME)).find('wang.li')!;
    expect(after).not.toHaveProperty('secondFactor');
    expect(after.credentialVersion).toBe((before.credentialVersion ?? 0) + 1);
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    try {
      const last = (await store.readStream(ACCOUNTS_STREAM)).at(-1);
      expect([last?.type, last?.data['username'], last?.metadata.actor.role]).toEqual([
        'AccountSecondFactorReset',
        'wang.li',
        'Operator',
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('xingji-link account, while the API runs on the same data directory', () => {
  it('ends the sessions of an account it disables at the API’s next request (the API re-reads the users file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-cli-accounts-api-'));
    const api = await startTestApp({ DEMO: '0' }, dir);
    try {
      const created = await run(dir, [
        'account',
        'create',
        'li.si',
        '--name',
        '李四',
        '--role',
        'JusticeBureau',
        '--org',
        'panjin.justice',
        '--position',
        'Head',
      ]);
      const { oneTimePassword } = created.json as { oneTimePassword: string };
      const login = await api.http().post('/api/v1/auth/token').send({ username: 'li.si', password: oneTimePassword });
      expect(login.status).toBe(200);
      const token = login.body.accessToken as string;
      const me = () => api.http().get('/api/v1/auth/session').set('Authorization', `Bearer ${token}`);
      expect((await me()).body).toMatchObject({ role: 'JusticeBureau', passwordChangeDue: 'one-time' });
      expect((await run(dir, ['account', 'disable', 'li.si'])).exitCode).toBe(0);
      const refused = await me();
      expect([refused.status, refused.body.code]).toEqual([401, 'AUTH.TOKEN_REVOKED']);
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
