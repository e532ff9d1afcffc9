import { MAX_JSON_DEPTH, exceedsJsonDepth } from './json-depth';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const nested = (levels: number, open = '[', close = ']', inner = ''): string =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;

describe('JSON nesting bound on the raw bytes', () => {
  it('allows exactly the limit and refuses one level more, for arrays and objects alike', () => {
    expect(exceedsJsonDepth(bytes(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(exceedsJsonDepth(bytes(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(exceedsJsonDepth(bytes(nested(MAX_JSON_DEPTH, '{"a":', '}', '1')))).toBe(false);
    expect(exceedsJsonDepth(bytes(nested(MAX_JSON_DEPTH + 1, '{"a":', '}', '1')))).toBe(true);
    expect(exceedsJsonDepth(bytes(nested(100_000)))).toBe(true);
  });

  it('measures depth, not count: many siblings at a shallow depth pass', () => {
    expect(exceedsJsonDepth(bytes(`[${Array.from({ length: 10_000 }, () => '{"a":[1,{"b":[]}]}').join(',')}]`))).toBe(
      false,
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(bytes(JSON.stringify({ text: '['.repeat(10_000) })))).toBe(false);
    expect(exceedsJsonDepth(bytes(JSON.stringify({ text: `\\"${'{'.repeat(100)}\\\\"` })))).toBe(false);
    // A quote escaped inside a string does not end it: the brackets after it are still text.
    expect(exceedsJsonDepth(bytes(`{"a":"\\"${'['.repeat(100)}"}`))).toBe(false);
    // An escaped backslash before a quote does end it: the brackets after it are structure.
    expect(exceedsJsonDepth(bytes(`{"a":"\\\\","b":${nested(MAX_JSON_DEPTH)}}`))).toBe(true);
  });

  it('scans UTF-8 byte for byte: multi-byte characters never look like brackets or quotes', () => {
    const chinese = '移送“材料”【附件】';
    expect(exceedsJsonDepth(bytes(JSON.stringify({ [chinese]: chinese.repeat(1000) })))).toBe(false);
    expect(exceedsJsonDepth(bytes(`{"${chinese}":${nested(MAX_JSON_DEPTH)}}`))).toBe(true);
  });

  it('takes a lower limit when given one', () => {
    expect(exceedsJsonDepth(bytes('{"a":{"b":[1]}}'), 3)).toBe(false);
    expect(exceedsJsonDepth(bytes('{"a":{"b":[[1]]}}'), 3)).toBe(true);
  });
});
