import { describe, expect, it } from 'vitest';
import { csvLine, toCsv } from './csv.js';

describe('csvLine', () => {
  it('quotes cells with commas, quotes or line breaks, and leaves plain ones alone', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula from being one', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1)\r\n`);
    expect(csvLine([-2])).toBe('-2\r\n');
  });
});

describe('toCsv', () => {
  it('writes a header and the rows by column, nulls empty and formulas defused', () => {
    const out = toCsv(['a', 'b', 'c'], [{ a: 'x,y', b: 'say "hi"', c: null }, { a: 'two\nlines', b: 3, c: '=SUM(A1)' }]);
    expect(out).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"two\nlines",3,\'=SUM(A1)\r\n');
  });
});
