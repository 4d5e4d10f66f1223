import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone-number.js';

describe('normalizePhone', () => {
  it.each([
    '138 0013 8000',
    '13800138000',
    '+86 138-0013-8000',
    '+86 (138) 0013 8000',
    '008613800138000',
    '0086 138 0013 8000',
    'tel:+8613800138000',
    'sip:+8613800138000@kefu.example',
    ' +86.138.0013.8000 ',
  ])('reads %s as the same Chinese mobile number', (input) => {
    expect(normalizePhone(input, 'CN')).toBe('+8613800138000');
  });

  it('reads a Beijing landline with its trunk prefix', () => {
    expect(normalizePhone('010 6552 9988', 'CN')).toBe('+861065529988');
  });

  it('keeps foreign numbers foreign whatever the default region', () => {
    expect(normalizePhone('+852 9123 4567', 'CN')).toBe('+85291234567');
    expect(normalizePhone('+1 (212) 555-0142', 'CN')).toBe('+12125550142');
    expect(normalizePhone('0011 44 20 7946 0958'.replace('0011', '00'), 'CN')).toBe('+442079460958');
  });

  it('reads numbers without a country code in the configured default region', () => {
    expect(normalizePhone('(212) 555-0142', 'US')).toBe('+12125550142');
    // The same digits in China are a Shanghai (021) landline.
    expect(normalizePhone('212 555 0142', 'CN')).toBe('+862125550142');
  });

  it.each(['', 'abc', '12', '+86 123', '1380013800000000000', 'tel:', '++86138', 'x'.repeat(100)])(
    'refuses %j',
    (input) => {
      expect(normalizePhone(input, 'CN')).toBeNull();
    },
  );
});
