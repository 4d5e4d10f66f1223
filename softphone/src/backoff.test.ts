import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffDelay', () => {
  const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

  it('doubles from 0.5 s and stops at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => backoffDelay(n, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000, 8000,
    ]);
  });

  it('jitter only shortens a delay, so the maximum stays a bound', () => {
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(8000);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0.999)).toBeGreaterThanOrEqual(6400);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.5)).toBe(450);
  });

  it('survives absurd attempt numbers', () => {
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, noJitter)).toBe(8000);
    expect(backoffDelay(0, noJitter)).toBe(500);
  });
});
