import { DEFAULT_PASSWORD_POLICY, isPasswordExpired, passwordViolations } from './password-policy';

const policy = DEFAULT_PASSWORD_POLICY;
const check = (password: string, reused = false) =>
  passwordViolations(password, policy, { username: 'wang.li', reused });

describe('the password policy (GB/T 22239-2019 8.1.4.1 a)', () => {
  it('accepts a long password of three character classes', () => {
    expect(check('Correct-horse-battery')).toEqual([]);
    expect(check('river7stone9Lamp')).toEqual([]);
  });

  it('refuses a password shorter than the minimum, counting characters, not bytes', () => {
    expect(check('Ab1-short')).toEqual(['TOO_SHORT']);
    // 11 Han characters plus one digit: 12 code points, two classes (others, digits).
    expect(check('口令口令口令口令口令口1', false)).toEqual(['TOO_FEW_CHARACTER_CLASSES']);
  });

  it('refuses a password of too few character classes', () => {
    expect(check('alllowercaseletters')).toEqual(['TOO_FEW_CHARACTER_CLASSES']);
    expect(check('lowercase-and-dashes')).toEqual(['TOO_FEW_CHARACTER_CLASSES']);
    expect(
      passwordViolations(
        'lowercase-and-dashes',
        { ...policy, minCharacterClasses: 2 },
        { username: 'x', reused: false },
      ),
    ).toEqual([]);
  });

  it('refuses the username inside the password, and a reused password', () => {
    expect(check('My-Wang.Li-2026!')).toEqual(['CONTAINS_USERNAME']);
    expect(check('Correct-horse-battery', true)).toEqual(['REUSED']);
  });

  it('names every rule broken at once', () => {
    expect(check('abc', true)).toEqual(['TOO_SHORT', 'TOO_FEW_CHARACTER_CLASSES', 'REUSED']);
    expect(check(`Aa1-${'x'.repeat(300)}`)).toEqual(['TOO_LONG']);
  });

  it('expires a password maxAgeDays after its change, never with 0 or without a date', () => {
    const changed = '2026-01-01T00:00:00.000Z';
    expect(isPasswordExpired(changed, new Date('2026-03-31T23:59:59Z'), policy)).toBe(false);
    expect(isPasswordExpired(changed, new Date('2026-04-01T00:00:00Z'), policy)).toBe(true);
    expect(isPasswordExpired(changed, new Date('2030-01-01T00:00:00Z'), { ...policy, maxAgeDays: 0 })).toBe(false);
    expect(isPasswordExpired(undefined, new Date('2030-01-01T00:00:00Z'), policy)).toBe(false);
  });
});
