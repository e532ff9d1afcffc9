import { hash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562 "custom") derived from a name: the same name always gives the same
 * id. Event ids derive from the command id, so a command executed twice produces the same event
 * ids and the event store's idempotent append recognises the retry.
 */
export const deterministicUuid = (name: string): string => {
  // crypto.hash: one call, no Hash object (3× faster on short names; a rebuild makes one per notification).
  const hex = hash('sha256', name, 'hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');
