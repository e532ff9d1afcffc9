import { DEADLINE_ALARM_EVENT_TYPES, DEADLINE_CHANGE_EVENT_TYPES } from '@xj/domain';
import { DESCRIBED_EVENT_TYPES } from '../audit/describe-event';
import { READ_MODEL_PROJECTIONS } from '../projections/projections';
import { DocReader, Projection, ProjectedEvent } from './projection';
import { feedFilter, readsEvent } from './projection-events';

const projection = (fields: Partial<Projection>): Projection => ({
  name: 'p',
  version: 1,
  collections: ['c'],
  categories: ['clue', 'campaign'],
  keys: () => Promise.resolve([]),
  apply: () => Promise.resolve(undefined),
  ...fields,
});

/** Every type a case stream of a category may hold: its decider's, the deadline alarms and changes, evidence. */
const typesOfCategory = (category: string): readonly string[] => [
  ...((DESCRIBED_EVENT_TYPES as Readonly<Record<string, readonly string[]>>)[category] ?? []),
  ...DEADLINE_ALARM_EVENT_TYPES,
  ...DEADLINE_CHANGE_EVENT_TYPES,
  'EvidenceAttached',
];

/** An event of an item or clue `i-1` that a campaign's finding opened. */
const eventOf = (category: string, type: string): ProjectedEvent => ({
  streamId: `${category}-i-1`,
  category,
  aggregateId: 'i-1',
  revision: 3n,
  position: 9n,
  type,
  data: { at: '2026-03-02T09:00:00+08:00', sourceRef: 'campaign:k-1', result: 'Pass' },
  recordedAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u', role: 'RuleOfLawOffice', orgId: 'o' },
});

describe('which events a projection is handed (readsEvent)', () => {
  it('every event of its categories when it names no types', () => {
    const reads = readsEvent(projection({}));
    expect([reads('clue', 'ClueRegistered'), reads('campaign', 'CampaignPlanned'), reads('referral', 'X')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('of a category whose types it names, only those; of its other categories, every type', () => {
    const reads = readsEvent(projection({ typesOf: { clue: ['ClueRegistered', 'ClueClosed'] } }));
    expect([
      reads('clue', 'ClueRegistered'),
      reads('clue', 'ClueClosed'),
      reads('clue', 'ClueAnalysisStarted'),
      reads('campaign', 'CampaignPlanned'),
      reads('rectification', 'ClueRegistered'),
    ]).toEqual([true, true, false, true, false]);
  });

  // typesOf promises that the types it leaves out change nothing: a feed that skips them must build
  // the same documents. So `keys` names no document for any of them, even for a case the read model
  // knows (every document read here links the case to a campaign and a 回头看 round).
  const declaring = READ_MODEL_PROJECTIONS.filter((p) => p.typesOf !== undefined);
  it('is declared by the campaign figures and the 回头看 rounds, which follow every clue or rectification event for a few types', () => {
    expect(declaring.map((p) => p.name).sort()).toEqual(['campaign-figures', 'look-back-rounds']);
  });

  it.each(declaring.map((p) => [p.name, p] as const))('%s: the types it leaves out name no document', async (_, p) => {
    const read: DocReader = (key) =>
      Promise.resolve({
        _id: key.id,
        _position: '1',
        campaignId: 'k-1',
        roundId: 'lb-1',
        items: { 'i-1': 'Assigned' },
      });
    for (const [category, listed] of Object.entries(p.typesOf ?? {})) {
      const left = typesOfCategory(category).filter((type) => !listed.includes(type));
      expect(left.length).toBeGreaterThan(10);
      for (const type of left) {
        expect([type, await p.keys(eventOf(category, type), read)]).toEqual([type, []]);
      }
      // And the types it lists do name one (the check above is not vacuous).
      const named = await Promise.all(listed.map((type) => p.keys(eventOf(category, type), read)));
      expect(named.every((keys) => keys.length > 0)).toBe(true);
    }
  });

  describe('feedFilter: what a feed serving several projections asks its subscription for', () => {
    it('restricts a category to the union of the types only when every projection reading it names its types', () => {
      const a = projection({ name: 'a', categories: ['clue', 'campaign'], typesOf: { clue: ['ClueRegistered'] } });
      const b = projection({ name: 'b', categories: ['clue'], typesOf: { clue: ['ClueClosed', 'ClueRegistered'] } });
      const c = projection({ name: 'c', categories: ['campaign', 'rectification'] });
      expect(feedFilter([a, b])).toEqual({
        categories: ['campaign', 'clue'],
        types: { clue: ['ClueClosed', 'ClueRegistered'] },
      });
      expect(feedFilter([a, b, c])).toEqual({
        categories: ['campaign', 'clue', 'rectification'],
        types: { clue: ['ClueClosed', 'ClueRegistered'] },
      });
      // One that reads every type of clue lifts the restriction for the feed.
      expect(feedFilter([a, projection({ name: 'd', categories: ['clue'] })])).toEqual({
        categories: ['campaign', 'clue'],
      });
      expect(feedFilter([a, projection({ name: 'e', categories: [] })])).toBeUndefined();
      expect(feedFilter([])).toBeUndefined();
    });

    it('for the read models the feed builds in global order, asks for no type their documents need', () => {
      const global = READ_MODEL_PROJECTIONS.filter((p) => ['campaign-figures', 'look-back-rounds'].includes(p.name));
      const filter = feedFilter(global);
      for (const p of global) {
        const reads = readsEvent(p);
        for (const category of p.categories) {
          const asked = filter?.types?.[category];
          // Every type the projection reads of the category is asked for (or the category whole).
          for (const type of typesOfCategory(category).filter((t) => reads(category, t)))
            expect([category, type, asked === undefined || asked.includes(type)]).toEqual([category, type, true]);
        }
      }
      expect(Object.keys(filter?.types ?? {}).sort()).toEqual(['clue', 'rectification']);
    });
  });
});
