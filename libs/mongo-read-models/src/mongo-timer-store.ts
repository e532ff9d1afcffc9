import { CaseTimers, DeadlineTimer, OpenDeadlineQuery, TimerStore, awaitsDecision } from '@xj/application';
import { MongoCollectionLike, MongoDatabaseLike, MongoDoc, MongoWriteOperation } from './mongo-database';

/** One document per case and deadline rule (`_id`: kind|case|rule); unarmed timers have no `fireAt`. */
export const DEADLINE_TIMERS = 'deadline_timers';
/** The indexer's checkpoint: `{ _id: 'checkpoint', position }` (a decimal string). */
export const DEADLINE_TIMER_CHECKPOINT = 'deadline_timer_checkpoint';

const CHECKPOINT_ID = 'checkpoint';
const ORDER_DUE = { fireAt: 1, caseKind: 1, caseId: 1, rule: 1 } as const;
const ORDER_LIST = { dueOn: 1, caseKind: 1, caseId: 1, rule: 1 } as const;

const caseKeyOf = (caseKind: string, caseId: string): string => `${caseKind}|${caseId}`;
const idOf = (t: Pick<DeadlineTimer, 'caseKind' | 'caseId' | 'rule'>): string =>
  `${caseKeyOf(t.caseKind, t.caseId)}|${t.rule}`;

/** What decides whether a stored timer is the one the ticker read (its fired mark then stands). */
const sameTimer = (stored: MongoDoc, timer: DeadlineTimer): boolean =>
  stored.dueOn === timer.dueOn &&
  stored.progressKey === JSON.stringify(timer.progress) &&
  (stored.fireAt ?? null) === (timer.fireAt ?? null);

export const toTimerDocument = (timer: DeadlineTimer, fired: boolean): MongoDoc => ({
  _id: idOf(timer),
  caseKey: caseKeyOf(timer.caseKind, timer.caseId),
  caseKind: timer.caseKind,
  caseId: timer.caseId,
  rule: timer.rule,
  from: timer.from,
  dueOn: timer.dueOn,
  responsibleOrgId: timer.responsibleOrgId,
  regionId: timer.regionId,
  progress: timer.progress,
  // The progress as one comparable value (a document's field order is not part of equality here).
  progressKey: JSON.stringify(timer.progress),
  ...(timer.fireAt === undefined ? {} : { fireAt: timer.fireAt }),
  fired,
  awaitingDecision: awaitsDecision(timer),
});

export const fromTimerDocument = (doc: MongoDoc): DeadlineTimer => ({
  caseKind: doc.caseKind as DeadlineTimer['caseKind'],
  caseId: String(doc.caseId),
  rule: doc.rule as DeadlineTimer['rule'],
  from: String(doc.from),
  dueOn: String(doc.dueOn),
  responsibleOrgId: String(doc.responsibleOrgId),
  regionId: String(doc.regionId),
  progress: JSON.parse(String(doc.progressKey)) as DeadlineTimer['progress'],
  ...(typeof doc.fireAt === 'number' ? { fireAt: doc.fireAt } : {}),
});

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The production {@link TimerStore}: a MongoDB collection read by the ticker through an index on
 * (fired, fireAt, …) and by the 督办 lists through (dueOn, …), (responsibleOrgId, dueOn) and
 * (awaitingDecision, dueOn). A case's timers are written in one unordered bulk write and the
 * checkpoint after it: MongoDB gives no transaction here, so a crash in between re-indexes the
 * page on restart — harmless, since a case's timers are derived from its state and an unchanged
 * timer keeps its fired mark.
 */
export class MongoTimerStore implements TimerStore {
  private indexes: Promise<unknown> | undefined;

