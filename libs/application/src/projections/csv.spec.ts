import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['=1+1', "'=1+1"],
    ['+86 0427', "'+86 0427"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['=A1,B1', `"'=A1,B1"`],
    ['a=b', 'a=b'],
    ['', ''],
  ])('csvCell(%j) = %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers, booleans and empty values', () => {
    expect([csvCell(3), csvCell(false), csvCell(undefined), csvCell(null)]).toEqual(['3', 'false', '', '']);
  });

  it('writes a header row and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x,y'],
          [null, '=z'],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n,\'=z\r\n');
  });
});
