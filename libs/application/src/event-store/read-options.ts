import { EventStoreError } from './event-store.errors';
import { ReadAllOptions, ReadStreamOptions } from './event-store.types';

/** Read-side argument checks shared by the adapters, so both refuse the same input the same way. */

const assertCount = (maxCount: unknown): void => {
  if (maxCount !== undefined && !(Number.isSafeInteger(maxCount) && (maxCount as number) >= 0)) {
    throw new EventStoreError('EVENT.INVALID', 'maxCount must be a non-negative integer.');
  }
};

const assertPoint = (name: string, value: unknown): void => {
  if (value !== undefined && !(typeof value === 'bigint' && value >= 0n)) {
    throw new EventStoreError('EVENT.INVALID', `${name} must be a bigint >= 0n.`);
  }
};

export const assertReadStreamOptions = (options: ReadStreamOptions): void => {
  assertCount(options.maxCount);
  assertPoint('fromRevision', options.fromRevision);
  if (options.direction !== undefined && options.direction !== 'forwards' && options.direction !== 'backwards') {
    throw new EventStoreError('EVENT.INVALID', "direction must be 'forwards' or 'backwards'.");
  }
};

export const assertReadAllOptions = (options: ReadAllOptions): void => {
  assertCount(options.maxCount);
  assertPoint('fromPosition', options.fromPosition);
};
