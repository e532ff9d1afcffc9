/**
 * Global positions are unsigned 64-bit integers (EventStoreDB commit positions). Stores that
 * compare them as strings (SQLite TEXT columns, MongoDB fields) keep them zero-padded to 20
 * digits, the width of 2^64 − 1, so that string order is numeric order. Documents carry the
 * plain decimal form.
 */
const WIDTH = 20;
const MAX = 2n ** 64n - 1n;

const MAX_TEXT = MAX.toString();

export const encodePosition = (position: bigint | string): string => {
  // Strings are the hot path (every document written): pad without a BigInt round trip.
  if (typeof position === 'string' && /^\d{1,20}$/.test(position)) {
    const padded = position.padStart(WIDTH, '0');
    if (padded <= MAX_TEXT) return padded;
  }
  const value = typeof position === 'bigint' ? position : decimalToBigInt(position);
  if (value < 0n || value > MAX) throw new RangeError(`Position ${value} is outside 0..2^64-1.`);
  return value.toString().padStart(WIDTH, '0');
};

export const decodePosition = (encoded: string): bigint => {
  if (!/^\d{20}$/.test(encoded)) throw new RangeError(`Not an encoded position: ${JSON.stringify(encoded)}.`);
  return BigInt(encoded);
};

/** `00000000000000000042` → `42` */
export const decimalFromEncoded = (encoded: string): string => decodePosition(encoded).toString();

const decimalToBigInt = (decimal: string): bigint => {
  if (!/^\d{1,20}$/.test(decimal)) throw new RangeError(`Not a decimal position: ${JSON.stringify(decimal)}.`);
  return BigInt(decimal);
};
