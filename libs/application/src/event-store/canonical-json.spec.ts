import fc from 'fast-check';
import { canonicalEntries, canonicalFromEntries, canonicalJson, MAX_JSON_DEPTH } from './canonical-json';
import { EventStoreError } from './event-store.errors';

const notJson = (value: unknown): EventStoreError => {
  try {
    canonicalJson(value, 'data');
  } catch (error) {
    if (error instanceof EventStoreError) return error;
    throw error;
  }
  throw new Error('expected EVENT.NOT_JSON');
};

/**
 * Another route to the same bytes: sorted keys written by hand (an object round-tripped
 * through Object.fromEntries would not do: integer-like keys always enumerate first).
 */
const sortedStringify = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(sortedStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedStringify((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, B: true, é: 'x', '10': 0, '9': 0 })).toBe(
      '{"10":0,"9":0,"B":true,"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"é":"x"}',
    );
  });

  it('writes strings and numbers as JSON.stringify does (RFC 8785 for these values)', () => {
    expect(canonicalJson(['线索', 'a"b\\c', '\n\u0001', '\ud800', -0, 1e21, 0.1, -5e-7])).toBe(
      JSON.stringify(['线索', 'a"b\\c', '\n\u0001', '\ud800', 0, 1e21, 0.1, -5e-7]),
    );
  });

  it('does not depend on key insertion order, and re-encoding parsed output is stable', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const encoded = canonicalJson(value);
        expect(encoded).toBe(sortedStringify(value));
        expect(canonicalJson(JSON.parse(encoded))).toBe(encoded);
      }),
    );
  });

  it.each<[string, unknown, string]>([
    ['a function', { f: () => 1 }, 'data.f is a function'],
    ['undefined', { a: [1, undefined] }, 'data.a[1] is undefined'],
    ['an array hole', { a: [1, , 3] }, 'data.a[1] is undefined'], // eslint-disable-line no-sparse-arrays
    ['NaN', { n: Number.NaN }, 'data.n NaN is not a JSON number'],
    ['-Infinity', { n: Number.NEGATIVE_INFINITY }, 'data.n -Infinity is not a JSON number'],
    ['a bigint', { b: 10n }, 'data.b is a bigint'],
    ['a symbol', { s: Symbol('s') }, 'data.s is a symbol'],
    ['a Date', { at: new Date(0) }, 'data.at is a Date instance'],
    ['a Map', { m: new Map() }, 'data.m is a Map instance'],
    ['a class instance', { x: new (class Money {})() }, 'data.x is a Money instance'],
    ['a typed array', { bytes: new Uint8Array(2) }, 'data.bytes is a Uint8Array instance'],
  ])('rejects %s with EVENT.NOT_JSON naming the path', (_label, value, message) => {
    const error = notJson(value);
    expect(error.code).toBe('EVENT.NOT_JSON');
    expect(error.message).toContain(message);
  });

  it('rejects cycles and absurd nesting without overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.again = { back: cyclic };
    expect(notJson(cyclic).message).toContain('contains a cycle');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(notJson(deep).message).toContain(`deeper than ${MAX_JSON_DEPTH}`);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('reports a throwing getter as not JSON', () => {
    const tricky = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(notJson(tricky).code).toBe('EVENT.NOT_JSON');
  });
});

describe('canonical entries', () => {
  it('merges extra members in sorted position, equal to encoding the merged object', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((k) => k !== 'prevHash' && k !== 'recordedAt'),
          fc.jsonValue(),
        ),
        fc.string(),
        (base, text) => {
          const merged = canonicalFromEntries(canonicalEntries(base, 'm'), [
            ['recordedAt', JSON.stringify(text)],
            ['prevHash', '"00"'],
          ]);
          expect(merged).toBe(canonicalJson({ ...base, recordedAt: text, prevHash: '00' }));
        },
      ),
    );
  });

  it('refuses anything but a plain object at the root', () => {
    for (const value of [null, 'x', 1, [1], new Date(0)]) {
      expect(() => canonicalEntries(value, 'data')).toThrow(EventStoreError);
    }
  });
});
