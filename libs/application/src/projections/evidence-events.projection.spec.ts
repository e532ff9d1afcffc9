import { EventLog, foldProjection } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  clueToSupervision,
  day,
  planItems,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { READ_MODEL_PROJECTIONS } from './projections';

/**
 * Evidence (issue 19 §1) is recorded as `EvidenceAttached` in the case's own stream — a clue's, a
 * referral's or a rectification item's — and no read model shows it (the case's files are read from
 * its stream). Every read model must take the event in its stride: before this spec the clue ledger
 * passed it to the clue's step function, which throws on an event that is not the clue's own, so the
 * projection parked every upload after its retries and readiness reported it degraded.
 */
describe('EvidenceAttached in the case streams', () => {
  const world = (withEvidence: boolean) => {
    const log = new EventLog();
    const w = new CaseWorld(log);
    clueToSupervision(w, { clueId: 'c1' });
    referralToAccepted(w, { clueId: 'c1', referralId: 'r1', subjects: [subject('s1', 'CountyDivision')] }, 5);
    planItems(w, 'c1', [{ itemId: 'i1', mode: 'Deadline', dueDay: 30 }], 9);
    if (withEvidence) {
      const streams = [...new Set(log.events.map((e) => e.streamId))].filter((s) =>
        /^(clue|referral|rectification)-/.test(s),
      );
      expect(streams.map((s) => s.split('-')[0]).sort()).toEqual(['clue', 'rectification', 'referral']);
      for (const streamId of streams) {
        log.append(streamId, [
          {
            type: 'EvidenceAttached',
            data: {
              sha256: 'a'.repeat(64),
              fileName: '证据.pdf',
              mediaType: 'application/pdf',
              size: 1024,
              at: day(12),
              by: ACTORS.cityOffice,
            },
          },
        ]);
      }
    }
    return log.events;
  };

  it.each(READ_MODEL_PROJECTIONS.map((p) => [p.name, p] as const))(
    'the %s read model folds it without error and shows nothing of it',
    async (_name, projection) => {
      const without = await foldProjection(projection, world(false));
      const withEvidence = await foldProjection(projection, world(true));
      const strip = (docs: Map<string, unknown>) =>
        new Map(
          [...docs].map(([id, doc]) => [
            id,
            JSON.parse(JSON.stringify(doc), (k, v) => (k.startsWith('_') ? undefined : v)),
          ]),
        );
      expect(strip(withEvidence)).toEqual(strip(without));
    },
  );
});
