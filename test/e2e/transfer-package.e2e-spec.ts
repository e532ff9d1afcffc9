import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { CheckpointSigner, SIGNATURE_FILE, manifestBytes, readTar, writeTar } from '@xj/application';
import { TestApp, startTestApp } from './support/test-app';
import {
  JourneyClient,
  REFERRALS,
  CLUES,
  clueUnderAnalysis,
  expectAnswer,
  journeyClient,
  sentReferral,
  subject,
  todayInChina,
} from './support/journey-helpers';

/**
 * 移送材料包 (issue 19 §4): two instances on separate data directories — the city office's and the
 * city commission's, as on two networks — each trusting the other's signing key. A referral goes
 * over as a package, the commission works it, and its feedback comes back the same way; altered
 * packages and unknown keys are refused with a report naming what, and a package twice is once.
 */
const OFFICE_ORG = 'panjin.rol-office';
const COMMISSION_ORG = 'panjin.ccdi';
const PDF = Buffer.from('%PDF-1.7\n移送材料 evidence\n');

/** A data directory with its own signing key, trusting `trusted` (org → public key PEM). */
const dataDirWith = (privatePem: string, trusted: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-package-e2e-'));
  writeFileSync(join(dir, 'checkpoint-signing-key.pem'), privatePem, { mode: 0o600 });
  for (const [orgId, pem] of Object.entries(trusted)) {
    mkdirSync(join(dir, 'transfer-trusted-keys', orgId), { recursive: true });
    writeFileSync(join(dir, 'transfer-trusted-keys', orgId, 'key.pem'), pem);
  }
  return dir;
};

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

