import { TestApp, startTestApp } from './support/test-app';
import { MatrixFixtures, Reply, bodies, localDate } from './support/matrix-fixtures';

/**
 * 回头看 as a campaign over closed items over HTTP (issue 17; DOMAIN.md §1.3, seed 001 蓬江): the Dawa
 * office head picks the items closed in a period and assigns look-backs to all of them in one
 * step; each item is scheduled through its own ScheduleLookBack (C12); a second round assigns
 * nothing twice; the round's progress counts the look-backs done and the problems they found.
 */
describe('回头看 rounds (POST/GET /api/v1/look-back-rounds)', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let items: string[];
  let round: Reply;

  const ok = (reply: Reply, status = 200): Reply => {
    if (reply.status !== status) throw new Error(`${reply.status} ${reply.code ?? ''} ${JSON.stringify(reply.body)}`);
    return reply;
  };
  const launch = (over: object = {}) =>
    fx.send('dawa-office-head', 'POST', '/api/v1/look-back-rounds', { ...bodies.lookBackRound(), ...over });

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    items = [await fx.make({ kind: 'item', stage: 'Closed' }), await fx.make({ kind: 'item', stage: 'Closed' })];
    // The round picks from the rectification ledger, which follows the items' streams: wait until it
    // lists both as closed (a bound on a stuck ledger, not a speed target).
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const ledger = ok(await fx.send('dawa-office', 'GET', '/api/v1/ledgers/rectification?status=Closed&limit=100'));
      const closed = (ledger.body.items as { itemId: string }[]).map((i) => i.itemId);
      if (items.every((i) => closed.includes(i))) break;
      if (Date.now() - started > 60_000) throw new Error('the ledger does not list the closed items');
    }
    round = ok(await launch({ lookBackOn: localDate(30) }), 201);
  }, 120_000);

  afterAll(() => t?.close());

  it('assigns a look-back to every item closed in the period, through each item’s own ScheduleLookBack', async () => {
    for (const id of items)
      await fx.settled('dawa-office', `/api/v1/rectification-items/${id}`, (s) => s?.status === 'LookBackPending');
    const item = ok(await fx.send('dawa-office', 'GET', `/api/v1/rectification-items/${items[0]}/history`));
    const last = (item.body.entries as { type: string; actor: { userId: string } }[]).at(-1);
    expect(last).toMatchObject({ type: 'LookBackScheduled', actor: { userId: 'process:look-back-round' } });
  });

  it('a second round assigns nothing twice: the items already waiting for a look-back are not picked', async () => {
    const again = ok(await launch(), 201);
    expect(again.body.itemIds).toEqual([]);
  });

  it('refuses a business date (业务日期) after today or before the end of the period looked back on (422)', async () => {
    const future = await launch({ occurredOn: localDate(1) });
    expect([future.status, future.code]).toEqual([422, 'BUSINESS_DATE.IN_FUTURE']);
    const early = await launch({ closedTo: localDate(-10), occurredOn: localDate(-11) });
    expect([early.status, early.code]).toEqual([422, 'LOOKBACK.BEFORE_PERIOD_END']);
  });

  it('refuses a staff member (403) and hides the round from the agency (404)', async () => {
    const staff = await fx.send('dawa-office', 'POST', '/api/v1/look-back-rounds', bodies.lookBackRound());
    expect([staff.status, staff.code]).toEqual([403, 'AUTH.HEAD_REQUIRED']);
    expect((await fx.send('dawa-emergency-head', 'GET', `/api/v1/look-back-rounds/${round.body.id}`)).status).toBe(404);
  });

  it('counts the look-backs done and the problems found', async () => {
    const failed = ok(
      await fx.send('dawa-office', 'POST', `/api/v1/rectification-items/${items[0]}/look-back`, {
        method: 'OnSite',
        result: 'Fail',
        notes: 'The templates were changed back.',
        reasons: ['Old templates in use again'],
        newDueDate: localDate(60),
      }),
    );
    const view = ok(
      await fx.send(
        'dawa-office',
        'GET',
        `/api/v1/look-back-rounds/${round.body.id}?minPosition=${failed.body.position}`,
      ),
    );
    expect(view.body).toMatchObject({
      roundId: round.body.id,
      regionId: 'panjin/dawa',
      stale: false,
      progress: { assigned: 2, scheduled: 2, done: 1, problemsFound: 1 },
    });
  });
});
