import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AccessLog, EVENT_STORE, EventStore, FixedClock, ProjectionRunner } from '@xj/application';
import { AccessLogArchiveHost, loadAppConfig } from '@xj/composition';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import {
  ACTORS,
  AuditWorld,
  CITY_CCDI,
  CLAIM,
  DAWA_CCDI,
  S1,
  S2,
  clueProposed,
  dateOf,
  packageOf,
} from '../../../libs/application/src/audit/audit.fixtures-spec';
import { WorkerModule } from './worker.module';

describe('WorkerModule', () => {
  it('runs the projections from the event store even where the API replicas are told not to (RUN_PROJECTIONS=false)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-worker-'));
    const app = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(loadAppConfig({ DATA_DIR: dir, RUN_PROJECTIONS: 'false' })),
      { logger: false },
    );
    try {
      await app.init();
      const store = app.get<EventStore>(EVENT_STORE);
      const runner = app.get(ProjectionRunner);
      const { position } = await store.append(
        'clue-w1',
        [
          {
            eventId: '00000000-0000-4000-8000-000000000001',
            type: 'Unrelated',
            data: {},
            metadata: {
              schemaVersion: 1,
              actor: { userId: 'u', role: 'RuleOfLawOffice', orgId: 'o' },
              commandId: 'c',
              correlationId: 'c',
              causationId: 'c',
            },
          },
        ],
        'no_stream',
      );
      expect(await runner.waitFor(position, 5000)).toBe(true);
      expect((await runner.status()).every((s) => s.state !== 'stopped')).toBe(true);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('assigns the items of a submitted plan (the rectification-plan workflow, run by the WorkflowProcessor of the worker)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-worker-'));
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadAppConfig({ DATA_DIR: dir })), {
      logger: false,
    });
    try {
      await app.init();
      const store = app.get<EventStore>(EVENT_STORE);
      const world = new AuditWorld(() => store);
      const { office, officeHead, agencyHead } = ACTORS;
      const agency = { orgId: 'dawa.emergency', name: '大洼区应急管理局' };
      await world.clue('C1', 'RegisterClue', office, 0, {
        regionId: 'panjin/dawa',
        source: 'Reconsideration',
        sourceRef: 'R-1',
        receivedAt: '2026-02-27T16:00:00+08:00',
        agency,
        summary: '逾期未纠正',
      });
      await world.clue('C1', 'StartAnalysis', office, 0, { analystUserId: 'u-office' });
      await world.clue('C1', 'StartVerification', officeHead, 1, {
        ...CLAIM,
        category: 'Inaction',
        verificationPlan: '调取卷宗',
        team: ['u-office'],
      });
      await world.clue('C1', 'IssueSupervisionInstrument', officeHead, 2, {
        verificationReport: '属实',
        responsibleUnits: [agency.orgId],
        instrument: { kind: 'SupervisionOpinion', documentNo: 'D-1' },
      });
      const items = [
        {
          itemId: 'I1',
          issue: '罚款未撤销',
          measures: '撤销',
          mode: 'Deadline' as const,
          dueDate: dateOf(30),
          responsiblePerson: '李某',
          owner: '张局长',
        },
      ];
      await world.clue('C1', 'SubmitRectificationPlan', agencyHead, 3, { items });
      for (let waited = 0; (await store.streamRevision('rectification-I1')) === undefined; waited += 10) {
        if (waited > 5000) throw new Error('item I1 was never assigned');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const [assigned] = await store.readStream('rectification-I1');
      expect(assigned).toMatchObject({ type: 'RectificationItemAssigned', data: { clueId: 'C1', owner: '张局长' } });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records a sent referral on its clue and opens the child of a partial acceptance with no request to do it (the referral workflows)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-worker-'));
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadAppConfig({ DATA_DIR: dir })), {
      logger: false,
    });
    try {
      await app.init();
      const store = app.get<EventStore>(EVENT_STORE);
      const world = new AuditWorld(() => store);
      const { office, officeHead, ccdi, ccdiHead } = ACTORS;
      // Only the referral's own commands, as a request that died right after each would leave them.
      await clueProposed(world);
      await world.referral('R1', 'DraftReferral', office, 1, {
        clueId: 'C1',
        clue: { regionId: 'panjin/dawa', status: 'Verification' },
        package: packageOf([S1, S2]),
      });
      await world.referral('R1', 'ApproveReferral', officeHead, 1, { opinion: '同意移送' });
      await world.referral('R1', 'SendReferral', office, 2, { target: CITY_CCDI });
      await world.referral('R1', 'ReceiveReferral', ccdi, 3, { registrationNo: 'JW-2026-001' });
      await world.referral('R1', 'PartiallyAcceptReferral', ccdiHead, 4, {
        acceptedSubjectIds: ['s1'],
        forwardTo: DAWA_CCDI,
        childReferralId: 'R1a',
        reason: '乡科级干部由区纪委监委管辖',
      });
      const types = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.type);
      for (let waited = 0; (await store.streamRevision('referral-R1a')) === undefined; waited += 10) {
        if (waited > 5000) throw new Error('the child R1a was never opened');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await types('referral-R1a')).toEqual(['ForwardedReferralOpened']);
      expect((await types('clue-C1')).filter((t) => t === 'ClueReferralSent')).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('archives the access-log segments past retention (what its timer runs every ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-worker-'));
    const clock = new FixedClock(new Date('2025-01-01T10:00:00Z'));
    const old = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), clock });
    await new AccessLog(old, clock, { flushMs: 0 }).record({
      target: { kind: 'clue', id: 'c-1' },
      action: 'details',
      outcome: 'denied',
      reader: { userId: 'u', role: 'Auditor', orgId: 'o' },
      request: { correlationId: 'corr-1', clientIp: null },
    });
    await old.close();
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadAppConfig({ DATA_DIR: dir })), {
      logger: false,
    });
    try {
      await app.init();
      await app.get(AccessLogArchiveHost).runOnce();
      expect(await app.get<EventStore>(EVENT_STORE).streamRevision('accesslog-20250101.main')).toBeUndefined();
      expect(existsSync(join(dir, 'access-log-archive', 'accesslog-20250101.main.jsonl.gz'))).toBe(true);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
