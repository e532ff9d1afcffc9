import {
  assertFindOptions,
  assertReadModelNames,
  decodePosition,
  decimalFromEncoded,
  encodePosition,
  FindOptions,
  IndexSpec,
  ParkedEvent,
  ReadModelDocument,
  ReadModelStore,
  stableSort,
  StreamOptions,
  Write,
} from '@xj/application';
import { streamMongoDocuments } from './mongo-document-stream';
import { MongoCollectionLike, MongoDatabaseLike, MongoDoc, MongoWriteOperation } from './mongo-database';
import {
  ACTIVE_VERSIONS,
  CHECKPOINTS,
  checkpointId,
  collectionName,
  duplicateKeyFailures,
  fromStoredDocument,
  isDuplicateKey,
  isNamespaceNotFound,
  PARKED,
  parkedId,
  versionPrefix,
  writeOperation,
} from './mongo-mapping';

/**
 * The MongoDB read-model store. No transactions: every document write is conditional on
 * `_position` (an older position never overwrites a newer document) and the checkpoint is saved
 * after the writes, so a crash in between only means the batch is delivered and written again.
 */
export class MongoReadModelStore implements ReadModelStore {
  private bookkeepingIndexes: Promise<unknown> | undefined;

  constructor(
    private readonly db: MongoDatabaseLike,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async get(
    projection: string,
    collection: string,
    id: string,
    version?: number,
  ): Promise<ReadModelDocument | undefined> {
    assertReadModelNames(projection, collection, version);
    const resolved = version ?? (await this.activeVersion(projection));
    if (resolved === undefined) return undefined;
    const stored = await this.documents(projection, resolved, collection).findOne({ _id: id });
    return stored === null ? undefined : fromStoredDocument(stored);
  }

  async find(
    projection: string,
    collection: string,
    options: FindOptions = {},
    version?: number,
  ): Promise<{ items: ReadModelDocument[]; total: number }> {
    assertReadModelNames(projection, collection, version);
    assertFindOptions(options);
    const resolved = version ?? (await this.activeVersion(projection));
    if (resolved === undefined) return { items: [], total: 0 };
    const documents = this.documents(projection, resolved, collection);
    const filter: MongoDoc = { ...options.filter };
    // MongoDB reads limit 0 as "no limit"; the port means "no items".
    const [items, total] = await Promise.all([
      options.limit === 0
        ? Promise.resolve([])
        : documents
            .find(filter, {
              sort: stableSort(options.sort),
              ...(options.skip ? { skip: options.skip } : {}),
              ...(options.limit === undefined ? {} : { limit: options.limit }),
            })
            .toArray(),
      documents.countDocuments(filter),
    ]);
    return { items: items.map(fromStoredDocument), total };
  }

  async *stream(
    projection: string,
    collection: string,
    options: StreamOptions = {},
    version?: number,
  ): AsyncGenerator<ReadModelDocument[]> {
    assertReadModelNames(projection, collection, version);
    assertFindOptions({ ...options, limit: options.batchSize });
    const resolved = version ?? (await this.activeVersion(projection));
    if (resolved === undefined) return;
    yield* streamMongoDocuments(this.documents(projection, resolved, collection), options);
  }

  async commit(
    projection: string,
    version: number,
    writes: readonly Write[],
    checkpoint: bigint | undefined,
  ): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    const byCollection = new Map<string, MongoWriteOperation[]>();
    for (const write of writes) {
      assertReadModelNames(projection, write.collection);
      const operations = byCollection.get(write.collection) ?? [];
      operations.push(writeOperation(write));
      byCollection.set(write.collection, operations);
    }
    for (const [collection, operations] of byCollection)
      await this.conditionalWrite(this.documents(projection, version, collection), operations);
    if (checkpoint === undefined) return;
    // $max: a checkpoint never moves back.
    await this.upsert(this.db.collection(CHECKPOINTS), checkpointId(projection, version), {
      $max: { position: encodePosition(checkpoint) },
      $set: { projection, version },
    });
  }

  async checkpoint(projection: string, version: number): Promise<bigint | undefined> {
    assertReadModelNames(projection, undefined, version);
    const found = await this.db.collection(CHECKPOINTS).findOne({ _id: checkpointId(projection, version) });
    return typeof found?.position === 'string' ? decodePosition(found.position) : undefined;
  }

