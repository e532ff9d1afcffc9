import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is limited under. IPv4 addresses count one by one; an IPv6 client is
 * counted by its /64 prefix, because one subscriber is routinely given a whole /64 (RFC 6177 and
 * common ISP practice) and could otherwise spread a flood over 2^64 addresses. IPv4-mapped IPv6
 * addresses (`::ffff:10.0.0.1`, how a dual-stack socket reports an IPv4 peer) count as IPv4.
 */
export const clientAddressKey = (address: string | undefined): string => {
  if (!address) return 'unknown';
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return 'unknown';
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
};

/** The eight 16-bit groups of a valid IPv6 address, without leading zeros (`2001:db8::1` → 2001, db8, 0, …, 1). */
const expandIPv6 = (address: string): string[] => {
  // A trailing dotted IPv4 part stands for the last two groups.
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  let text = address;
  if (tail?.[1]) {
    const [a, b, c, d] = tail[1].split('.').map(Number) as [number, number, number, number];
    text = `${address.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = rest === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => parseInt(group, 16).toString(16));
};
