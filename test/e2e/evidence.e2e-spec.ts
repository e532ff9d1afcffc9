import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { CLUES, clueUnderAnalysis, expectProblem, journeyClient, JourneyClient } from './support/journey-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** Evidence attachments through HTTP (issue 19 §1): upload, list, download, refusals that leave nothing. */

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Every file under the blob store, staging included. */
const filesUnder = (dir: string): string[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
};

describe('Evidence attachments through HTTP', () => {
  let t: TestApp;
  let api: JourneyClient;
  let blobs = '';

  beforeAll(async () => {
    // 4 KiB, so the limit is cheap to cross.
    t = await startTestApp({ EVIDENCE_MAX_MB: String(4 / 1024) });
    api = journeyClient(t);
    blobs = join(t.dataDir, 'blobs');
  });
  afterAll(() => t.close());

  const upload = async (
    user: string,
    path: string,
    file: Buffer,
    fileName: string,
    headers: Record<string, string> = {},
  ) =>
    t
      .http()
      .post(path)
      .set({ Authorization: `Bearer ${await t.token(user)}`, ...headers })
      .attach('file', file, fileName);

  /** Readiness includes the projections' parked events: a projection that choked on the new event shows there. */
  const waitUntilReady = async (): Promise<void> => {
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i += 1) {
      status = (await t.http().get('/health/ready')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  };

  const eventTypes = async (clueId: string): Promise<string[]> => {
    const res = await api.get('auditor', `${CLUES}/${clueId}/history`);
    expect(res.status).toBe(200);
    return (res.body.entries as { type: string }[]).map((e) => e.type);
  };

  it('given a visible clue, when a PDF with a Chinese name is uploaded, then it is stored once by its SHA-256, recorded as EvidenceAttached, listed and downloaded under its name', async () => {
    const clueId = await clueUnderAnalysis(api);
    const res = await upload('office', `${CLUES}/${clueId}/attachments`, PDF, '复议决定书.pdf', {
      'If-Match': '"1"',
      'Idempotency-Key': `evidence-${clueId}`,
    });
    expect({ http: res.status, events: res.body.events, revision: res.body.revision }).toEqual({
      http: 200,
      events: ['EvidenceAttached'],
      revision: '2',
    });
    // A retry under the same key is answered as the first, and writes nothing.
    const retry = await upload('office', `${CLUES}/${clueId}/attachments`, PDF, '复议决定书.pdf', {
      'If-Match': '"1"',
      'Idempotency-Key': `evidence-${clueId}`,
    });
    expect({ http: retry.status, replayed: retry.headers['idempotent-replayed'] }).toEqual({
      http: 200,
      replayed: 'true',
    });
    // The same bytes again (another key): a second event, one blob.
    expect((await upload('office', `${CLUES}/${clueId}/attachments`, PDF, 'copy.pdf')).status).toBe(200);

    const list = await api.get('office-head', `${CLUES}/${clueId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([
      expect.objectContaining({
        sha256: sha(PDF),
        hashAlgorithm: 'sha256',
        fileName: '复议决定书.pdf',
        mediaType: 'application/pdf',
        size: PDF.length,
      }),
      expect.objectContaining({ sha256: sha(PDF), fileName: 'copy.pdf' }),
    ]);
    expect(filesUnder(blobs)).toEqual([join(blobs, sha(PDF).slice(0, 2), sha(PDF).slice(2, 4), sha(PDF))]);

    const download = await t
      .http()
      .get(`${CLUES}/${clueId}/attachments/${sha(PDF)}`)
      .set({ Authorization: `Bearer ${await t.token('office-head')}` })
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('复议决定书.pdf')}`,
    );
    expect(download.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha(PDF), 'hex').toString('base64')}:`);

    const log = await api.get(
      'auditor',
      `/api/v1/audit/access-log?caseKind=clue&caseId=${clueId}&userId=user-office-head`,
    );
    expect(log.status).toBe(200);
    expect(
      (log.body.entries as { action: string; outcome: string; detail?: string }[]).map((e) => [
        e.action,
        e.outcome,
        e.detail,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['attachment', 'allowed', 'list'],
        ['attachment', 'allowed', sha(PDF)],
      ]),
    );
    expect(await eventTypes(clueId)).toEqual([
      'ClueRegistered',
      'ClueAnalysisStarted',
      'EvidenceAttached',
      'EvidenceAttached',
    ]);
    // The read models take the new event in their stride: nothing parked, the process stays ready.
    await waitUntilReady();
  });

  it('given a clue the caller may not see, then upload, list and download answer 404 (logged as denied) and nothing is stored', async () => {
    const clueId = await clueUnderAnalysis(api);
    const before = filesUnder(blobs);
    expectProblem(
      await upload('panshan-office-head', `${CLUES}/${clueId}/attachments`, PNG, 'x.png'),
      404,
      'NOT_FOUND',
    );
    expectProblem(await api.get('panshan-office-head', `${CLUES}/${clueId}/attachments`), 404, 'NOT_FOUND');
    expect((await upload('office', `${CLUES}/${clueId}/attachments`, PNG, 'x.png')).status).toBe(200);
    expectProblem(await api.get('panshan-office-head', `${CLUES}/${clueId}/attachments/${sha(PNG)}`), 404, 'NOT_FOUND');
    // A hash the case does not reference is 404 too, even where the blob exists (another case's file).
    expectProblem(await api.get('office', `${CLUES}/${clueId}/attachments/${sha(PDF)}`), 404, 'NOT_FOUND');
    expect(filesUnder(blobs).length).toBe(before.length + 1);
    const log = await api.get(
      'auditor',
      `/api/v1/audit/access-log?caseKind=clue&caseId=${clueId}&userId=user-panshan-office-head`,
    );
    expect((log.body.entries as { action: string; outcome: string }[]).map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['command', 'denied'],
        ['attachment', 'denied'],
      ]),
    );
  });

  it('given a client that sends multipart, then the actions offer attaching with a binary file field; to others and to read-only roles they do not', async () => {
    const clueId = await clueUnderAnalysis(api);
    type Action = {
      command: string;
      path: string;
      contentType?: string;
      schema: { properties: Record<string, unknown>; required?: string[] };
    };
    const actions = async (user: string, query = '') => {
      const res = await api.get(user, `/api/v1/cases/clue/${clueId}/actions${query}`);
      expect(res.status).toBe(200);
      return res.body.actions as Action[];
    };
    const attach = (await actions('office', '?uploads=multipart')).find((a) => a.command === 'AttachEvidence');
    expect(attach).toMatchObject({
      path: `${CLUES}/${clueId}/attachments`,
      contentType: 'multipart/form-data',
      schema: { properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
    });
    expect((await actions('office')).map((a) => a.command)).not.toContain('AttachEvidence');
    expect((await actions('auditor', '?uploads=multipart')).map((a) => a.command)).not.toContain('AttachEvidence');
  });

  it('given a read-only role, then attaching is refused 403 AUTH.READ_ONLY_ROLE', async () => {
    const clueId = await clueUnderAnalysis(api);
    expectProblem(await upload('auditor', `${CLUES}/${clueId}/attachments`, PNG, 'x.png'), 403, 'AUTH.READ_ONLY_ROLE');
  });

  it('given a file over the limit, or of a refused type whatever its name, then 413 / 415 and nothing is left behind', async () => {
    const clueId = await clueUnderAnalysis(api);
    const before = filesUnder(blobs);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x42)]);
    expectProblem(await upload('office', `${CLUES}/${clueId}/attachments`, big, 'big.pdf'), 413, 'EVIDENCE.TOO_LARGE');
    expectProblem(
      await upload('office', `${CLUES}/${clueId}/attachments`, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'report.pdf'),
      415,
      'EVIDENCE.UNSUPPORTED_TYPE',
    );
    expectProblem(
      await api.post('office', `${CLUES}/${clueId}/attachments`, { file: 'not multipart' }),
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    );
    expect(filesUnder(blobs)).toEqual(before);
    expect(await eventTypes(clueId)).toEqual(['ClueRegistered', 'ClueAnalysisStarted']);
  });

  it('given a form that ends before its file does, then 400 EVIDENCE.UPLOAD_INCOMPLETE and nothing is left behind', async () => {
    const clueId = await clueUnderAnalysis(api);
    const before = filesUnder(blobs);
    const truncated = Buffer.concat([
      Buffer.from('--xj\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'),
      Buffer.from('Content-Type: application/pdf\r\n\r\n'),
      PDF.subarray(0, 1000),
    ]);
    const res = await t
      .http()
      .post(`${CLUES}/${clueId}/attachments`)
      .set({ Authorization: `Bearer ${await t.token('office')}`, 'Content-Type': 'multipart/form-data; boundary=xj' })
      .send(truncated);
    expectProblem(res, 400, 'EVIDENCE.UPLOAD_INCOMPLETE');
    expect(filesUnder(blobs)).toEqual(before);
    expect(await eventTypes(clueId)).toEqual(['ClueRegistered', 'ClueAnalysisStarted']);
  });

  it('given a client that drops the connection mid-file, then nothing is left behind', async () => {
    const clueId = await clueUnderAnalysis(api);
    const before = filesUnder(blobs);
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as AddressInfo;
    const head = Buffer.from('--xj\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n');
    const token = await t.token('office');
    await new Promise<void>((resolve) => {
      const socket = connect(address.port, '127.0.0.1', () => {
        socket.write(
          `POST ${CLUES}/${clueId}/attachments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
            `Content-Type: multipart/form-data; boundary=xj\r\nContent-Length: 3900\r\n\r\n`,
        );
        socket.write(Buffer.concat([head, PDF.subarray(0, 1500)]));
        setTimeout(() => socket.destroy(), 200);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    await new Promise((resolve) => server.close(resolve));
    // The server notices the close and removes its staging file.
    for (let i = 0; i < 50 && filesUnder(blobs).length !== before.length; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(filesUnder(blobs)).toEqual(before);
    expect(await eventTypes(clueId)).toEqual(['ClueRegistered', 'ClueAnalysisStarted']);
  });

  it('given an evidence blob changed on disk, then the verification of the whole store fails and names it', async () => {
    const clueId = await clueUnderAnalysis(api);
    const bytes = Buffer.concat([PNG, Buffer.from(clueId)]);
    expect((await upload('office', `${CLUES}/${clueId}/attachments`, bytes, 'photo.png')).status).toBe(200);
    const verify = () => api.post('auditor', '/api/v1/integrity/verification', {});
    const clean = await verify();
    expect({ http: clean.status, ok: clean.body.ok, evidenceOk: clean.body.evidence?.ok }).toEqual({
      http: 200,
      ok: true,
      evidenceOk: true,
    });
    const hash = sha(bytes);
    writeFileSync(join(blobs, hash.slice(0, 2), hash.slice(2, 4), hash), Buffer.concat([PNG, Buffer.from('forged')]));
    const tampered = await verify();
    expect({ http: tampered.status, ok: tampered.body.ok, problems: tampered.body.evidence.problems }).toEqual({
      http: 200,
      ok: false,
      problems: [{ sha256: hash, streamId: `clue-${clueId}`, problem: 'hash_mismatch' }],
    });
  });
});

