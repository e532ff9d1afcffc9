import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreError, ExpectedRevision, storeUnavailable } from '@xj/application';
import { wrongExpectedRevision } from '@xj/application/event-store-kit';

/** gRPC status 14 = UNAVAILABLE, 4 = DEADLINE_EXCEEDED (raw errors from the channel carry these). */
const UNAVAILABLE_GRPC_CODES = new Set([4, 14]);
const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|Failed to discover|failed to connect|No connection established/i;

/**
 * Maps client errors to the port's. Unknown errors pass through unchanged: they are bugs to
 * see, not conditions to hide behind a generic code.
 */
export const mapEsdbError = (error: unknown, streamId?: string, expected?: ExpectedRevision): unknown => {
  if (error instanceof EventStoreError) return error;
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === 'no_stream' ? undefined : error.actualVersion;
    return wrongExpectedRevision(
      streamId ?? error.streamName,
      expected ?? 'any',
      typeof actual === 'bigint' ? actual : undefined,
    );
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new EventStoreError(
      'EVENT.PAYLOAD_TOO_LARGE',
      'The append exceeds EventStoreDB’s maximum append size.',
      { streamId },
      { cause: error },
    );
  }
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  ) {
    return storeUnavailable(`EventStoreDB unavailable: ${error.message}`, error);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if ((typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code)) || CONNECTION_FAILURE.test(error.message)) {
      return storeUnavailable(`EventStoreDB unavailable: ${error.message}`, error);
    }
  }
  return error;
};
