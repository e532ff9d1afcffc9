import { findUnsafeText, isSafeText } from './safe-text';

describe('safe text: no C0 controls but TAB, LF, CR; no lone surrogates', () => {
  it('accepts ordinary text, Chinese, tabs and line breaks, and surrogate pairs (emoji, CJK extension B)', () => {
    for (const text of [
      '',
      'plain',
      '盘复〔2026〕12号',
      'a\tb\nc\r\nd',
      '😀',
      '𠮷野家',
      'DEL \u007f and NBSP \u00a0 stay',
    ])
      expect(isSafeText(text)).toBe(true);
  });

  it('refuses NUL and every other C0 control character', () => {
    const controls = Array.from({ length: 0x20 }, (_, code) => code).filter(
      (code) => ![0x09, 0x0a, 0x0d].includes(code),
    );
    expect(controls).toHaveLength(29);
    expect(controls.filter((code) => isSafeText(`a${String.fromCharCode(code)}b`))).toEqual([]);
  });

  it('refuses unpaired surrogates wherever they stand', () => {
    for (const text of [
      '\ud800',
      'x\ud800',
      '\ud800x',
      '\udc00',
      'x\udfff',
      '\ude00\ud83d',
      '😀\ud83d',
      '\ud83d\ud83d\ude00x\ud800',
    ])
      expect(isSafeText(text)).toBe(false);
  });

  it('names the first unsafe field of a nested value by its path, never by its content', () => {
    expect(findUnsafeText({ a: 'ok', b: [{ c: 'ok' }, { d: 'bad\u0000' }] })).toBe('b.1.d');
    expect(findUnsafeText({ list: ['ok', '\udc00'] })).toBe('list.1');
    expect(findUnsafeText('\u0007')).toBe('(value)');
    expect(findUnsafeText({ a: 1, b: true, c: null, d: ['x'] })).toBeUndefined();
    expect(findUnsafeText(undefined)).toBeUndefined();
  });

  it('checks keys too, without naming them', () => {
    expect(findUnsafeText({ ['bad\u0000key']: 'x' })).toBe('(key)');
    expect(findUnsafeText({ outer: { ['\ud800']: 'x' } })).toBe('outer');
  });
});