  async activeVersion(projection: string): Promise<number | undefined> {
    assertReadModelNames(projection);
    const found = await this.db.collection(ACTIVE_VERSIONS).findOne({ _id: projection });
    return typeof found?.version === 'number' ? found.version : undefined;
  }

  async setActiveVersion(projection: string, version: number): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    await this.upsert(this.db.collection(ACTIVE_VERSIONS), projection, { $set: { version } });
  }

  async dropVersion(projection: string, version: number, collections: readonly string[]): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    collections.forEach((collection) => assertReadModelNames(projection, collection));
    const names = new Set(collections.map((collection) => collectionName(projection, version, collection)));
    for (const name of await this.db.collectionNamesStartingWith(versionPrefix(projection, version))) names.add(name);
    for (const name of names) {
      try {
        await this.db.collection(name).drop();
      } catch (error) {
        if (!isNamespaceNotFound(error)) throw error;
      }
    }
    await this.db.collection(CHECKPOINTS).deleteOne({ _id: checkpointId(projection, version) });
    await this.db.collection(PARKED).deleteMany({ projection, version });
  }

  async park(projection: string, version: number, entry: ParkedEvent): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    await this.ensureBookkeepingIndexes();
    const { position, streamId, type, error, attempts, parkedAt } = entry;
    await this.upsert(this.db.collection(PARKED), parkedId(projection, version, position), {
      $set: { projection, version, position: encodePosition(position), streamId, type, error, attempts, parkedAt },
    });
  }

  async parked(projection: string, version: number): Promise<readonly ParkedEvent[]> {
    assertReadModelNames(projection, undefined, version);
    const rows = await this.db
      .collection(PARKED)
      .find({ projection, version }, { sort: { position: 1 } })
      .toArray();
    return rows.map((row) => ({
      position: decimalFromEncoded(String(row.position)),
      streamId: String(row.streamId),
      type: String(row.type),
      error: String(row.error),
      attempts: Number(row.attempts),
      parkedAt: String(row.parkedAt),
    }));
  }

  async unpark(projection: string, version: number, position: string): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    await this.db.collection(PARKED).deleteOne({ _id: parkedId(projection, version, position) });
  }

  async ensureIndexes(
    projection: string,
    version: number,
    collection: string,
    specs: readonly IndexSpec[],
  ): Promise<void> {
    assertReadModelNames(projection, collection, version);
    const documents = this.documents(projection, version, collection);
    for (const spec of specs) {
      assertFindOptions({ sort: spec });
      await documents.createIndex({ ...spec });
    }
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private documents(projection: string, version: number, collection: string): MongoCollectionLike {
    return this.db.collection(collectionName(projection, version, collection));
  }

  private ensureBookkeepingIndexes(): Promise<unknown> {
    this.bookkeepingIndexes ??= this.db.collection(PARKED).createIndex({ projection: 1, version: 1, position: 1 });
    return this.bookkeepingIndexes;
  }

  /**
   * Unordered, so one "already newer" does not stop the rest. An operation that hit a duplicate
   * key is tried once more: the collision may have been another writer inserting the same new
   * document first, in which case the retry's condition now decides; a second collision means
   * the stored document is newer, which is what we wanted.
   */
  private async conditionalWrite(documents: MongoCollectionLike, operations: MongoWriteOperation[]): Promise<void> {
    let pending = operations;
    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        await documents.bulkWrite(pending, { ordered: false });
        return;
      } catch (error) {
        const collided = duplicateKeyFailures(error);
        if (collided === undefined) throw error;
        if (attempt === 2) return;
        pending = collided
          .map((index) => pending[index])
          .filter((operation): operation is MongoWriteOperation => operation !== undefined);
      }
    }
  }

  /** An upsert by `_id`; two concurrent first upserts may collide, and the second try then updates. */
  private async upsert(collection: MongoCollectionLike, id: string, update: MongoDoc): Promise<void> {
    try {
      await collection.updateOne({ _id: id }, update, { upsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await collection.updateOne({ _id: id }, update, { upsert: true });
    }
  }
}
