import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Where a variable is listed in the README and `.env.example`. */
export type ConfigGroup =
  'Server' | 'Authentication' | 'Login limits' | 'Storage' | 'Integrity' | 'Access log' | 'Notifications' | 'Deadlines';

/** How a variable's text becomes a value: `parse` throws a message naming the variable when the text is refused. */
export interface ConfigKind<T> {
  /** Type and range, as the README and `.env.example` show them. */
  readonly type: string;
  readonly parse: (raw: string, name: string) => T;
}

/** One environment variable: declared once, with its kind, default and one-line description. */
export interface ConfigVariable<T> extends ConfigKind<T> {
  readonly group: ConfigGroup;
  readonly description: string;
  /** The value when unset or empty, written as it would be in the environment and parsed like a set value. */
  readonly default?: string;
  /** Without a default: what applies when it is unset (documentation only; the composition decides). */
  readonly unset?: string;
}

const refused = (name: string, raw: string, expected: string): Error =>
  new Error(`${name} must be ${expected}, got "${raw}"`);

/** A whole number in [min, max]; "a positive integer" when only the minimum 1 bounds it (the messages the hand parsers gave). */
export const integer = (range: {
  readonly min: number;
  readonly max?: number;
  readonly unit?: string;
}): ConfigKind<number> => {
  const unit = range.unit ? ` (${range.unit})` : '';
  const expected =
    range.max !== undefined
      ? `an integer from ${range.min} to ${range.max}`
      : range.min === 1
        ? 'a positive integer'
        : `an integer >= ${range.min}`;
  return {
    type: (range.max !== undefined ? `integer ${range.min}–${range.max}` : `integer ≥ ${range.min}`) + unit,
    parse: (raw, name) => {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isInteger(n) || n < range.min || (range.max !== undefined && n > range.max))
        throw refused(name, raw, expected);
      return n;
    },
  };
};

/**
 * A finite number, fractions allowed: above 0 when `above` is 0 ("a positive number [of seconds]"),
 * else at least `min`.
 */
export const decimal = (
  range: { readonly above: 0; readonly unit?: string } | { readonly min: number; readonly unit?: string },
): ConfigKind<number> => {
  const unit = range.unit ? ` (${range.unit})` : '';
  const positive = 'above' in range;
  const expected = positive ? `a positive number${range.unit ? ` of ${range.unit}` : ''}` : `a number >= ${range.min}`;
  return {
    type: (positive ? 'number > 0' : `number ≥ ${range.min}`) + unit,
    parse: (raw, name) => {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || (positive ? n <= 0 : n < range.min))
        throw refused(name, raw, expected);
      return n;
    },
  };
};

/** Free text, taken as written. */
export const text = (type = 'text'): ConfigKind<string> => ({ type, parse: (raw) => raw });

/** One of a fixed set of words. */
export const choice = <T extends string>(values: readonly T[]): ConfigKind<T> => ({
  type: `one of ${values.join(', ')}`,
  parse: (raw, name) => {
    if (!(values as readonly string[]).includes(raw)) throw refused(name, raw, `one of ${values.join(', ')}`);
    return raw as T;
  },
});

/** `true` or `false`, in any case. */
export const flag = (): ConfigKind<boolean> => ({
  type: 'true or false',
  parse: (raw, name) => {
    const word = raw.trim().toLowerCase();
    if (word !== 'true' && word !== 'false') throw refused(name, raw, 'true or false');
    return word === 'true';
  },
});

/** A switch that also takes 1 / 0 (`DEMO=1 npm start`). */
export const onOff = (): ConfigKind<boolean> => ({
  type: '1 or 0 (true or false)',
  parse: (raw, name) => {
    const word = raw.trim().toLowerCase();
    if (!['1', '0', 'true', 'false'].includes(word)) throw refused(name, raw, '1 or 0 (true or false)');
    return word === '1' || word === 'true';
  },
});

