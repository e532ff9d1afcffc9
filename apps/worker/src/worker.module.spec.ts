import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, EventStore, ProjectionRunner } from '@xj/application';
import { loadAppConfig } from '../../api/src/config/app-config';
import { WorkerModule } from './worker.module';

describe('WorkerModule', () => {
  it('runs the projections from the event store even where the API replicas are told not to (RUN_PROJECTIONS=false)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-worker-'));
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadAppConfig({ DATA_DIR: dir, RUN_PROJECTIONS: 'false' })), { logger: false });
    try {
      await app.init();
      const store = app.get<EventStore>(EVENT_STORE);
      const runner = app.get(ProjectionRunner);
      const { position } = await store.append(
        'clue-w1',
        [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'Unrelated', data: {}, metadata: { schemaVersion: 1, actor: { userId: 'u', role: 'RuleOfLawOffice', orgId: 'o' }, commandId: 'c', correlationId: 'c', causationId: 'c' } }],
        'no_stream',
      );
      expect(await runner.waitFor(position, 5000)).toBe(true);
      expect((await runner.status()).every((s) => s.state !== 'stopped')).toBe(true);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
