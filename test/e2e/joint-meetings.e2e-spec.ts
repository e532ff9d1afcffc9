import { TestApp, startTestApp } from './support/test-app';
import { MatrixFixtures, Reply, bodies } from './support/matrix-fixtures';

/**
 * 联席会议 over HTTP (issue 17; DOMAIN.md §1.2 JointMeeting, seed 004): the Dawa office records a joint
 * meeting with the Dawa commission that discussed a referral and decided to refer it; the decision
 * is linked to the referral that carried it out; the referral's page lists the meeting.
 */
describe('联席会议 (POST/GET /api/v1/joint-meetings)', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let referralId: string;
  let meetingId: string;

  const ok = (reply: Reply, status = 200): Reply => {
    if (reply.status !== status) throw new Error(`${reply.status} ${reply.code ?? ''} ${JSON.stringify(reply.body)}`);
    return reply;
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    referralId = await fx.make({ kind: 'referral', stage: 'Sent', receiver: 'county' });
    meetingId = String(
      ok(await fx.send('dawa-office', 'POST', '/api/v1/joint-meetings', bodies.meeting(referralId)), 201).body.id,
    );
  }, 120_000);

  afterAll(() => t?.close());

  it('records attendees (organisations from the directory, persons), cases discussed and decisions', async () => {
    const reply = ok(await fx.send('dawa-ccdi-head', 'GET', `/api/v1/joint-meetings/${meetingId}`));
    expect(reply.body).toMatchObject({
      meetingId,
      regionId: 'panjin/dawa',
      organisations: [
        { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin/dawa' },
        { orgId: 'dawa.ccdi', role: 'DisciplineCommission', regionId: 'panjin/dawa' },
      ],
      persons: ['区法治办 王主任', '区纪委监委 李主任'],
      casesDiscussed: [{ kind: 'referral', id: referralId }],
      decisions: [{ decisionId: 'd-1', decisionType: 'Refer' }],
      links: [],
    });
  });

  it('refuses a meeting without the commission (422) and an agency (404: it does not see the referral)', async () => {
    const oneSide = await fx.send('dawa-office', 'POST', '/api/v1/joint-meetings', {
      ...bodies.meeting(referralId),
      organisationIds: ['dawa.rol-office'],
    });
    expect([oneSide.status, oneSide.code]).toEqual([422, 'MEETING.BOTH_SIDES_REQUIRED']);
    const agency = await fx.send('dawa-emergency-head', 'POST', '/api/v1/joint-meetings', bodies.meeting(referralId));
    expect(agency.status).toBe(404);
  });

  it('links the 移送 decision to the referral; the referral’s page lists the meeting, discussed and carried out', async () => {
    const linked = ok(
      await fx.send('dawa-office', 'POST', `/api/v1/joint-meetings/${meetingId}/links`, {
        decisionId: 'd-1',
        act: { kind: 'referral', id: referralId },
      }),
    );
    const wrong = await fx.send('dawa-office', 'POST', `/api/v1/joint-meetings/${meetingId}/links`, {
      decisionId: 'd-1',
      act: { kind: 'escalation', id: 'no-such-escalation' },
    });
    expect(wrong.status).toBe(404);
    const reply = ok(
      await fx.send(
        'dawa-ccdi-head',
        'GET',
        `/api/v1/cases/referral/${referralId}/meetings?minPosition=${linked.body.position}`,
      ),
    );
    expect(reply.body).toMatchObject({ stale: false });
    expect(reply.body.meetings).toEqual([
      { meetingId, heldOn: expect.any(String), role: 'discussed', decisionIds: ['d-1'] },
      { meetingId, heldOn: expect.any(String), role: 'carried-out', decisionIds: ['d-1'] },
    ]);
  });
});