/** A URL with one of the given schemes (`esdb:`, `https:` …). */
export const url = (schemes: readonly string[]): ConfigKind<string> => ({
  type: `URL (${schemes.map((s) => `${s}//…`).join(', ')})`,
  parse: (raw, name) => {
    let scheme: string;
    try {
      scheme = new URL(raw).protocol;
    } catch {
      throw refused(name, raw, `a URL (${schemes.map((s) => `${s}//…`).join(', ')})`);
    }
    if (!schemes.includes(scheme))
      throw refused(name, raw, `a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`);
    return raw;
  },
});

/** A file or directory, resolved against the working directory at start (as every entry point did). */
export const path = (): ConfigKind<string> => ({
  type: 'path',
  parse: (raw) => resolve(raw),
});

/** A body size as body-parser reads it: bytes, or a number with kb, mb or gb (anything else would lift the limit). */
export const byteSize = (): ConfigKind<string> => ({
  type: 'size (bytes, or with kb, mb, gb)',
  parse: (raw, name) => {
    if (!/^(\d+ *b?|\d+(\.\d+)? *(kb|mb|gb))$/i.test(raw) || /^0+(\.0+)? *[kmg]?b?$/i.test(raw))
      throw refused(name, raw, 'a size such as 256kb (bytes, or a number with kb, mb or gb)');
    return raw;
  },
});

/** A PEM public key (SPKI, PKCS#1 or an X.509 certificate), as node:crypto reads it. */
export const publicKeyPem = (): ConfigKind<string> => ({
  type: 'PEM public key',
  parse: (raw, name) => {
    try {
      createPublicKey(raw);
    } catch {
      throw new Error(`${name} must be a PEM public key (-----BEGIN PUBLIC KEY----- …)`);
    }
    return raw;
  },
});

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Express `trust proxy` entries, comma- or space-separated: addresses, CIDR ranges (prefix length
 * or an IPv4 mask) and Express's names. Checked here so that a typo stops the start, not every request.
 */
export const proxyList = (): ConfigKind<readonly string[]> => ({
  type: `list of addresses, CIDR ranges or ${PROXY_NAMES.join(' / ')}`,
  parse: (raw, name) => {
    const entries = raw.split(/[\s,]+/).filter((entry) => entry !== '');
    for (const entry of entries) {
      if (PROXY_NAMES.includes(entry)) continue;
      const [address = '', prefix, ...rest] = entry.split('/');
      const version = isIP(address);
      const validPrefix =
        prefix === undefined ||
        (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32)) ||
        (version === 4 && isIP(prefix) === 4);
      if (version === 0 || rest.length > 0 || !validPrefix) {
        throw new Error(`${name}: "${entry}" is not an IP address, a CIDR range or one of ${PROXY_NAMES.join(', ')}`);
      }
    }
    return entries;
  },
});

/** Words of a fixed set, comma- or space-separated (empty: none). */
/** `value:Choice` pairs separated by commas (e.g. an identity provider's role values mapped to roles). */
export const choiceMap = <T extends string>(values: readonly T[]): ConfigKind<Readonly<Record<string, T>>> => ({
  type: `value:choice pairs, the choices ${values.join(', ')}`,
  parse: (raw, name) => {
    const map: Record<string, T> = {};
    for (const pair of raw.split(',').map((entry) => entry.trim())) {
      if (pair === '') continue;
      const at = pair.lastIndexOf(':');
      const [value, target] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (at <= 0 || value === '' || !(values as readonly string[]).includes(target))
        throw refused(name, pair, `value:choice with a choice of ${values.join(', ')}`);
      if (Object.prototype.hasOwnProperty.call(map, value) && map[value] !== target)
        throw refused(name, pair, 'each value mapped once');
      map[value] = target as T;
    }
    return map;
  },
});

export const choiceList = <T extends string>(values: readonly T[]): ConfigKind<readonly T[]> => ({
  type: `list of ${values.join(', ')}`,
  parse: (raw, name) => {
    const entries = raw.split(/[\s,]+/).filter((entry) => entry !== '');
    for (const entry of entries)
      if (!(values as readonly string[]).includes(entry)) throw refused(name, entry, `one of ${values.join(', ')}`);
    return entries as T[];
  },
});
