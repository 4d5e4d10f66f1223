import { describe, expect, it } from 'vitest';
import { firstContactResolved } from './first-contact.js';

const DAY = 86_400_000;
const base = { answered: true, customerId: 7, at: 0, nextContactAt: null, windowDays: 7, now: 30 * DAY };

describe('first-contact resolution', () => {
  it('is resolved when the customer did not come back within the window', () => {
    expect(firstContactResolved(base)).toBe(true);
    expect(firstContactResolved({ ...base, nextContactAt: 8 * DAY })).toBe(true);
  });

  it('is not resolved when the customer came back within the window, the last day included', () => {
    expect(firstContactResolved({ ...base, nextContactAt: 2 * DAY })).toBe(false);
    expect(firstContactResolved({ ...base, nextContactAt: 7 * DAY })).toBe(false);
  });

  it('cannot be judged while the window is open and nobody came back yet', () => {
    expect(firstContactResolved({ ...base, now: 3 * DAY })).toBeNull();
    expect(firstContactResolved({ ...base, now: 3 * DAY, nextContactAt: 1 * DAY })).toBe(false);
  });

  it('leaves out calls nobody answered and callers nobody knows', () => {
    expect(firstContactResolved({ ...base, answered: false })).toBeNull();
    expect(firstContactResolved({ ...base, customerId: null })).toBeNull();
  });

  it('follows the chosen window', () => {
    expect(firstContactResolved({ ...base, windowDays: 1, nextContactAt: 2 * DAY })).toBe(true);
  });
});
