import { describe, expect, it } from 'vitest';
import { codeCreateBody, codeFormOf, codePatchBody, codeWords, EMPTY_CODE_FORM } from './code-form.js';

const LUNCH = { code: 'lunch', label: 'Lunch', labelZh: '午餐', sort: 1, version: 3 };

describe('the form of a code', () => {
  it('leaves the order out when it is empty, so the server puts the code at the end', () => {
    expect(codeCreateBody({ ...EMPTY_CODE_FORM, code: ' coaching ', label: ' Coaching ', labelZh: '辅导' })).toEqual({ code: 'coaching', label: 'Coaching', labelZh: '辅导' });
    expect(codeCreateBody({ code: 'x', label: 'X', labelZh: '某', sort: '7' })).toEqual({ code: 'x', label: 'X', labelZh: '某', sort: 7 });
  });

  it('sends an order that is not a number as typed, for the server to name the field', () => {
    expect(codeCreateBody({ code: 'x', label: 'X', labelZh: '某', sort: 'first' }).sort).toBe('first');
  });

  it('sends only what changed, with the version it was loaded at', () => {
    expect(codePatchBody(LUNCH, codeFormOf(LUNCH))).toEqual({ version: 3 });
    expect(codePatchBody(LUNCH, { ...codeFormOf(LUNCH), labelZh: '午饭', sort: '0' })).toEqual({ version: 3, labelZh: '午饭', sort: 0 });
  });

  it('words a code in the console’s language', () => {
    expect(codeWords(LUNCH, 'zh-CN')).toBe('午餐');
    expect(codeWords(LUNCH, 'en')).toBe('Lunch');
  });
});
