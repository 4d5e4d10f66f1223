import { describe, expect, it } from 'vitest';
import { CapLedger } from './cap-ledger.js';

const T0 = Date.UTC(2026, 11, 1, 9);
const H = 3_600_000;
const DAY = 24 * H;

describe('CapLedger', () => {
  it('counts abandoned over live-answered calls, abandoned ones included in the answered', () => {
    const l = new CapLedger(T0, '24h', 0.03);
    for (let i = 0; i < 97; i++) l.settle(T0 + i * 1000, T0 + i * 1000, false);
    for (let i = 0; i < 3; i++) l.settle(T0 + H, T0 + H + 2000, true);
    expect(l.current(T0 + 2 * H)).toMatchObject({ answered: 100, abandoned: 3, rate: 0.03 });
  });

  it('starts a fresh 24-hour window each day from the campaign start (UK)', () => {
    const l = new CapLedger(T0, '24h', 0.03);
    l.settle(T0 + H, T0 + H, true);
    l.settle(T0 + DAY + H, T0 + DAY + H, false);
    const ws = l.windows(T0 + DAY + 2 * H);
    expect(ws.map((w) => [w.from - T0, w.answered, w.abandoned])).toEqual([
      [0, 1, 1],
      [DAY, 1, 0],
    ]);
  });

  it('keeps one window over 30 days of the campaign (US), then starts the next', () => {
    const l = new CapLedger(T0, '30d', 0.03);
    l.settle(T0 + H, T0 + H, true);
    l.settle(T0 + 29 * DAY, T0 + 29 * DAY, false);
    expect(l.current(T0 + 29 * DAY + H)).toMatchObject({ answered: 2, abandoned: 1 });
    expect(l.current(T0 + 30 * DAY)).toMatchObject({ answered: 0, abandoned: 0, from: T0 + 30 * DAY });
    expect(l.windows(T0 + 30 * DAY)).toHaveLength(2);
  });

  it('counts a call in the window of its answer even when it settles after the window closed', () => {
    const l = new CapLedger(T0, '24h', 0.03);
    l.settle(T0 + DAY - 1000, T0 + DAY + 1000, true);
    const [first, second] = l.windows(T0 + DAY + 5000);
    expect(first).toMatchObject({ answered: 1, abandoned: 1 });
    expect(second).toMatchObject({ answered: 0, abandoned: 0 });
  });

  it('allows no call exposed to abandonment before any answered call has earned it', () => {
    expect(new CapLedger(T0, '30d', 0.03).exposureAllowed(T0)).toBe(0);
  });

  it('allows as many exposed calls as can all be abandoned without passing the cap', () => {
    const l = new CapLedger(T0, '30d', 0.03);
    for (let i = 0; i < 100; i++) l.settle(T0, T0, false);
    // 3 abandons on top of 100 connected: 3 / 103 = 2.9 %; a 4th would be 4 / 104 = 3.8 %.
    expect(l.exposureAllowed(T0)).toBe(3);
    l.settle(T0, T0, true);
    l.settle(T0, T0, true);
    expect(l.exposureAllowed(T0)).toBe(1);
    l.settle(T0, T0, true);
    expect(l.exposureAllowed(T0)).toBe(0);
    expect(l.current(T0).rate).toBeLessThanOrEqual(0.03);
  });

  it('gives back the budget when a new window starts, at zero', () => {
    const l = new CapLedger(T0, '24h', 0.03);
    for (let i = 0; i < 1000; i++) l.settle(T0, T0, false);
    expect(l.exposureAllowed(T0 + H)).toBe(30);
    expect(l.exposureAllowed(T0 + DAY)).toBe(0);
  });

  it('reports the cap reached once the measured rate gets there (the soft mode)', () => {
    const l = new CapLedger(T0, '24h', 0.05);
    for (let i = 0; i < 19; i++) l.settle(T0, T0, false);
    expect(l.atCap(T0)).toBe(false);
    l.settle(T0, T0, true);
    expect(l.atCap(T0)).toBe(true);
  });
});
