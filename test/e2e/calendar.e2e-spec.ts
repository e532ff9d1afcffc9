import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITEMS, clueUnderAnalysis, journeyClient } from './support/journey-helpers';
import { TestApp, startTestApp } from './support/test-app';

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
const TEST_2027 = {
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08'],
  makeUpWorkdays: ['2027-02-06'],
};

describe('the calendar as maintained data (issue 15 §4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const auth = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });

  it('shows everyone signed in the shipped 2026 table with its source; a missing year is a 404 with its code', async () => {
    const list = await t
      .http()
      .get('/api/v1/calendar')
      .set(await auth('dawa-emergency'))
      .expect(200);
    expect(list.body.years[0]).toMatchObject({ year: 2026, origin: 'Shipped' });
    expect(list.body.years[0].source).toContain('国办发明电〔2025〕7号');
    const missing = await t
      .http()
      .get('/api/v1/calendar/2031')
      .set(await auth('office'))
      .expect(404);
    expect(missing.body.code).toBe('CALENDAR.YEAR_MISSING');
    await t.http().get('/api/v1/calendar').expect(401);
  });

  it('refuses a bad table with a stable 4xx code and records nothing', async () => {
    const admin = await auth('admin');
    const put = (year: string, body: object) => t.http().put(`/api/v1/calendar/${year}`).set(admin).send(body);
    expect((await put('2030', { ...TEST_2027, holidays: ['2027-01-01'] })).body).toMatchObject({
      status: 422,
      code: 'CALENDAR.DATE_OUTSIDE_YEAR',
    });
    expect((await put('2027', { ...TEST_2027, holidays: ['2027-02-06'] })).body.code).toBe('CALENDAR.DATE_BOTH');
    expect((await put('20x7', TEST_2027)).body).toMatchObject({ status: 400, code: 'CALENDAR.YEAR_INVALID' });
    expect((await put('2027', { source: 'x' })).body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
    const office = await t
      .http()
      .put('/api/v1/calendar/2027')
      .set(await auth('office-head'))
      .send(TEST_2027);
    expect(office.body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    await t.http().get('/api/v1/calendar/2027').set(admin).expect(404);
  });

  it('counts the next command with a year set at run time: provisional before, exact after, no restart', async () => {
    const api = journeyClient(t);
    const clueId = await clueUnderAnalysis(api);
    const assign = (itemId: string) =>
      api.post('dawa-office', ITEMS, {
        itemId,
        clueId,
        agencyOrgId: 'dawa.emergency',
        mode: 'Deadline',
        issue: 'Decision not performed',
        measures: 'Perform it',
        dueDate: '2027-01-01',
        owner: '局长',
        responsiblePerson: '科长',
      });
    const before = await assign('item-cal-1');
    expect(before.status).toBe(201);
    // No 2027 table: 2027-01-01 is a Friday on weekends alone, and the deadline says it is provisional.
    expect(before.body.flaggedDeadlines).toEqual([
      { rule: 'InspectionFeedbackRectification', dueOn: '2027-01-01', provisional: true },
    ]);
    const read = await api.read('dawa-office', `${ITEMS}/item-cal-1`);
    expect(read.state.deadline).toMatchObject({ dueOn: '2027-01-01', provisional: true });

    const set = await t
      .http()
      .put('/api/v1/calendar/2027')
      .set(await auth('admin'))
      .send(TEST_2027)
      .expect(200);
    expect(set.body).toMatchObject({ year: 2027, origin: 'Api', holidays: TEST_2027.holidays });

    const after = await assign('item-cal-2');
    expect(after.body.flaggedDeadlines).toEqual([
      { rule: 'InspectionFeedbackRectification', dueOn: '2027-01-01', nonWorkingDay: true },
    ]);
    const listed = await t
      .http()
      .get('/api/v1/calendar')
      .set(await auth('office'))
      .expect(200);
    expect(listed.body.years.map((y: { year: number }) => y.year)).toEqual([2026, 2027]);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.calendar).toMatchObject({ status: 'up' });
    expect(ready.body.info.calendar.missingYears ?? []).not.toContain(2027);
  });
});

