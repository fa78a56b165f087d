import { csvCell, csvRow } from './csv';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('quote separators, quotes and line breaks: %j is %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each(['=SUM(A1:A2)', '+1', '-1+2', '@cmd', '\tX'])('neutralise a formula: %j', (value) => {
    expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('quote a neutralised cell that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('write empty cells for null, JSON for objects, CRLF rows', () => {
    expect(csvRow([null, undefined, 1, true, { a: 1 }])).toBe(',,1,true,"{""a"":1}"\r\n');
  });
});
