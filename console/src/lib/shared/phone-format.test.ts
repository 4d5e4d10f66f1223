import { afterEach, describe, expect, it } from 'vitest';
import { centerZone } from './center-zone.svelte.js';
import { formatPhone, showPhone } from './phone-format.js';

afterEach(() => centerZone.reset());

describe('one phone format', () => {
  it('shows home-region numbers in national grouping, however they were written', () => {
    expect(formatPhone('+8613912345678', 'CN')).toBe('139 1234 5678');
    expect(formatPhone('13912345678', 'CN')).toBe('139 1234 5678');
    expect(formatPhone('+861065529988', 'CN')).toBe('010 6552 9988');
  });

  it('shows foreign numbers in international form', () => {
    expect(formatPhone('+442079460958', 'CN')).toBe('+44 20 7946 0958');
    expect(formatPhone('+8613912345678', 'GB')).toBe('+86 139 1234 5678');
  });

  it('shows every number internationally while the home region is unknown', () => {
    expect(formatPhone('+8613912345678', null)).toBe('+86 139 1234 5678');
    expect(formatPhone('+8613912345678', 'ZZ')).toBe('+86 139 1234 5678');
  });

  it('leaves what is not a phone number as it was', () => {
    expect(formatPhone('1001', 'CN')).toBe('1001');
    expect(formatPhone('anonymous', 'CN')).toBe('anonymous');
    expect(formatPhone('13912345678', null)).toBe('13912345678');
    // A masked number is shown as the server masked it.
    expect(formatPhone('+86138****8000', 'CN')).toBe('+86138****8000');
  });

  it('follows the region the server gives', () => {
    expect(showPhone('+8613912345678')).toBe('+86 139 1234 5678');
    centerZone.region = 'CN';
    expect(showPhone('+8613912345678')).toBe('139 1234 5678');
    expect(showPhone(null)).toBe('');
  });
});
