import { describe, expect, it } from 'vitest';
import { AnswerTiming } from './answer-timing.js';
import { dialRatio, expectedExcess } from './dial-ratio.js';
import { WindowedSeries, windowedMean } from './windowed-estimate.js';

const T0 = Date.UTC(2026, 11, 1, 9);
const MIN = 60_000;

describe('windowedMean', () => {
  it('lets a few calls in the last minute barely move a well-measured half hour (a small team)', () => {
    const s = new WindowedSeries();
    for (let i = 0; i < 300; i++) s.add(T0 + (i % 30) * MIN, i % 10 < 3 ? 1 : 0); // 30 %, ten calls a minute
    for (let i = 0; i < 4; i++) s.add(T0 + 30 * MIN, 1); // then a lucky minute: 4 answers of 4
    const m = windowedMean(s, T0 + 30 * MIN + 30_000, 0.3, 30);
    expect(m.byWindow['1m']).toBe(1);
    expect(m.value).toBeLessThan(0.4);
  });

  it('follows the last minute when it holds hundreds of calls (a large floor)', () => {
    const s = new WindowedSeries();
    for (let i = 0; i < 3000; i++) s.add(T0 + (i % 25) * MIN, i % 10 < 3 ? 1 : 0);
    for (let i = 0; i < 600; i++) s.add(T0 + 29 * MIN, i % 10 < 1 ? 1 : 0); // the answer rate drops to 10 %
    const m = windowedMean(s, T0 + 29 * MIN + 30_000, 0.3, 30);
    expect(m.value).toBeLessThan(0.15);
  });

  it('forgets what is older than 30 minutes and falls back to the prior', () => {
    const s = new WindowedSeries();
    for (let i = 0; i < 100; i++) s.add(T0, 1);
    expect(windowedMean(s, T0 + 10 * MIN, 0.3, 30).value).toBeGreaterThan(0.8);
    const later = windowedMean(s, T0 + 31 * MIN, 0.3, 30);
    expect(later.value).toBeCloseTo(0.3, 10);
    expect(later.samples30m).toBe(0);
  });
});

describe('AnswerTiming', () => {
  it('gives a call that has rung past the usual answer times a much smaller chance than a fresh one', () => {
    const t = new AnswerTiming(25_000, 10_000);
    for (let i = 0; i < 500; i++) t.add(5000 + (i % 6) * 1000); // everyone answers after 5-10 s
    t.refresh();
    expect(t.answerChance(0, 0.3)).toBeCloseTo(0.3, 1);
    expect(t.answerChance(12_000, 0.3)).toBeLessThan(0.02);
    expect(t.answerChance(25_000, 0.3)).toBe(0);
  });

  it('uses what it learnt only once refreshed, so one recompute sees one curve', () => {
    const t = new AnswerTiming(25_000, 10_000);
    const before = t.answerChance(12_000, 0.3);
    for (let i = 0; i < 500; i++) t.add(2000);
    expect(t.answerChance(12_000, 0.3)).toBe(before);
    t.refresh();
    expect(t.answerChance(12_000, 0.3)).toBeLessThan(before);
  });
});

describe('dialRatio', () => {
  const inputs = (expectedFree: number, targetRate = 0.021) => ({ answerRate: 0.3, expectedFree, freeVariance: expectedFree * 0.95, targetRate, maxRatio: 5 });

  it('computes the expected excess of a normal', () => {
    expect(expectedExcess(0, 1)).toBeCloseTo(0.3989, 4);
    expect(expectedExcess(5, 0)).toBe(5);
    expect(expectedExcess(-5, 0)).toBe(0);
  });

  it('dials further ahead as the floor grows, where the law of large numbers allows it', () => {
    const ratios = [2, 10, 50, 200].map((f) => dialRatio(inputs(f)));
    expect(ratios[0]).toBe(1);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeGreaterThan(ratios[i - 1]!);
  });

  it('dials further ahead for a higher target, and never past one expected answer per free agent', () => {
    expect(dialRatio(inputs(50, 0.05))).toBeGreaterThan(dialRatio(inputs(50, 0.01)));
    expect(dialRatio({ ...inputs(10_000, 0.5) })).toBeLessThanOrEqual(1 / 0.3);
    expect(dialRatio({ ...inputs(10_000, 0.5), maxRatio: 2 })).toBeLessThanOrEqual(2);
  });
});
