import { DocumentCache } from './document-cache';

const doc = (id: string) => ({ _id: id, _position: '1' });

describe('DocumentCache', () => {
  it('keeps recently used entries and drops the oldest generation beyond its capacity', () => {
    const cache = new DocumentCache(4);
    cache.set('a', doc('a'));
    cache.set('b', null);
    cache.set('c', doc('c'));
    expect(cache.get('a')).toEqual(doc('a'));
    cache.set('d', doc('d'));
    cache.set('e', doc('e'));
    expect(cache.size).toBeLessThanOrEqual(4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(doc('a'));
    expect(cache.get('e')).toEqual(doc('e'));
  });

  it('remembers known-absent documents as null, and holds nothing with capacity 0', () => {
    const cache = new DocumentCache(2);
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    const none = new DocumentCache(0);
    none.set('a', doc('a'));
    expect(none.get('a')).toBeUndefined();
  });

  it('replaces an entry in place', () => {
    const cache = new DocumentCache(2);
    cache.set('a', doc('a'));
    cache.set('a', null);
    expect(cache.get('a')).toBeNull();
    expect(cache.size).toBe(1);
  });
});
