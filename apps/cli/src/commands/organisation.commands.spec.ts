import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORGANISATIONS_STREAM } from '@xj/composition';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { run } from '../cli-run.fixtures-spec';

describe('xingji-link org (组织机构管理 from the CLI)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'xj-cli-orgs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a county and an agency, renames and closes it, each change an event of the operator', async () => {
    const county = await run(dir, [
      'org',
      'add',
      'xinqu',
      '--name-zh',
      '新区',
      '--name-en',
      'Xinqu District',
      '--role',
      'PartyLeadership',
      '--region',
      'panjin/xinqu',
      '--parent',
      'panjin',
    ]);
    expect(county.exitCode).toBe(0);
    expect(county.json).toMatchObject({ id: 'xinqu', regionId: 'panjin/xinqu', closed: false });
    const agency = [
      'org',
      'add',
      'xinqu.emergency',
      '--name-zh',
      '新区应急管理局',
      '--name-en',
      'Xinqu Emergency Bureau',
      '--role',
      'EnforcementAgency',
      '--region',
      'panjin/xinqu',
      '--parent',
      'xinqu',
    ];
    expect((await run(dir, agency)).exitCode).toBe(0);
    const renamed = await run(dir, ['org', 'rename', 'xinqu.emergency', '--name-zh', '新区应急局']);
    expect(renamed.json).toMatchObject({ nameZh: '新区应急局', nameEn: 'Xinqu Emergency Bureau' });
    expect((await run(dir, ['org', 'close', 'xinqu.emergency', '--reason', '机构改革'])).json).toMatchObject({
      closed: true,
    });
    const listed = (await run(dir, ['org', 'list'])).json as { id: string; closed: boolean }[];
    expect(listed.find((o) => o.id === 'xinqu.emergency')).toMatchObject({ closed: true });
    expect(listed.find((o) => o.id === 'dawa.emergency')).toMatchObject({ closed: false });

    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    try {
      const events = await store.readStream(ORGANISATIONS_STREAM);
      const own = events.filter((e) => e.metadata.actor.userId !== 'system:organisations');
      expect(own.map((e) => e.type)).toEqual([
        'RegionAdded',
        'OrganisationAdded',
        'OrganisationAdded',
        'OrganisationRenamed',
        'OrganisationClosed',
      ]);
      expect(new Set(own.map((e) => e.metadata.actor.role))).toEqual(new Set(['Operator']));
    } finally {
      await store.close();
    }
  });

  it('refuses as the API does, with the code and exit code 2', async () => {
    const taken = await run(dir, [
      'org',
      'add',
      'dawa.ccdi',
      '--name-zh',
      '重复',
      '--name-en',
      'Again',
      '--role',
      'DisciplineCommission',
      '--region',
      'panjin/dawa',
    ]);
    expect(taken.exitCode).toBe(2);
    expect(taken.stderr).toContain('ORGANISATION.ID_TAKEN');
    const closedAgain = await run(dir, ['org', 'close', 'xinqu.emergency']);
    expect(closedAgain.exitCode).toBe(2);
    expect(closedAgain.stderr).toContain('ORGANISATION.CLOSED');
    const missing = await run(dir, ['org', 'add', 'x.y', '--name-zh', '某局']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--name-en');
  });
});
