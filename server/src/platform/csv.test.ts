import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, leaves nulls empty and defuses formulas', () => {
    const out = toCsv(['a', 'b', 'c'], [{ a: 'x,y', b: 'say "hi"', c: null }, { a: 'two\nlines', b: 3, c: '=SUM(A1)' }]);
    expect(out).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"two\nlines",3,\'=SUM(A1)\r\n');
  });
});
