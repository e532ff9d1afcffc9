import fc from 'fast-check';
import { countyOf } from './projection-support';

describe('countyOf', () => {
  it('keeps the first two levels of a region path', () => {
    expect(countyOf('panjin/dawa/xinkai')).toBe('panjin/dawa');
    expect(countyOf('panjin/dawa')).toBe('panjin/dawa');
    expect(countyOf('panjin')).toBe('panjin');
  });

  it('equals joining the first two segments, for any path', () => {
    const path = fc
      .array(fc.constantFrom('panjin', 'dawa', '', 'x/y', '盘山'), { maxLength: 5 })
      .map((parts) => parts.join('/'));
    fc.assert(
      fc.property(fc.oneof(path, fc.string()), (regionId) =>
        expect(countyOf(regionId)).toBe(regionId.split('/').slice(0, 2).join('/')),
      ),
      { numRuns: 1000 },
    );
  });
});
