import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-reader.js';

async function all(chunks: string[]): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readCsv((async function* () { yield* chunks.map((c) => Buffer.from(c)); })())) out.push(r);
  return out;
}

describe('readCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes', async () => {
    expect(await all(['phone,name\r\n', '"+86 138","Li, ""Lily""\nWang"\r\n'])).toEqual([
      ['phone', 'name'],
      ['+86 138', 'Li, "Lily"\nWang'],
    ]);
  });

  it('gives the same records whatever the chunk boundaries, also inside a character or a doubled quote', async () => {
    const text = 'a,b\n"x""y",张三\n1,2';
    const whole = await all([text]);
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const parts: Buffer[] = [bytes.subarray(0, cut), bytes.subarray(cut)];
      const out: string[][] = [];
      for await (const r of readCsv((async function* () { yield* parts; })())) out.push(r);
      expect(out).toEqual(whole);
    }
    expect(whole).toEqual([['a', 'b'], ['x"y', '张三'], ['1', '2']]);
  });

  it('drops a byte-order mark and blank lines, keeps empty fields', async () => {
    expect(await all(['\ufeffphone,name\n\n13800138000,\n'])).toEqual([['phone', 'name'], ['13800138000', '']]);
  });

  it('refuses a NUL character, which no text column can hold', async () => {
    await expect(all(['phone,name\n1380013800', '0,a\u0000b\n'])).rejects.toThrow('NUL character');
  });
});