/** Collects a binary answer (supertest parses only text and JSON). */
const collect = (
  res: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  done: (error: Error | null, body: Buffer) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The package's files, changed by `edit`, packed again. */
const tampered = (file: Buffer, edit: (files: Map<string, Buffer>) => void): Buffer => {
  const files = new Map(readTar(file));
  edit(files);
  return writeTar(
    [...files].map(([name, data]) => ({ name, data })),
    new Date(),
  );
};

describe('transfer packages between two instances (office → commission → office)', () => {
  let office: TestApp;
  let commission: TestApp;
  let officeApi: JourneyClient;
  let commissionApi: JourneyClient;
  let clueId = '';
  let referralId = '';
  let pkg: Buffer = Buffer.alloc(0);
  let feedback: Buffer = Buffer.alloc(0);

  const exportAs = async (t: TestApp, user: string, id: string): Promise<Response> =>
    t
      .http()
      .post(`${REFERRALS}/${id}/package`)
      .set('Authorization', `Bearer ${await t.token(user)}`)
      .buffer(true)
      .parse((res, done) => collect(res, done));
  const importAs = async (t: TestApp, user: string, file: Buffer): Promise<Response> =>
    t
      .http()
      .post('/api/v1/packages')
      .set('Authorization', `Bearer ${await t.token(user)}`)
      .attach('file', file, 'package.tar');

  beforeAll(async () => {
    const officeKey = keyPair();
    const commissionKey = keyPair();
    office = await startTestApp({}, dataDirWith(officeKey.privatePem, { [COMMISSION_ORG]: commissionKey.publicPem }));
    commission = await startTestApp({}, dataDirWith(commissionKey.privatePem, { [OFFICE_ORG]: officeKey.publicPem }));
    officeApi = journeyClient(office);
    commissionApi = journeyClient(commission);
  });
  afterAll(async () => {
    for (const t of [office, commission]) {
      await t?.close();
      if (t) rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  it('given a referral the office sent to the city commission with evidence on its clue, when the office exports it, then it gets a signed package of the referral, the clue and the file', async () => {
    clueId = await clueUnderAnalysis(officeApi);
    const attached = await office
      .http()
      .post(`${CLUES}/${clueId}/attachments`)
      .set('Authorization', `Bearer ${await office.token('office')}`)
      .attach('file', PDF, '证据.pdf');
    expect(attached.status).toBe(200);
    referralId = await sentReferral(officeApi, clueId, [subject('s-1')], COMMISSION_ORG);

    // Only the parties exchange packages: the justice bureau sees the referral but is none.
    expect((await exportAs(office, 'justice', referralId)).status).toBe(403);
    const res = await exportAs(office, 'office', referralId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['x-package-kind']).toBe('referral');
    pkg = res.body as Buffer;
    const files = readTar(pkg);
    expect([...files.keys()].sort()).toEqual(
      [
        'manifest.json',
        'signature.json',
        `events/referral-${referralId}.jsonl`,
        `events/clue-${clueId}.jsonl`,
        expect.stringMatching(/^blobs\/[0-9a-f]{64}$/),
      ].sort(),
    );
    const log = await officeApi.get('auditor', `/api/v1/audit/access-log?caseKind=referral&caseId=${referralId}`);
    expect(
      (log.body.entries as { action: string; outcome: string; detail?: string }[]).map((e) => [e.action, e.outcome]),
    ).toEqual(expect.arrayContaining([['package', 'allowed']]));
  });

  describe('refused packages name what was altered, and leave nothing on the commission', () => {
    const refusedWith = async (file: Buffer, code: string, what: object): Promise<void> => {
      const res = await importAs(commission, 'ccdi', file);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, ...what })]));
      expect((await commissionApi.get('ccdi', `${REFERRALS}/${referralId}`)).status).toBe(404);
    };

    it('an event edited', async () => {
      const edited = tampered(pkg, (files) => {
        const name = `events/referral-${referralId}.jsonl`;
        const lines = files.get(name)!.toString('utf8').split('\n');
        lines[1] = lines[1]!.replace('"opinion":"同意移送"', '"opinion":"不同意移送"');
        files.set(name, Buffer.from(lines.join('\n')));
      });
      await refusedWith(edited, 'PACKAGE.CHAIN_BROKEN', { streamId: `referral-${referralId}`, revision: '1' });
    });

    it('an attachment with a byte flipped', async () => {
      const name = [...readTar(pkg).keys()].find((n) => n.startsWith('blobs/'))!;
      const flipped = tampered(pkg, (files) => {
        const bytes = Buffer.from(files.get(name)!);
        bytes[0] = (bytes[0] as number) ^ 0x01;
        files.set(name, bytes);
      });
      await refusedWith(flipped, 'PACKAGE.ATTACHMENT_ALTERED', { sha256: name.slice('blobs/'.length) });
    });

    it('a wrong signature', async () => {
      const forged = tampered(pkg, (files) => {
        const signature = JSON.parse(files.get(SIGNATURE_FILE)!.toString('utf8')) as Record<string, string>;
        const other = CheckpointSigner.generate().signBytes(files.get('manifest.json')!);
        files.set(SIGNATURE_FILE, Buffer.from(JSON.stringify({ ...signature, signature: other })));
      });
      await refusedWith(forged, 'PACKAGE.BAD_SIGNATURE', {});
    });

    it('a key the commission does not trust for the office (re-signed by another key)', async () => {
      const stranger = CheckpointSigner.generate();
      const resigned = tampered(pkg, (files) => {
        const manifest = { ...JSON.parse(files.get('manifest.json')!.toString('utf8')), keyId: stranger.keyId };
        const bytes = manifestBytes(manifest);
        files.set('manifest.json', bytes);
        files.set(
          SIGNATURE_FILE,
          Buffer.from(
            JSON.stringify({ keyId: stranger.keyId, algorithm: 'ed25519', signature: stranger.signBytes(bytes) }),
          ),
        );
      });
      await refusedWith(resigned, 'PACKAGE.UNKNOWN_KEY', {});
    });
  });

  it('given the genuine package, when the commission imports it twice, then the referral is there once, linked to the office hashes, and the second answer says nothing new', async () => {
    const first = await importAs(commission, 'ccdi', pkg);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: true, kind: 'referral', referralId, senderOrgId: OFFICE_ORG });
    const again = await importAs(commission, 'ccdi', pkg);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: false, appended: [], packageHash: first.body.packageHash });

    const { state, revision } = await commissionApi.read('ccdi', `${REFERRALS}/${referralId}`);
    expect(state).toMatchObject({ status: 'Sent', ownerOrgId: OFFICE_ORG, holder: { orgId: COMMISSION_ORG } });
    expect(revision).toBe('2');
    // The clue came with it (the commission's own users do not see clues; the auditor reads everything).
    const attachments = await commissionApi.get('auditor', `${CLUES}/${clueId}/attachments`);
    expect(attachments.status).toBe(200);
    const [file] = attachments.body.attachments as { sha256: string }[];
    const download = await commission
      .http()
      .get(`${CLUES}/${clueId}/attachments/${file?.sha256}`)
      .set('Authorization', `Bearer ${await commission.token('auditor')}`)
      .buffer(true)
      .parse((res, done) => collect(res, done));
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    // The office's instance trusts the commission's key only, not its own.
    const own = await importAs(office, 'office', pkg);
    expect({ status: own.status, code: own.body.code }).toEqual({ status: 422, code: 'PACKAGE.UNKNOWN_KEY' });
  });

  it('given the imported referral, when the commission receives, accepts, decides, files, records outcomes and feeds back, then the feedback package brings exactly that to the office', async () => {
    const r = (path: string) => `${REFERRALS}/${referralId}${path}`;
    expectAnswer(
      await commissionApi.post('ccdi', r('/receipt'), { registrationNo: '盘纪案登〔2026〕88号' }),
      200,
      'Received',
      3,
    );
    expectAnswer(await commissionApi.post('ccdi', r('/acceptance')), 200, 'Accepted', 4);
    const disposal = { method: 'PreliminaryVerification', reason: '线索具体，具备可查性' };
    expectAnswer(await commissionApi.post('ccdi-head', r('/disposal'), disposal), 200, 'Disposing', 5);
    expectAnswer(
      await commissionApi.post('ccdi-head', r('/case-filing'), { caseNo: '盘监立〔2026〕9号' }),
      200,
      'CaseFiled',
      6,
    );
    const outcomes = [
      {
        subjectId: 's-1',
        outcome: 'PartySanction.SeriousWarning',
        decisionDate: todayInChina(),
        documentNo: '盘纪〔2026〕99号',
      },
    ];
    expectAnswer(await commissionApi.post('ccdi', r('/outcomes'), { outcomes }), 200, 'Decided', 7);
    expectAnswer(
      await commissionApi.post('ccdi', r('/result-feedback'), { summary: '已给予严重警告处分' }),
      200,
      'ResultFedBack',
      8,
    );

    const exported = await exportAs(commission, 'ccdi', referralId);
    expect(exported.status).toBe(200);
    expect(exported.headers['x-package-kind']).toBe('feedback');
    feedback = exported.body as Buffer;

    const imported = await importAs(office, 'office', feedback);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: true, kind: 'feedback', senderOrgId: COMMISSION_ORG });
    expect(imported.body.appended).toEqual(expect.arrayContaining([{ streamId: `referral-${referralId}`, events: 6 }]));
    const { state } = await officeApi.read('office', `${REFERRALS}/${referralId}`);
    expect(state).toMatchObject({
      status: 'ResultFedBack',
      registrationNo: '盘纪案登〔2026〕88号',
      caseNo: '盘监立〔2026〕9号',
      feedback: { summary: '已给予严重警告处分' },
    });
    expect(state.outcomes).toEqual([
      expect.objectContaining({ subjectId: 's-1', outcome: 'PartySanction.SeriousWarning' }),
    ]);

    const twice = await importAs(office, 'office', feedback);
    expect({ status: twice.status, imported: twice.body.imported }).toEqual({ status: 200, imported: false });
    expect((await officeApi.read('office', `${REFERRALS}/${referralId}`)).revision).toBe('8');
  });
});
