import { decimalFromEncoded, decodePosition, encodePosition } from './position-codec';

describe('sortable position encoding', () => {
  it('pads to 20 digits so that string order is numeric order', () => {
    const positions = [0n, 9n, 10n, 99n, 1000n, 2n ** 53n + 1n, 2n ** 64n - 1n];
    const encoded = positions.map((position) => encodePosition(position));
    expect(encoded[1]).toBe('00000000000000000009');
    expect(encoded[6]).toBe('18446744073709551615');
    expect([...encoded].reverse().sort()).toEqual(encoded);
    expect(encoded.map(decodePosition)).toEqual(positions);
  });

  it('accepts decimal strings and gives them back without padding', () => {
    expect(encodePosition('42')).toBe('00000000000000000042');
    expect(decimalFromEncoded('00000000000000000042')).toBe('42');
    expect(decimalFromEncoded('00000000000000000000')).toBe('0');
  });

  it('refuses what is not a position', () => {
    expect(() => encodePosition(-1n)).toThrow(RangeError);
    expect(() => encodePosition(2n ** 64n)).toThrow(RangeError);
    expect(() => encodePosition('1e3')).toThrow(RangeError);
    expect(() => decodePosition('42')).toThrow(RangeError);
  });
});
