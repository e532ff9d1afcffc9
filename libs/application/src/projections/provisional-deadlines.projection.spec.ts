import { ProjectedEvent } from '../read-models/projection';
import { provisionalDeadlinesProjection } from './provisional-deadlines.projection';

let position = 0n;
const event = (type: string, data: Record<string, unknown>, streamId = 'rectification-i-1'): ProjectedEvent => {
  position += 1n;
  const [category = '', ...rest] = streamId.split('-');
  return {
    streamId,
    category,
    aggregateId: rest.join('-'),
    revision: 0n,
    position,
    type,
    data: { at: '2026-12-07T09:00:00+08:00', ...data } as ProjectedEvent['data'],
    recordedAt: '2026-12-07T01:00:00.000Z',
    actor: { userId: 'u', role: 'RuleOfLawOffice', orgId: 'o' },
  };
};
const provisional = {
  rule: 'LookBack',
  from: '2026-12-07',
  amount: 3,
  unit: 'Months',
  dueOn: '2027-03-08',
  provisional: true,
};
const counted = { rule: 'LookBack', from: '2026-01-07', amount: 3, unit: 'Months', dueOn: '2026-04-07' };

const fold = async (events: readonly ProjectedEvent[]) => {
  let doc: Awaited<ReturnType<typeof provisionalDeadlinesProjection.apply>> = undefined;
  for (const e of events) {
    const [target] = await provisionalDeadlinesProjection.keys(e, () => Promise.resolve(undefined));
    doc = await provisionalDeadlinesProjection.apply(doc as never, e, target as never, () =>
      Promise.resolve(undefined),
    );
  }
  return doc;
};

describe('the provisional-deadline index (issue 15 §4)', () => {
  it('lists a case with the years its provisional deadlines reach', async () => {
    expect(await fold([event('RectificationItemAssigned', { deadline: provisional })])).toMatchObject({
      kind: 'rectification',
      caseId: 'i-1',
      years: [2026, 2027],
    });
  });

  it('lists no case whose deadlines were counted with every table', async () => {
    expect(await fold([event('RectificationItemAssigned', { deadline: counted })])).toBeUndefined();
  });

  it('drops the case once it has nothing left to meet (look-back passed)', async () => {
    const events = [
      event('RectificationItemAssigned', { deadline: provisional }),
      event('LookBackCompleted', { result: 'Pass' }),
    ];
    expect(await fold(events)).toBeUndefined();
  });
});
