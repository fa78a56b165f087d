import { csvCell, csvRow } from './csv';

describe('CSV cells', () => {
  it('quote separators, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
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