describe('holiday tables from files under $DATA_DIR/calendar/', () => {
  const dirs: string[] = [];
  const dataDirWith = (name: string, content: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-cal-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'calendar'));
    writeFileSync(join(dir, 'calendar', name), content);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('loads a valid year file at start', async () => {
    const t = await startTestApp({}, dataDirWith('2027.json', JSON.stringify({ year: 2027, ...TEST_2027 })));
    try {
      const res = await t
        .http()
        .get('/api/v1/calendar/2027')
        .set({ Authorization: `Bearer ${await t.token('office')}` })
        .expect(200);
      expect(res.body).toMatchObject({ year: 2027, origin: 'File', source: TEST_2027.source });
    } finally {
      await t.close();
    }
  });

  it.each([
    [
      'a date outside its year',
      '2027.json',
      { year: 2027, ...TEST_2027, holidays: ['2028-01-01'] },
      'CALENDAR.DATE_OUTSIDE_YEAR',
    ],
    ['a file named after another year', '2028.json', { year: 2027, ...TEST_2027 }, 'must be named 2027.json'],
    ['no JSON', '2027.json', '{not json', 'cannot read it as JSON'],
  ])('refuses to start on %s, naming the file and the problem', async (_, name, content, message) => {
    const dir = dataDirWith(name, typeof content === 'string' ? content : JSON.stringify(content));
    await expect(startTestApp({}, dir)).rejects.toThrow(message);
  });
});

