import { assertNever, fold } from './decider';
import {
  DomainError,
  conflict,
  forbidden,
  invalidTransition,
  isDomainError,
  notFound,
  validation,
} from './domain-error';
import { eventBase } from './messages';
import { jurisdictionLevelOf } from './jurisdiction';

describe('kernel', () => {
  it('fold replays events from the initial state, in order', () => {
    const counter = { initialState: () => [] as string[], evolve: (s: string[], e: string) => [...s, e] };
    expect(fold(counter, [])).toEqual([]);
    expect(fold(counter, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('assertNever throws on a value the union did not expect', () => {
    expect(() => assertNever('surprise' as never)).toThrow('Unexpected value: "surprise"');
  });

  it.each([
    [forbidden, 'Forbidden'],
    [invalidTransition, 'InvalidTransition'],
    [validation, 'Validation'],
    [conflict, 'Conflict'],
    [notFound, 'NotFound'],
  ] as const)('%p builds a DomainError of kind %s with a stable code', (factory, kind) => {
    const error = factory('X.CODE', 'message', { field: 'f' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      name: 'DomainError',
      kind,
      code: 'X.CODE',
      message: 'message',
      details: { field: 'f' },
    });
    expect(isDomainError(error)).toBe(true);
  });

  it('isDomainError is false for events and plain errors', () => {
    expect(isDomainError([])).toBe(false);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ kind: 'Conflict', code: 'X' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });

  it('jurisdiction belongs to the person: 厅局级 → provincial, 县处级 → city commission, 乡科级 → county', () => {
    expect(jurisdictionLevelOf({ cadreRank: 'DepartmentBureau' })).toBe('Province');
    expect(jurisdictionLevelOf({ cadreRank: 'CountyDivision' })).toBe('City');
    expect(jurisdictionLevelOf({ cadreRank: 'TownshipSectionOrBelow' })).toBe('County');
  });

  it("eventBase records the command's business time and who acted (never their position or region)", () => {
    const actor = {
      userId: 'u1',
      role: 'JusticeBureau',
      position: 'Head',
      orgId: 'panjin.justice',
      regionId: 'panjin',
    } as const;
    expect(eventBase({ type: 'Anything', actor, at: '2026-03-02T09:30:00+08:00' })).toEqual({
      at: '2026-03-02T09:30:00+08:00',
      by: { userId: 'u1', role: 'JusticeBureau', orgId: 'panjin.justice' },
    });
  });
});
