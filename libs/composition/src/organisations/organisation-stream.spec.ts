import { FixedClock } from '@xj/application';
import { inMemoryEventStore } from '@xj/testing';
import { Actor } from '@xj/domain';
import { DEMO_ORGANISATIONS, OrganisationDirectory, describeContextOf } from './organisation-directory';
import { OrganisationAdministration } from './organisation-administration';
import { ORGANISATIONS_STREAM, OrganisationStream } from './organisation-stream';

const admin: Actor = {
  userId: 'u-admin',
  role: 'Administrator',
  position: 'Staff',
  orgId: 'panjin.it',
  regionId: 'panjin',
};
const agency = {
  id: 'dawa.water',
  nameZh: '大洼区水务局',
  nameEn: 'Dawa Water Bureau',
  role: 'EnforcementAgency' as const,
  regionId: 'panjin/dawa',
  parentId: 'dawa',
};
const processOn = (store: ReturnType<typeof inMemoryEventStore>) =>
  new OrganisationStream(store, new OrganisationDirectory(DEMO_ORGANISATIONS), DEMO_ORGANISATIONS);
const settle = async (until: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !until(); i += 1) await new Promise((r) => setImmediate(r));
};

describe('OrganisationStream: the running directory follows administration-organisations', () => {
  it('seeds an empty stream once, however many processes start, recorded by system:organisations', async () => {
    const store = inMemoryEventStore();
    await Promise.all([
      processOn(store).seed('2026-12-07T00:00:00.000Z'),
      processOn(store).seed('2026-12-07T00:00:01.000Z'),
    ]);
    await processOn(store).seed('2026-12-08T00:00:00.000Z');
    const events = await store.readStream(ORGANISATIONS_STREAM);
    expect(events.filter((e) => e.type === 'OrganisationAdded')).toHaveLength(DEMO_ORGANISATIONS.length);
    expect(new Set(events.map((e) => e.metadata.actor.userId))).toEqual(new Set(['system:organisations']));
  });

  it('seeds a data directory from before the stream existed (cases and accounts already stored) at its next start', async () => {
    const store = inMemoryEventStore();
    await store.append(
      'administration-accounts',
      [
        {
          eventId: '00000000-0000-4000-8000-000000000001',
          type: 'AccountCreated',
          data: {
            userId: 'u-1',
            username: 'sysadmin',
            displayName: 'x',
            role: 'Administrator',
            orgId: 'panjin.it',
            position: 'Staff',
          },
          metadata: {
            schemaVersion: 1,
            actor: { userId: 'system:accounts', role: 'System', orgId: 'system' },
            commandId: 'c-1',
            correlationId: 'c-1',
            causationId: 'c-1',
          },
        },
      ],
      'no_stream',
    );
    const stream = processOn(store);
    await stream.seed('2026-12-07T00:00:00.000Z');
    expect((await store.readStream(ORGANISATIONS_STREAM)).length).toBeGreaterThan(DEMO_ORGANISATIONS.length);
    expect(stream.directory.get('panjin.it')?.role).toBe('Administrator');
  });

  it('sees an agency added by another process (an API replica) without a restart, through its subscription', async () => {
    const store = inMemoryEventStore();
    const replica = processOn(store);
    const worker = processOn(store);
    await replica.seed('2026-12-07T00:00:00.000Z');
    await worker.start();
    expect(worker.directory.get('dawa.water')).toBeUndefined();
    const before = worker.directory.version;
    await new OrganisationAdministration(replica, new FixedClock(new Date('2026-12-07T09:00:00.000Z'))).add(
      admin,
      agency,
    );
    await settle(() => worker.directory.get('dawa.water') !== undefined);
    expect(worker.directory.get('dawa.water')).toEqual(agency);
    expect(worker.directory.version).toBeGreaterThan(before);
    await worker.stop();
  });

  it('names an organisation as it was called at a time: the rename does not reach back', async () => {
    const store = inMemoryEventStore();
    const stream = processOn(store);
    await stream.seed('2026-12-01T00:00:00.000Z');
    const admin9 = new OrganisationAdministration(stream, new FixedClock(new Date('2026-12-07T09:00:00.000Z')));
    await admin9.change(admin, 'dawa.emergency', { nameZh: '大洼区应急局' });
    const names = describeContextOf(stream.directory);
    expect(names.orgName('dawa.emergency', '2026-12-05T00:00:00.000Z')?.zh).toBe('大洼区应急管理局');
    // A case acted on before the stream existed (a data directory from before): the seeded name.
    expect(names.orgName('dawa.emergency', '2025-01-01T00:00:00.000Z')?.zh).toBe('大洼区应急管理局');
    expect(names.orgName('dawa.emergency', '2026-12-07T09:00:00.000Z')?.zh).toBe('大洼区应急局');
    expect(names.orgName('dawa.emergency')?.zh).toBe('大洼区应急局');
  });

  it('refuses a non-administrator with the code of every role refusal', async () => {
    const store = inMemoryEventStore();
    const stream = processOn(store);
    await stream.seed('2026-12-01T00:00:00.000Z');
    const administration = new OrganisationAdministration(stream, new FixedClock(new Date('2026-12-07T09:00:00.000Z')));
    const office: Actor = { ...admin, role: 'RuleOfLawOffice', orgId: 'dawa.rol-office' };
    await expect(administration.add(office, agency)).rejects.toMatchObject({
      domainError: { code: 'AUTH.ROLE_NOT_ALLOWED' },
    });
    expect(() => administration.list(office)).toThrow(
      expect.objectContaining({ domainError: expect.objectContaining({ code: 'AUTH.ROLE_NOT_ALLOWED' }) }),
    );
    expect(administration.list({ role: 'Auditor' }).length).toBe(DEMO_ORGANISATIONS.length);
  });
});
