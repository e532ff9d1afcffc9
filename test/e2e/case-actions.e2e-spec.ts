import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { TestApp, startTestApp } from './support/test-app';
import { Account, MatrixFixtures, bodies } from './support/matrix-fixtures';

/**
 * The workbench's actions (issue 16): what a caller may do on a case now, each with its route,
 * Chinese (or English) labels and an input schema a form can be generated from; the ids commands
 * create; wrong-state refusals in plain words. Who may do what is checked route by route against
 * the authorization matrix (authorization-matrix.e2e-spec.ts); this suite holds the shapes.
 */

interface Action {
  readonly command: string;
  readonly method: string;
  readonly path: string;
  readonly title: string;
  readonly schema: Schema;
  readonly prefill?: Record<string, unknown>;
  readonly creates?: string;
}
interface Schema {
  readonly type?: string;
  readonly title?: string;
  readonly required?: string[];
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly oneOf?: { const: string; title: string }[];
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
}

describe('GET /api/v1/cases/{kind}/{id}/actions', () => {
  let t: TestApp;
  let fx: MatrixFixtures;

  const get = async (account: Account, path: string, lang?: string): Promise<Response> => {
    const req = t
      .http()
      .get(path)
      .set({ Authorization: `Bearer ${await t.token(account)}` });
    return lang === undefined ? req : req.set('Accept-Language', lang);
  };
  const post = async (account: Account, path: string, body: object, headers: Record<string, string> = {}) =>
    t
      .http()
      .post(path)
      .set({ Authorization: `Bearer ${await t.token(account)}`, 'Idempotency-Key': randomUUID(), ...headers })
      .send(body);
  const actionsOf = async (account: Account, kind: string, id: string, lang?: string) => {
    const res = await get(account, `/api/v1/cases/${kind}/${id}/actions`, lang);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 200, code: undefined });
    return res.body as { kind: string; id: string; revision: string | null; actions: Action[] };
  };
  const commandsOf = (actions: readonly Action[]) => actions.map((a) => a.command).sort();
  const find = (actions: readonly Action[], command: string): Action => {
    const action = actions.find((a) => a.command === command);
    if (!action) throw new Error(`${command} is not offered: ${commandsOf(actions).join(', ')}`);
    return action;
  };
  const choices = (schema: Schema | undefined) => (schema?.oneOf ?? []).map((c) => c.const);

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
  }, 60_000);
  afterAll(() => t?.close());

  it("lists a clue's actions for the office head, with the revision to send as If-Match and zh-CN titles by default", async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Analysis' });
    const body = await actionsOf('dawa-office-head', 'clue', clueId);
    expect({ kind: body.kind, id: body.id, revision: body.revision }).toEqual({
      kind: 'clue',
      id: clueId,
      revision: '1',
    });
    expect(commandsOf(body.actions)).toEqual([
      'AssignRectificationItem',
      'DismissClue',
      'DraftReferral',
      'OpenAccountabilityCase',
      'ProposeReferral',
      'RaiseEscalation',
      'StartVerification',
    ]);
    const verify = find(body.actions, 'StartVerification');
    expect(verify).toMatchObject({
      method: 'POST',
      path: `/api/v1/clues/${clueId}/verification`,
      title: '问题核实',
    });
    expect(find(body.actions, 'DraftReferral')).toMatchObject({ path: '/api/v1/referrals', creates: 'referral' });
    expect(find(body.actions, 'AssignRectificationItem')).toMatchObject({
      path: '/api/v1/rectification-items',
      creates: 'rectification',
      prefill: { clueId },
    });
    // 行政执法过错责任追究 / 行政错案问责 arising from the clue (issue 17), by the justice bureau or an agency it names.
    const open = find(body.actions, 'OpenAccountabilityCase');
    expect(open).toMatchObject({
      path: '/api/v1/accountability-cases',
      creates: 'accountability',
      prefill: { clueId },
      title: '追责问责立项',
    });
    expect(JSON.stringify(open.schema)).toContain('dawa.justice');
    expect(JSON.stringify(open.schema)).not.toContain('dawa.ccdi');
  });

  it('leaves out what the caller may not do now: staff get no head-only step, the auditor nothing', async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Analysis' });
    expect(commandsOf((await actionsOf('dawa-office', 'clue', clueId)).actions)).toEqual([
      'AssignRectificationItem',
      'DraftReferral',
      'OpenAccountabilityCase',
      'ProposeReferral',
      'RaiseEscalation',
    ]);
    expect((await actionsOf('auditor', 'clue', clueId)).actions).toEqual([]);
    expect(commandsOf((await actionsOf('secretary', 'clue', clueId)).actions)).toEqual(['RaiseEscalation']);
  });

  it('answers 404 for a case the caller may not see, an unknown kind or an unknown id, like every case route', async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Analysis' });
    for (const [account, path] of [
      ['panshan-office-head', `/api/v1/cases/clue/${clueId}/actions`],
      ['dawa-emergency-head', `/api/v1/cases/clue/${clueId}/actions`], // the agency learns of it at the instrument
      ['admin', `/api/v1/cases/clue/${clueId}/actions`],
      ['dawa-office-head', `/api/v1/cases/referral/${clueId}/actions`],
      ['dawa-office-head', `/api/v1/cases/clues/${clueId}/actions`],
      ['dawa-office-head', '/api/v1/cases/clue/no-such-clue/actions'],
    ] as const) {
      const res = await get(account, path);
      expect({ path, account, status: res.status, code: res.body.code }).toEqual({
        path,
        account,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    expect((await t.http().get(`/api/v1/cases/clue/${clueId}/actions`)).status).toBe(401);
  });

  it('gives each input schema Chinese titles, the DTO limits, and enumerations as oneOf with labels', async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Analysis' });
    const { actions } = await actionsOf('dawa-office-head', 'clue', clueId);
    const dismiss = find(actions, 'DismissClue').schema;
    expect(dismiss).toMatchObject({ type: 'object', required: ['reason', 'explanation'] });
    expect(dismiss.properties?.reason).toMatchObject({ title: '理由' });
    expect(dismiss.properties?.reason?.oneOf).toContainEqual({ const: 'Untrue', title: '反映不实' });
    expect(dismiss.properties?.explanation).toMatchObject({
      type: 'string',
      title: '说明',
      minLength: 1,
      maxLength: 4000,
    });
    const verify = find(actions, 'StartVerification').schema;
    // The current rulebook's seven situations and its evidence checklist, with their own labels.
    expect(verify.properties?.situationCodes).toMatchObject({ type: 'array', title: '符合的移送情形' });
    expect(verify.properties?.situationCodes?.items?.oneOf).toHaveLength(7);
    expect(verify.properties?.situationCodes?.items?.oneOf).toContainEqual({
      const: 'FailToCorrectIllegalAct',
      title: '不依法纠正违法行为',
    });
    expect(choices(verify.properties?.evidenceCodes?.items)).toEqual(
      expect.arrayContaining(['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF']),
    );
    expect(verify.properties?.team?.items).toMatchObject({ type: 'string', maxLength: 100 });
    // Nested objects and arrays of objects keep their shape; dates are marked as dates.
    const assign = find(actions, 'AssignRectificationItem').schema;
    expect(assign.properties?.dueDate).toMatchObject({ type: 'string', format: 'date', title: '整改期限' });
    expect(choices(assign.properties?.agencyOrgId)).toContain('dawa.emergency');
    expect(choices(assign.properties?.agencyOrgId)).not.toContain('panshan.emergency');
    const draft = find(actions, 'DraftReferral').schema;
    expect(draft.properties?.subjects?.items?.properties?.cadreRank?.oneOf).toContainEqual({
      const: 'CountyDivision',
      title: '县处级',
    });
  });

  it('answers in English when Accept-Language asks for it', async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Analysis' });
    const { actions } = await actionsOf('dawa-office-head', 'clue', clueId, 'en-GB,en;q=0.9,zh-CN;q=0.5');
    const verify = find(actions, 'StartVerification');
    expect(verify.title).toBe('Start the verification');
    expect(verify.schema.properties?.situationCodes?.title).toBe('Situations matched');
    expect(verify.schema.properties?.situationCodes?.items?.oneOf).toContainEqual({
      const: 'FailToCorrectIllegalAct',
      title: expect.not.stringMatching(/[\u4e00-\u9fff]/),
    });
  });

  it('starts a referral draft from its clue: the proposed id, subjects, situations and evidence; sent as offered it is created', async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Verification' });
    const proposed = await post('dawa-office', `/api/v1/clues/${clueId}/referral-proposals`, bodies.proposal());
    expect(proposed.status).toBe(200);
    const [reserved] = proposed.body.createdCases as { kind: string; id: string }[];
    expect(reserved?.kind).toBe('referral');
    const clue = (await get('dawa-office', `/api/v1/clues/${clueId}`)).body.state;
    expect(clue.referralIds).toEqual([reserved?.id]);
    const draft = find((await actionsOf('dawa-office', 'clue', clueId)).actions, 'DraftReferral');
    expect(draft.prefill).toMatchObject({
      referralId: reserved?.id,
      clueId,
      source: 'Reconsideration',
      situationCodes: ['FailToCorrectIllegalAct'],
      evidenceCodes: ['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF'],
      subjects: clue.subjects,
    });
    // What the clerk adds to the prefilled form; the rest comes from the clue.
    const { clueId: _c, referralId: _r, ...rest } = bodies.draft(clueId);
    const body = { ...rest, ...draft.prefill };
    const created = await post('dawa-office', draft.path, body);
    expect({ status: created.status, code: created.body.code, id: created.body.id }).toEqual({
      status: 201,
      code: undefined,
      id: reserved?.id,
    });
    // Once drafted, the next draft no longer takes that id.
    const again = find((await actionsOf('dawa-office', 'clue', clueId)).actions, 'DraftReferral');
    expect(again.prefill?.referralId).toBeUndefined();
  });

  it('offers the receiving commission the steps of a registered referral, with the commissions and subjects it may choose', async () => {
    // One 乡科级 (s-1, Dawa's) and one 县处级 (s-2, the city's): DOMAIN.md Decision 5, issue 17 item 1.
    const mixed = await fx.make({ kind: 'referral', stage: 'Received', receiver: 'county-mixed' });
    const offered = (await actionsOf('dawa-ccdi-head', 'referral', mixed)).actions;
    // Its acceptance period runs inside the commission: its head may also ask to extend or pause it. It may not
    // accept the 县处级 s-2, so accepting in whole is not offered: it keeps s-1 and forwards s-2.
    expect(commandsOf(offered)).toEqual([
      'ForwardReferral',
      'PartiallyAcceptReferral',
      // 部分退回 (实施条例 art. 171(4), issue 17 item 3): keep s-1, return s-2 to the office.
      'PartiallyReturnReferral',
      'PauseDeadline',
      'RequestDeadlineExtension',
      'ReturnReferral',
      // 抄送 (issue 17 item 8): the holder may copy its case on.
      'SendCarbonCopy',
    ]);
    const partial = find(offered, 'PartiallyAcceptReferral').schema;
    // The rest goes to another commission competent for Dawa and for s-2 — the city's, never itself, another
    // county's or the province's — or to a 任免机关 covering Dawa (实施条例 art. 171(3), issue 17 item 3).
    expect(choices(partial.properties?.forwardTo?.properties?.orgId)).toEqual([
      'panjin.ccdi',
      'panjin.org-dept',
      'dawa.org-dept',
    ]);
    expect(choices(partial.properties?.acceptedSubjectIds?.items)).toEqual(['s-1']);
    expect(choices(find(offered, 'ForwardReferral').schema.properties?.forwardTo?.properties?.orgId)).toEqual([
      'panjin.ccdi',
    ]);
    // Accepting anyway is refused, naming the person and the competent commission.
    const refused = await post(
      'dawa-ccdi-head',
      `/api/v1/referrals/${mixed}/acceptance`,
      {},
      { 'Accept-Language': 'zh-CN' },
    );
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 422,
      code: 'REFERRAL.RECEIVER_NOT_COMPETENT',
    });
    expect(refused.body.detail).toBe('按干部管理权限，李某（县处级）应由市级纪委监委管辖：盘锦市纪委监委');
    const english = await post(
      'dawa-ccdi-head',
      `/api/v1/referrals/${mixed}/acceptance`,
      {},
      { 'Accept-Language': 'en' },
    );
    expect(english.body.detail).toBe(
      'By cadre management authority, 李某 (County/division level) falls under the city commission: Panjin Discipline Inspection and Supervision Commission.',
    );

    // Two 乡科级 persons: the county commission accepts them all.
    const id = await fx.make({ kind: 'referral', stage: 'Received', receiver: 'county' });
    const { actions, revision } = await actionsOf('dawa-ccdi-head', 'referral', id);
    expect(commandsOf(actions)).toContain('AcceptReferral');
    // Sent with the offered revision as If-Match, the step is taken.
    const accept = find(actions, 'AcceptReferral');
    const res = await post('dawa-ccdi-head', accept.path, {}, { 'If-Match': `"${revision}"` });
    expect({ status: res.status, state: res.body.status }).toEqual({ status: 200, state: 'Accepted' });
    expect(commandsOf((await actionsOf('dawa-ccdi-head', 'referral', id)).actions)).toEqual([
      'DecideDisposal',
      'PauseDeadline',
      'RequestDeadlineExtension',
      'SendCarbonCopy',
    ]);
  });

  it('offers the office the organisations a referral may be sent to: those competent for its region', async () => {
    // A 乡科级 and a 县处级 person: the Dawa and the city commission each manage one (DOMAIN.md Decision 5).
    const id = await fx.make({ kind: 'referral', stage: 'Approved', receiver: 'county-mixed' });
    const send = find((await actionsOf('dawa-office', 'referral', id)).actions, 'SendReferral').schema;
    const targets = choices(send.properties?.target?.properties?.orgId);
    expect(targets).toEqual(expect.arrayContaining(['dawa.ccdi', 'panjin.ccdi']));
    expect(targets).not.toContain('panshan.ccdi');
    // The province manages neither (厅局级 only).
    expect(targets).not.toContain('liaoning.ccdi');
    // Two 乡科级 persons: the city commission manages neither, so it is not offered.
    const county = await fx.make({ kind: 'referral', stage: 'Approved', receiver: 'county' });
    const countyTargets = choices(
      find((await actionsOf('dawa-office', 'referral', county)).actions, 'SendReferral').schema.properties?.target
        ?.properties?.orgId,
    );
    expect(countyTargets).toContain('dawa.ccdi');
    expect(countyTargets).not.toContain('panjin.ccdi');
    expect(send.properties?.target?.properties?.kind?.oneOf).toContainEqual({
      const: 'DisciplineCommission',
      title: '纪委监委',
    });
  });

  it('lists the rectification loop on an item: the agency starts, then the supervisor evaluates', async () => {
    const id = await fx.make({ kind: 'item', stage: 'Assigned' });
    // The agency bears the item's period, so it may also ask for an extension.
    expect(commandsOf((await actionsOf('dawa-emergency', 'rectification', id)).actions)).toEqual([
      'RequestDeadlineExtension',
      'StartRectification',
    ]);
    expect(commandsOf((await actionsOf('dawa-office', 'rectification', id)).actions)).toEqual(['RaiseEscalation']);
    const reported = await fx.make({ kind: 'item', stage: 'Reported' });
    const evaluate = find((await actionsOf('dawa-office', 'rectification', reported)).actions, 'EvaluateRectification');
    expect(evaluate.schema.properties?.result?.oneOf).toEqual([
      { const: 'Pass', title: '通过' },
      { const: 'Fail', title: '未通过' },
    ]);
    // 业务日期 (issue 17 item 7): every act on the item offers it as an optional date field.
    const start = find((await actionsOf('dawa-emergency', 'rectification', id)).actions, 'StartRectification');
    for (const schema of [start.schema, evaluate.schema]) {
      expect(schema.properties?.occurredOn).toMatchObject({
        type: 'string',
        format: 'date',
        title: '业务日期（实际办理之日）',
      });
      expect(schema.required ?? []).not.toContain('occurredOn');
    }
  });

  it('offers an accountability case its lifecycle (issue 17): the deciding bureau acts, its head decides, the measures labelled', async () => {
    const id = await fx.make({ kind: 'accountability', stage: 'Opened' });
    expect(commandsOf((await actionsOf('justice', 'accountability', id)).actions)).toEqual([
      'StartAccountabilityInvestigation',
    ]);
    expect((await actionsOf('dawa-office', 'accountability', id)).actions).toEqual([]);
    const start = find((await actionsOf('justice', 'accountability', id)).actions, 'StartAccountabilityInvestigation');
    expect((await post('justice', start.path, bodies.accountabilityAct())).status).toBe(200);
    const { actions } = await actionsOf('justice-head', 'accountability', id);
    expect(commandsOf(actions)).toEqual(['DecideAccountability', 'WithdrawAccountability']);
    const decide = find(actions, 'DecideAccountability');
    expect(decide).toMatchObject({ path: `/api/v1/accountability-cases/${id}/decision`, title: '作出追责决定' });
    expect(JSON.stringify(decide.schema)).toContain('调离执法岗位');
    const decided = await post('justice-head', decide.path, bodies.accountabilityDecision());
    expect({ status: decided.status, state: decided.body.status }).toEqual({ status: 200, state: 'Decided' });
    expect(commandsOf((await actionsOf('justice', 'accountability', id)).actions)).toEqual([
      'RecordAccountabilityExecuted',
    ]);
  });
});

