/**
 * Nesting bound of a JSON body, checked on the raw bytes before they are parsed: V8 parses deep
 * JSON fine, but everything after it that walks the value recursively (class-transformer,
 * class-validator, canonical JSON for idempotency, JSON.stringify into the event store) overflows
 * the stack at a few thousand levels. No request of this API needs more than 4 levels.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether UTF-8 JSON text nests objects and arrays deeper than `limit`. Brackets inside strings do
 * not count. Multi-byte UTF-8 sequences never contain ASCII bytes, so a byte scan is exact; other
 * encodings are refused before the body is read (RFC 8259 §8.1: JSON exchanged between systems is
 * UTF-8). Malformed text is not judged here: the parser refuses it.
 */
export const exceedsJsonDepth = (bytes: Uint8Array, limit: number = MAX_JSON_DEPTH): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
};