  constructor(
    private readonly db: MongoDatabaseLike,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async replaceCases(cases: readonly CaseTimers[], checkpoint?: bigint): Promise<void> {
    const timers = await this.timers();
    if (cases.length > 0) {
      const keys = cases.map((c) => caseKeyOf(c.caseKind, c.caseId));
      const stored = await timers.find({ caseKey: { $in: keys } }).toArray();
      const byId = new Map(stored.map((doc) => [String(doc._id), doc]));
      const operations: MongoWriteOperation[] = [];
      const kept = new Set<string>();
      for (const timer of cases.flatMap((c) => c.timers)) {
        const id = idOf(timer);
        kept.add(id);
        const before = byId.get(id);
        const fired = before !== undefined && before.fired === true && sameTimer(before, timer);
        operations.push({
          replaceOne: { filter: { _id: id }, replacement: toTimerDocument(timer, fired), upsert: true },
        });
      }
      for (const id of byId.keys()) if (!kept.has(id)) operations.push({ deleteOne: { filter: { _id: id } } });
      if (operations.length > 0) await timers.bulkWrite(operations, { ordered: false });
    }
    if (checkpoint !== undefined) {
      await this.db
        .collection(DEADLINE_TIMER_CHECKPOINT)
        .updateOne({ _id: CHECKPOINT_ID }, { $set: { position: checkpoint.toString() } }, { upsert: true });
    }
  }

  async due(at: number, limit: number): Promise<DeadlineTimer[]> {
    const docs = await (
      await this.timers()
    )
      .find({ fired: false, fireAt: { $exists: true, $lte: at } }, { sort: { ...ORDER_DUE }, limit })
      .toArray();
    return docs.map(fromTimerDocument);
  }

  async markFired(timers: readonly DeadlineTimer[]): Promise<void> {
    const collection = await this.timers();
    // Only if still the timer that was read: a re-indexed one (new step, moved date) stays armed.
    await Promise.all(
      timers.map((t) =>
        collection.updateOne(
          {
            _id: idOf(t),
            dueOn: t.dueOn,
            progressKey: JSON.stringify(t.progress),
            fireAt: t.fireAt === undefined ? { $exists: false } : t.fireAt,
          },
          { $set: { fired: true } },
        ),
      ),
    );
  }

  async list(query: OpenDeadlineQuery): Promise<DeadlineTimer[]> {
    if (query.responsibleOrgIds !== undefined && query.responsibleOrgIds.length === 0) return [];
    const filter: MongoDoc = {
      ...(query.dueBefore === undefined ? {} : { dueOn: { $lt: query.dueBefore } }),
      ...(query.responsibleOrgIds === undefined ? {} : { responsibleOrgId: { $in: [...query.responsibleOrgIds] } }),
      ...(query.region === undefined
        ? {}
        : { $or: [{ regionId: query.region }, { regionId: { $regex: `^${escapeRegex(`${query.region}/`)}` } }] }),
      ...(query.awaitingDecision ? { awaitingDecision: true } : {}),
    };
    const docs = await (
      await this.timers()
    )
      .find(filter, { sort: { ...ORDER_LIST }, skip: query.skip ?? 0, limit: query.limit })
      .toArray();
    return docs.map(fromTimerDocument);
  }

  async checkpoint(): Promise<bigint | undefined> {
    const doc = await this.db.collection(DEADLINE_TIMER_CHECKPOINT).findOne({ _id: CHECKPOINT_ID });
    return typeof doc?.position === 'string' ? BigInt(doc.position) : undefined;
  }

  async count(): Promise<number> {
    return (await this.timers()).countDocuments({});
  }

  async clear(): Promise<void> {
    await (await this.timers()).deleteMany({});
    await this.db.collection(DEADLINE_TIMER_CHECKPOINT).deleteMany({});
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async timers(): Promise<MongoCollectionLike> {
    const timers = this.db.collection(DEADLINE_TIMERS);
    // Created once per process; createIndex is a no-op when the index exists.
    this.indexes ??= Promise.all([
      timers.createIndex({ fired: 1, ...ORDER_DUE }),
      timers.createIndex({ caseKey: 1 }),
      timers.createIndex({ ...ORDER_LIST }),
      timers.createIndex({ responsibleOrgId: 1, dueOn: 1 }),
      timers.createIndex({ awaitingDecision: 1, dueOn: 1 }),
    ]).catch((error: unknown) => {
      this.indexes = undefined;
      throw error;
    });
    await this.indexes;
    return timers;
  }
}
