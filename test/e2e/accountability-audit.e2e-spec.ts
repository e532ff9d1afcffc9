import { TestApp, startTestApp } from './support/test-app';
import { MatrixFixtures, Reply, bodies } from './support/matrix-fixtures';

interface Entry {
  readonly type: string;
  readonly actor: { readonly userId: string; readonly orgId: string };
  readonly description: { readonly zh: string; readonly en: string };
}
interface Access {
  readonly target: { readonly kind: string; readonly id: string };
  readonly action: string;
  readonly outcome: string;
  readonly reader: { readonly role: string };
  readonly request: { readonly path?: string };
}

/**
 * 追责问责 in the audit trail (issue 17): an accountability case has its history (Chinese lines) and
 * past state like the other kinds, every read of it is in the access log under its kind, the
 * commission (which does not see such cases) is answered 404 and its attempt recorded, and the
 * clue it was opened on records the link (the accountability-linked workflow) for its history and
 * linked cases.
 */
describe('accountability cases: history, as-of, access log and the link on the clue', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let clueId: string;
  let id: string;

  const ok = (reply: Reply, status = 200): Reply => {
    if (reply.status !== status) throw new Error(`${reply.status} ${reply.code ?? ''} ${JSON.stringify(reply.body)}`);
    return reply;
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    clueId = await fx.make({ kind: 'clue', stage: 'Registered' });
    id = String(
      ok(await fx.send('justice', 'POST', '/api/v1/accountability-cases', bodies.accountability(clueId)), 201).body.id,
    );
    ok(
      await fx.send('justice', 'POST', `/api/v1/accountability-cases/${id}/investigation`, bodies.accountabilityAct()),
    );
  }, 120_000);

  afterAll(() => t?.close());

  it('its history lists every event in order, described in Chinese', async () => {
    const history = ok(await fx.send('justice', 'GET', `/api/v1/accountability-cases/${id}/history`));
    expect(history.body).toMatchObject({ kind: 'accountability', id, redacted: false, revision: '1' });
    const entries = history.body.entries as Entry[];
    expect(entries.map((e) => e.type)).toEqual(['AccountabilityCaseOpened', 'AccountabilityInvestigationStarted']);
    expect(entries[0]?.description.zh).toContain(`立项行政错案问责（行政诉讼败诉），源自线索 ${clueId}`);
    expect(entries[1]?.description.zh).toContain('开始调查');
  });

  it('its state as of revision 0 is the opened case', async () => {
    const past = ok(await fx.send('justice', 'GET', `/api/v1/accountability-cases/${id}/as-of?revision=0`));
    expect(past.body).toMatchObject({ kind: 'accountability', revision: '0', currentRevision: '1' });
    expect(past.body.state).toMatchObject({ status: 'Opened', clueId, decidingOrgId: 'panjin.justice' });
  });

  it('the commission does not see it: 404 for its history and past state', async () => {
    const history = await fx.send('ccdi', 'GET', `/api/v1/accountability-cases/${id}/history`);
    const past = await fx.send('ccdi', 'GET', `/api/v1/accountability-cases/${id}/as-of?revision=0`);
    expect([history.status, past.status]).toEqual([404, 404]);
  });

  it('the access log holds every read of it under its kind, allowed and denied, with the route', async () => {
    ok(await fx.send('justice', 'GET', `/api/v1/accountability-cases/${id}`));
    const log = ok(
      await fx.send(
        'auditor',
        'GET',
        `/api/v1/audit/access-log?caseKind=accountability&caseId=${encodeURIComponent(id)}`,
      ),
    );
    const seen = (log.body.entries as Access[]).map((e) => [e.reader.role, e.action, e.outcome, e.request.path]);
    const a = `/api/v1/accountability-cases/${id}`;
    expect(seen).toEqual(
      expect.arrayContaining([
        ['JusticeBureau', 'history', 'allowed', `${a}/history`],
        ['JusticeBureau', 'as-of', 'allowed', `${a}/as-of`],
        ['DisciplineCommission', 'history', 'denied', `${a}/history`],
        ['DisciplineCommission', 'as-of', 'denied', `${a}/as-of`],
        ['JusticeBureau', 'details', 'allowed', a],
      ]),
    );
    expect((log.body.entries as Access[]).every((e) => e.target.kind === 'accountability' && e.target.id === id)).toBe(
      true,
    );
  });

  it('the clue records the link: its state lists the case and its history describes it', async () => {
    await fx.settled('office', `/api/v1/clues/${clueId}`, (state) =>
      ((state?.accountabilityIds as string[] | undefined) ?? []).includes(id),
    );
    const history = ok(await fx.send('office', 'GET', `/api/v1/clues/${clueId}/history`));
    const linked = (history.body.entries as Entry[]).filter((e) => e.type === 'AccountabilityCaseLinked');
    expect(linked).toHaveLength(1);
    expect(linked[0]?.actor.userId).toBe('process:accountability-linked');
    expect(linked[0]?.description.zh).toContain(`就本线索立项行政错案问责（追责问责案件 ${id}`);
  });
});
