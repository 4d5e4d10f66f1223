import { describe, expect, it } from 'vitest';
import { csvLine } from './csv.js';

describe('csvLine', () => {
  it('quotes cells with commas, quotes or line breaks, and leaves plain ones alone', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula from being one', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1)\r\n`);
    expect(csvLine([-2])).toBe('-2\r\n');
  });
});
