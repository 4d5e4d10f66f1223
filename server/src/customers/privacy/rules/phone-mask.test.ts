import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhoneText, masksPhonesFor } from './phone-mask.js';

describe('maskPhoneText', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['+8613800138000', '+86138****8000'],
    ['138 0013 8000', '138 **** 8000'],
    ['+852 9123 4567', '+852 **** 4567'],
    ['12345678', '****5678'],
    ['1001', '****'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskPhoneText(input)).toBe(masked);
  });

  it('masks both forms of a stored phone and keeps its label', () => {
    expect(maskPhone({ e164: '+8613800138000', raw: '138-0013-8000', label: 'mobile' })).toEqual({ e164: '+86138****8000', raw: '138-****-8000', label: 'mobile' });
  });

  it('masks for the roles the policy lists only', () => {
    expect(masksPhonesFor({ maskedRoles: ['marketer'] }, 'marketer')).toBe(true);
    expect(masksPhonesFor({ maskedRoles: ['marketer'] }, 'agent')).toBe(false);
  });
});