describe('a provisional deadline recounted when its year arrives (issue 15 §4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-cal-recount-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const recountsOf = async (t: TestApp, itemId: string) => {
    const res = await journeyClient(t).get('auditor', `${ITEMS}/${itemId}/history`);
    expect(res.status).toBe(200);
    return (res.body.entries as { type: string; data?: Record<string, unknown>; description: { zh: string } }[]).filter(
      (e) => e.type === 'DeadlineRecomputed',
    );
  };
  /** The recount runs in the background (a subscription on the calendar stream): poll its result. */
  const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      const value = await probe();
      if (done(value) || attempt === 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('gives the case a DeadlineRecomputed once the table is set, exactly once, also after a restart', async () => {
    const first = await startTestApp({}, dir);
    const credentials = first.credentials;
    try {
      const api = journeyClient(first);
      const clueId = await clueUnderAnalysis(api);
      const assigned = await api.post('dawa-office', ITEMS, {
        itemId: 'item-recount',
        clueId,
        agencyOrgId: 'dawa.emergency',
        mode: 'Deadline',
        issue: 'Decision not performed',
        measures: 'Perform it',
        // 除夕 in the test table; a working Friday on weekends alone.
        dueDate: '2027-02-05',
        owner: '局长',
        responsiblePerson: '科长',
      });
      expect(assigned.body.flaggedDeadlines).toEqual([
        { rule: 'InspectionFeedbackRectification', dueOn: '2027-02-05', provisional: true },
      ]);
      await first
        .http()
        .put('/api/v1/calendar/2027')
        .set({ Authorization: `Bearer ${await first.token('admin')}` })
        .send(TEST_2027)
        .expect(200);
      const recounts = await eventually(
        () => recountsOf(first, 'item-recount'),
        (found) => found.length > 0,
      );
      expect(recounts).toHaveLength(1);
      expect(recounts[0]?.description.zh).toContain('2027年节假日安排录入');
      const state = (await api.read('dawa-office', `${ITEMS}/item-recount`)).state;
      // An explicit date is kept; it is no longer provisional and is flagged as the rest day it is.
      expect(state.deadline).toEqual({
        rule: 'InspectionFeedbackRectification',
        from: expect.any(String),
        amount: 0,
        unit: 'Days',
        dueOn: '2027-02-05',
        nonWorkingDay: true,
      });
      // The ledger line carries the recount: the flags follow the deadline.
      type Line = { itemId: string; dueOn?: string; dueProvisional?: true; dueNonWorkingDay?: true };
      const lineOf = async () => {
        const res = await api.get('office', '/api/v1/ledgers/rectification');
        return (res.body.items as Line[]).find((i) => i.itemId === 'item-recount');
      };
      const line = await eventually(lineOf, (found) => found?.dueNonWorkingDay === true);
      expect(line).toMatchObject({ dueOn: '2027-02-05', dueNonWorkingDay: true });
      expect(line).not.toHaveProperty('dueProvisional');
    } finally {
      await first.close();
    }

    const again = await startTestApp({}, dir, credentials);
    try {
      // Setting the same table again changes nothing; a restart re-reads the calendar feed from its checkpoint.
      await again
        .http()
        .put('/api/v1/calendar/2027')
        .set({ Authorization: `Bearer ${await again.token('admin')}` })
        .send(TEST_2027)
        .expect(200);
      expect(await recountsOf(again, 'item-recount')).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});

describe('a provisional deadline recounted when its year arrives by file (issue 15 §4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-cal-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const historyOf = async (t: TestApp, itemId: string) => {
    const res = await journeyClient(t).get('auditor', `${ITEMS}/${itemId}/history`);
    expect(res.status).toBe(200);
    return res.body.entries as { type: string; description: { zh: string } }[];
  };
  const recountsOf = async (t: TestApp, itemId: string) =>
    (await historyOf(t, itemId)).filter((e) => e.type === 'DeadlineRecomputed');
  const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      const value = await probe();
      if (done(value) || attempt === 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('records the file year on the calendar stream at the next start, and the deadline is recounted once, also across restarts', async () => {
    const first = await startTestApp({}, dir);
    const credentials = first.credentials;
    try {
      const api = journeyClient(first);
      const clueId = await clueUnderAnalysis(api);
      const assigned = await api.post('dawa-office', ITEMS, {
        itemId: 'item-file-recount',
        clueId,
        agencyOrgId: 'dawa.emergency',
        mode: 'Deadline',
        issue: 'Decision not performed',
        measures: 'Perform it',
        // 除夕 in the test table; a working Friday on weekends alone.
        dueDate: '2027-02-05',
        owner: '局长',
        responsiblePerson: '科长',
      });
      expect(assigned.body.flaggedDeadlines).toEqual([
        { rule: 'InspectionFeedbackRectification', dueOn: '2027-02-05', provisional: true },
      ]);
    } finally {
      await first.close();
    }

    mkdirSync(join(dir, 'calendar'));
    writeFileSync(join(dir, 'calendar', '2027.json'), JSON.stringify({ year: 2027, ...TEST_2027 }));
    const second = await startTestApp({}, dir, credentials);
    try {
      const recounts = await eventually(
        () => recountsOf(second, 'item-file-recount'),
        (found) => found.length > 0,
      );
      expect(recounts).toHaveLength(1);
      expect(recounts[0]?.description.zh).toContain('2027年节假日安排录入');
      const state = (await journeyClient(second).read('dawa-office', `${ITEMS}/item-file-recount`)).state;
      expect(state.deadline).toMatchObject({ dueOn: '2027-02-05', nonWorkingDay: true });
      expect(state.deadline).not.toHaveProperty('provisional');
      // The file stays the table in force (recording it did not make it an API table).
      const year = await second
        .http()
        .get('/api/v1/calendar/2027')
        .set({ Authorization: `Bearer ${await second.token('office')}` })
        .expect(200);
      expect(year.body).toMatchObject({ year: 2027, origin: 'File' });
    } finally {
      await second.close();
    }

    // Two more starts on the same files, at once: the year is on the stream, nothing is recorded or recounted again.
    const [third, fourth] = await Promise.all([startTestApp({}, dir, credentials), startTestApp({}, dir, credentials)]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await recountsOf(third, 'item-file-recount')).toHaveLength(1);
    } finally {
      await third.close();
      await fourth.close();
    }
  });
});
