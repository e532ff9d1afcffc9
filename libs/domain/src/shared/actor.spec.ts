import { Actor, actorRef, levelOf, regionCovers } from './actor';

describe('actor', () => {
  it.each([
    ['panjin', 'panjin', true, 'a region covers itself'],
    ['panjin', 'panjin/dawa', true, 'the city covers its district'],
    ['panjin', 'panjin/dawa/xinkai', true, 'and everything below it'],
    ['panjin/dawa', 'panjin', false, 'a district does not cover its city'],
    ['panjin/dawa', 'panjin/panshan', false, 'nor a sibling district'],
    ['panjin', 'panjinx', false, 'a name that merely starts the same is another region'],
    ['panjin', 'panjinx/dawa', false, 'nor anything below it'],
    ['panjin/da', 'panjin/dawa', false, 'prefixes only match whole segments'],
  ])('regionCovers(%s, %s) is %s: %s', (outer, inner, expected) => {
    expect(regionCovers(outer, inner)).toBe(expected);
  });

  it.each([
    ['panjin', 'City'],
    ['panjin/dawa', 'County'],
    ['panjin/dawa/xinkai', 'County'],
  ])('levelOf(%s) is %s', (regionId, level) => {
    expect(levelOf(regionId)).toBe(level);
  });

  it('records only who acted on events, not position or region', () => {
    const actor: Actor = {
      userId: 'u1',
      role: 'JusticeBureau',
      position: 'Head',
      orgId: 'panjin.justice',
      regionId: 'panjin',
    };
    expect(actorRef(actor)).toEqual({ userId: 'u1', role: 'JusticeBureau', orgId: 'panjin.justice' });
  });
});
