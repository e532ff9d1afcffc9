import { EventLog, projectionSpec } from '@xj/testing';
import { ROUNDS, ROUND_ITEMS, lookBackRoundsProjection } from './look-back-rounds.projection';

/* Issue 17: 回头看 campaign progress — assigned / done / problems found — from the items' own look-backs. */
const by = { userId: 'u', role: 'RuleOfLawOffice', orgId: 'dawa.rol-office' };
const AT = '2026-09-01T10:00:00+08:00';
const item = (type: string, data: object = {}) => ({ type, data: { at: AT, by, ...data } });

const logOf = (): EventLog => {
  const log = new EventLog();
  // I3 was looked back on before the round: its earlier look-back is not the round's.
  log.append('rectification-I3', [item('LookBackScheduled'), item('LookBackCompleted', { result: 'Pass' })]);
  log.append('lookbackround-lb-1', [
    item('LookBackRoundLaunched', { roundId: 'lb-1', regionId: 'panjin/dawa', itemIds: ['I1', 'I2', 'I3', 'I4'] }),
  ]);
  log.append('rectification-I1', [item('LookBackScheduled'), item('LookBackCompleted', { result: 'Pass' })]);
  log.append('rectification-I2', [item('LookBackScheduled'), item('LookBackCompleted', { result: 'Fail' })]);
  log.append('rectification-I3', [item('LookBackScheduled')]);
  log.append('rectification-I9', [item('LookBackScheduled'), item('LookBackCompleted', { result: 'Fail' })]);
  return log;
};

describe('look-back rounds read model (issue 17)', () => {
  it('follows each item of the round from assigned to scheduled, passed or failed; nothing of other items', async () => {
    await projectionSpec(lookBackRoundsProjection)
      .given(logOf().events)
      .then(
        { collection: ROUNDS, id: 'lb-1' },
        { roundId: 'lb-1', items: { I1: 'Passed', I2: 'Failed', I3: 'Scheduled', I4: 'Assigned' } },
      );
    const index = await projectionSpec(lookBackRoundsProjection).given(logOf().events).collection(ROUND_ITEMS);
    expect([...index.keys()].sort()).toEqual(['I1', 'I2', 'I3', 'I4']);
  });

  it('run twice: a redelivery or a rebuild changes nothing', async () => {
    await projectionSpec(lookBackRoundsProjection).given(logOf().events).thenReplayChangesNothing();
  });
});
