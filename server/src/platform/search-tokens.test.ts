import { describe, expect, it } from 'vitest';
import { documentKeys, queryKeys, toTsQuery } from './search-tokens.js';

const matches = (doc: string[], query: string) => queryKeys(query).every((k) => doc.includes(k));

describe('search keys', () => {
  const doc = documentKeys('C-2026-000042', '安装师傅迟到两小时', 'Customer wants a refund');

  it('finds Chinese text by any substring of two or more characters, and by one character', () => {
    expect(matches(doc, '师傅迟到')).toBe(true);
    expect(matches(doc, '迟')).toBe(true);
    expect(matches(doc, '师傅早到')).toBe(false);
  });

  it('finds Latin words whatever their case, and case numbers by their parts', () => {
    expect(matches(doc, 'REFUND')).toBe(true);
    expect(matches(doc, 'C-2026-000042')).toBe(true);
    expect(matches(doc, '000042')).toBe(true);
    expect(matches(doc, 'refunds')).toBe(false);
  });

  it('treats mixed text and full-width characters like their plain forms', () => {
    expect(matches(documentKeys('ＶＩＰ客户投诉'), 'vip 投诉')).toBe(true);
  });

  it('builds a tsquery from keys without characters that could break it', () => {
    expect(toTsQuery(queryKeys("it's 退款"))).toBe("'it' & 's' & '退款'");
    expect(queryKeys('!!! ---')).toEqual([]);
  });
});