describe('Evidence attachments in a 国密 store (CRYPTO_SUITE=gm): addressed, recorded and verified by SM3', () => {
  let t: TestApp;
  let api: JourneyClient;
  let blobs = '';
  const sm3 = (bytes: Buffer): string => createHash('sm3').update(bytes).digest('hex');

  beforeAll(async () => {
    t = await startTestApp({ CRYPTO_SUITE: 'gm' });
    api = journeyClient(t);
    blobs = join(t.dataDir, 'blobs');
  });
  afterAll(() => t.close());

  it('given an upload, then the blob is stored under its SM3, the event records sm3, the download says so, and verification checks SM3', async () => {
    const clueId = await clueUnderAnalysis(api);
    const res = await t
      .http()
      .post(`${CLUES}/${clueId}/attachments`)
      .set({ Authorization: `Bearer ${await t.token('office')}` })
      .attach('file', PDF, 'gm.pdf');
    expect(res.status).toBe(200);
    const hash = sm3(PDF);
    expect(hash).not.toBe(sha(PDF));
    const list = await api.get('office', `${CLUES}/${clueId}/attachments`);
    expect(list.body.attachments).toEqual([expect.objectContaining({ sha256: hash, hashAlgorithm: 'sm3' })]);
    expect(filesUnder(blobs)).toEqual([join(blobs, hash.slice(0, 2), hash.slice(2, 4), hash)]);
    const download = await t
      .http()
      .get(`${CLUES}/${clueId}/attachments/${hash}`)
      .set({ Authorization: `Bearer ${await t.token('office')}` });
    expect(download.status).toBe(200);
    expect(download.headers['repr-digest']).toBe(`sm3=:${Buffer.from(hash, 'hex').toString('base64')}:`);

    const verify = () => api.post('auditor', '/api/v1/integrity/verification', {});
    const clean = await verify();
    expect({ ok: clean.body.ok, evidence: clean.body.evidence }).toEqual({
      ok: true,
      evidence: { ok: true, blobsChecked: 1, problems: [] },
    });
    writeFileSync(join(blobs, hash.slice(0, 2), hash.slice(2, 4), hash), Buffer.concat([PDF, Buffer.from('x')]));
    expect((await verify()).body.evidence.problems).toEqual([
      { sha256: hash, streamId: `clue-${clueId}`, problem: 'hash_mismatch' },
    ]);
  });
});