describe('created ids and wrong-state messages', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  const post = async (account: Account, path: string, body: object, lang?: string) => {
    const req = t
      .http()
      .post(path)
      .set({ Authorization: `Bearer ${await t.token(account)}`, 'Idempotency-Key': randomUUID() });
    return (lang === undefined ? req : req.set('Accept-Language', lang)).send(body);
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
  }, 60_000);
  afterAll(() => t?.close());

  it('answers a rectification plan with the ids of the items it created, each one readable', async () => {
    const clueId = await fx.make({ kind: 'clue', stage: 'Supervision' });
    const plan = { items: [...bodies.plan().items, { ...bodies.plan().items[0], issue: 'A second issue' }] };
    const res = await post('dawa-emergency-head', `/api/v1/clues/${clueId}/rectification-plan`, plan);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 200, code: undefined });
    const created = res.body.createdCases as { kind: string; id: string }[];
    expect(created.map((c) => c.kind)).toEqual(['rectification', 'rectification']);
    for (const { id } of created) {
      const item = await t
        .http()
        .get(`/api/v1/rectification-items/${id}`)
        .set({ Authorization: `Bearer ${await t.token('dawa-office')}` });
      expect({ status: item.status, clueId: item.body.state?.clueId }).toEqual({ status: 200, clueId });
    }
  });

  it('answers a partial acceptance with the id of the child referral it opened', async () => {
    const id = await fx.make({ kind: 'referral', stage: 'Received', receiver: 'county-mixed' });
    const res = await post('dawa-ccdi-head', `/api/v1/referrals/${id}/partial-acceptance`, bodies.partial());
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 200, code: undefined });
    const [child] = res.body.createdCases as { kind: string; id: string }[];
    expect(child?.kind).toBe('referral');
    const read = await t
      .http()
      .get(`/api/v1/referrals/${child?.id}`)
      .set({ Authorization: `Bearer ${await t.token('ccdi-head')}` });
    expect({ status: read.status, parent: read.body.state?.parentReferralId }).toEqual({ status: 200, parent: id });
  });

  it('says in plain Chinese (Accept-Language: zh-CN) which state the case is in and which states allow the action (the code stays)', async () => {
    const id = await fx.make({ kind: 'referral', stage: 'Sent', receiver: 'county' });
    const res = await post('dawa-ccdi-head', `/api/v1/referrals/${id}/acceptance`, {}, 'zh-CN');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'REFERRAL.WRONG_STATE' });
    expect(res.body.detail).toBe('移送当前状态为「已移送」，该操作仅在「已登记」状态下可用');
    const received = await fx.make({ kind: 'referral', stage: 'Received', receiver: 'county' });
    const twice = await post('dawa-ccdi-head', `/api/v1/referrals/${received}/receipt`, bodies.receipt(), 'zh-CN');
    expect(twice.body.detail).toBe('移送当前状态为「已登记」，该操作仅在「已移送」「已转送」状态下可用');
  });

  it('says it in English when asked, and names the disposal method a step needs', async () => {
    const id = await fx.make({ kind: 'referral', stage: 'Disposing:ShelvedPending', receiver: 'county' });
    const res = await post('dawa-ccdi-head', `/api/v1/referrals/${id}/case-filing`, bodies.caseFiling(), 'en');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'REFERRAL.WRONG_STATE' });
    expect(res.body.detail).toBe(
      "The referral's disposal method is Shelved pending evidence; this action is only available while it is Preliminary verification.",
    );
    const item = await fx.make({ kind: 'item', stage: 'Assigned' });
    const early = await post('dawa-office', `/api/v1/rectification-items/${item}/evaluation`, bodies.itemFail(), 'en');
    expect({ status: early.status, code: early.body.code, detail: early.body.detail }).toEqual({
      status: 409,
      code: 'RECTIFICATION.WRONG_STATE',
      detail: 'The rectification item is assigned; this action is only available when it is reported.',
    });
    const clue = await fx.make({ kind: 'clue', stage: 'Registered' });
    const zh = await post('dawa-office-head', `/api/v1/clues/${clue}/verification`, bodies.verification(), 'zh-CN');
    expect(zh.body.detail).toBe('线索当前状态为「线索登记」，该操作仅在「线索分析」状态下可用');
    // Without Accept-Language an API client gets English (the workbench always asks for zh-CN).
    const plain = await post('dawa-office-head', `/api/v1/clues/${clue}/verification`, bodies.verification());
    expect(plain.body.detail).toBe('The clue is registered; this action is only available when it is under analysis.');
  });
});
