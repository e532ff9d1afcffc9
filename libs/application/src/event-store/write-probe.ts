/**
 * Optional capability of an {@link EventStore} adapter: one durable write that does not grow the
 * log and that no reader of the port ever sees (not in readAll, any `<category>-<id>` stream,
 * subscriptions or the chain verifiers). Readiness asks it whether the store can still WRITE:
 * a full or read-only disk leaves reads working while every append fails.
 *
 * Rejects (STORE.UNAVAILABLE for the conditions the adapter recognises) when the write fails.
 */
export interface WriteProbe {
  probeWrite(): Promise<void>;
}

export const isWriteProbe = (store: object): store is WriteProbe =>
  typeof (store as Partial<WriteProbe>).probeWrite === 'function';
