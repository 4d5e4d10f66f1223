// The cap over whole campaigns: the dialer simulator (tests/bench/dialer) drives the real pacer in
// simulated time, and counts answered and abandoned calls itself, by the window of each answer.
//
// 1,000 simulated 30-day campaigns of 5 to 200 agents (log-uniform, so small teams are as common
// as large ones), each with its own callees, talk times, cap, window and settings. Simplified to
// stay fast (about a million calls in all, some 15 s): a campaign works 1 to 3 of its 30 days, for about
// 200 agent-minutes a day (5 agents 40 minutes, 200 agents 3 minutes), with talk of 30-240 s.
// Its days open at a random time of the campaign's clock, so some straddle a window boundary.
// What is kept is what the cap depends on: windows of 24 hours or 30 days from the campaign's
// start, each window starting with no credit, a cap of 1, 3 or 5 %, teams small and large.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../tests/bench/dialer/simulator.js';

const campaign = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  agents: fc.integer({ min: 0, max: 1000 }).map((u) => Math.round(5 * 40 ** (u / 1000))),
  capWindow: fc.constantFrom('24h' as const, '30d' as const),
  abandonCap: fc.constantFrom(0.01, 0.03, 0.05),
  targetShareOfCap: fc.double({ min: 0.5, max: 1, noNaN: true }),
  ringTimeoutSeconds: fc.integer({ min: 15, max: 30 }),
  answerRate: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
  answerMeanSeconds: fc.double({ min: 4, max: 15, noNaN: true }),
  talkMeanSeconds: fc.double({ min: 30, max: 240, noNaN: true }),
  openAtMinute: fc.integer({ min: 0, max: 1439 }),
  workingDays: fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 3 }),
});

describe('the abandon cap over 1,000 simulated 30-day campaigns', () => {
  it('is never passed in any window, whatever the team size', { timeout: 600_000 }, () => {
    let windows = 0;
    let abandoned = 0;
    let dials = 0;
    let withAbandons = 0;
    fc.assert(
      fc.property(campaign, (c) => {
        const r = simulate({
          seed: c.seed,
          agents: c.agents,
          days: 30,
          workingDays: [...c.workingDays].sort((a, b) => a - b),
          openAtMinute: c.openAtMinute,
          minutesPerDay: Math.min(40, Math.max(3, Math.round(200 / c.agents))),
          pacing: { mode: 'predictive', capWindow: c.capWindow, abandonCap: c.abandonCap, targetShareOfCap: c.targetShareOfCap, ringTimeoutSeconds: c.ringTimeoutSeconds },
          callee: { answerRate: c.answerRate, answerMeanSeconds: c.answerMeanSeconds },
          agent: { talkMeanSeconds: c.talkMeanSeconds, wrapMinSeconds: 5, wrapMaxSeconds: 30 },
        });
        for (const w of r.windows) expect(w.abandoned, `window ${w.index}: ${w.abandoned} of ${w.answered}`).toBeLessThanOrEqual(c.abandonCap * w.answered + 1e-9);
        expect(r.maxConnectWaitMs).toBeLessThanOrEqual(2000);
        windows += r.windows.length;
        abandoned += r.abandoned;
        dials += r.dials;
        if (r.abandoned > 0) withAbandons += 1;
      }),
      { numRuns: 1000, seed: 20261205 },
    );
    // The runs did dial ahead: a pacer that never did would pass the cap trivially.
    process.stdout.write(`cap property: ${dials} calls, ${abandoned} abandoned, ${withAbandons} of 1000 campaigns with abandons, ${windows} windows\n`);
    expect(withAbandons).toBeGreaterThan(100);
    expect(windows).toBeGreaterThan(1000);
  });
});
