import { DEFAULT_STREAM_BATCH, ReadModelDocument, stableSort, StreamOptions } from '@xj/application';
import { MongoCollectionLike, MongoDoc } from './mongo-database';
import { fromStoredDocument } from './mongo-mapping';

/**
 * The MongoDB export cursor (ReadModelStore.stream): one driver cursor with the query's filter and
 * order, fetching `batchSize` documents per round trip, handed out in batches of that size. The
 * server keeps the cursor; only one batch is in this process at a time. Breaking out of the loop
 * (the client went away) closes the cursor (the driver's iterator `return`).
 */
export async function* streamMongoDocuments(
  documents: MongoCollectionLike,
  options: StreamOptions,
): AsyncGenerator<ReadModelDocument[]> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_STREAM_BATCH);
  const filter: MongoDoc = { ...options.filter };
  let batch: ReadModelDocument[] = [];
  for await (const stored of documents.find(filter, { sort: stableSort(options.sort), batchSize: size })) {
    batch.push(fromStoredDocument(stored));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
