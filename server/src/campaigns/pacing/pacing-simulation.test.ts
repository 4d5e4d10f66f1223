// The pacer on a simulated floor (tests/bench/dialer): the rules an engine relies on, and the
// stability of predictive pacing for small teams, where other dialers oscillate.
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationResult } from '../../../../tests/bench/dialer/simulator.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
/** Means of the dial ratio per simulated minute (recomputed every 5 s: 12 samples a minute). */
const perMinute = (r: SimulationResult) => {
  const out: number[] = [];
  for (let i = 0; i + 12 <= r.ratioSamples.length; i += 12) out.push(mean(r.ratioSamples.slice(i, i + 12)));
  return out;
};

describe('the pacer on a simulated floor', () => {
  it('lets unanswered calls ring at least 15 s and connects answered calls within 2 s', () => {
    for (const mode of ['preview', 'progressive', 'predictive'] as const) {
      const r = simulate({ seed: 7, agents: 20, days: 1, minutesPerDay: 60, pacing: { mode, ringTimeoutSeconds: 15 } });
      expect(r.minNoAnswerRingMs, mode).toBeGreaterThanOrEqual(15_000);
      expect(r.maxConnectWaitMs, mode).toBeLessThanOrEqual(2000);
      expect(r.connected, mode).toBeGreaterThan(100);
    }
  });

  it('abandons nothing in progressive and preview, and dials ahead only in predictive', () => {
    const run = (mode: 'preview' | 'progressive' | 'predictive') => simulate({ seed: 8, agents: 30, days: 1, minutesPerDay: 120, pacing: { mode } });
    const preview = run('preview');
    const progressive = run('progressive');
    const predictive = run('predictive');
    expect(preview.abandoned).toBe(0);
    expect(progressive.abandoned).toBe(0);
    expect(predictive.abandoned).toBeGreaterThan(0);
    expect(predictive.abandoned / predictive.answered).toBeLessThanOrEqual(0.03);
    // What dialing ahead is for: agents spend more of their time talking.
    expect(predictive.occupancy).toBeGreaterThan(progressive.occupancy + 0.05);
    expect(progressive.occupancy).toBeGreaterThan(preview.occupancy);
  });

  it('keeps the dial ratio steady for teams of 5 to 30 agents', () => {
    for (const agents of [5, 10, 20, 30]) {
      for (const seed of [1, 2, 3]) {
        const label = `${agents} agents, seed ${seed}`;
        const r = simulate({ seed, agents, days: 1, minutesPerDay: 240, sampleRatioFromMinute: 30, pacing: { mode: 'predictive' } });
        const ratios = r.ratioSamples;
        // Spread over 3.5 hours (drift included) within a third of its mean...
        expect(sd(ratios) / mean(ratios), label).toBeLessThanOrEqual(0.35);
        // ...and no swing from one minute to the next: the mark of an oscillating pacer.
        const minutes = perMinute(r);
        const swings = minutes.slice(1).map((m, i) => Math.abs(m - minutes[i]!));
        expect(Math.max(...swings), label).toBeLessThanOrEqual(0.35);
        expect(r.abandoned / r.answered, label).toBeLessThanOrEqual(0.03);
      }
    }
  });
});
