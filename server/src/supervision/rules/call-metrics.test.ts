import { describe, expect, it } from 'vitest';
import {
  addTally,
  callAnswered,
  callArrived,
  callEndedUnanswered,
  callHandled,
  callWrapped,
  emptyTally,
  queueFigures,
  tallyLoggedCall,
  type CallTally,
  type ServiceLevelSetting,
} from './call-metrics.js';

const SL: ServiceLevelSetting = { thresholdSeconds: 20, formula: 'answered_and_abandoned', shortAbandonSeconds: 5 };

function day(): CallTally {
  const t = emptyTally();
  // Answered after 10 s and 20 s (within), 30 s (late); abandoned after 3 s (short) and 40 s.
  for (const w of [10, 20, 30]) {
    callArrived(t);
    callAnswered(t, w);
  }
  for (const w of [3, 40]) {
    callArrived(t);
    callEndedUnanswered(t, 'abandoned', w);
  }
  callArrived(t);
  callEndedUnanswered(t, 'busy', 600);
  callArrived(t); // still waiting
  return t;
}

describe('queue figures', () => {
  it('counts short abandons apart from the others', () => {
    const f = queueFigures(day(), SL);
    expect(f).toMatchObject({ offered: 7, answered: 3, abandoned: 1, shortAbandoned: 1, unanswered: 1, waiting: 1, answeredWithinThreshold: 2 });
  });

  it('takes a wait equal to the threshold as within it, and an abandon at the limit as not short', () => {
    const t = emptyTally();
    callArrived(t);
    callAnswered(t, 20);
    callArrived(t);
    callEndedUnanswered(t, 'abandoned', 5);
    const f = queueFigures(t, SL);
    expect(f.answeredWithinThreshold).toBe(1);
    expect(f.shortAbandoned).toBe(0);
    expect(f.abandoned).toBe(1);
  });

  it('divides by answered and abandoned (after the short limit) under the first formula', () => {
    expect(queueFigures(day(), SL).serviceLevel).toBeCloseTo(2 / 4);
  });

  it('divides by answered only under the second formula', () => {
    expect(queueFigures(day(), { ...SL, formula: 'answered' }).serviceLevel).toBeCloseTo(2 / 3);
  });

  it('follows a changed threshold and short-abandon limit with the waits already counted', () => {
    const f = queueFigures(day(), { thresholdSeconds: 30, formula: 'answered_and_abandoned', shortAbandonSeconds: 2 });
    expect(f.answeredWithinThreshold).toBe(3);
    expect(f.shortAbandoned).toBe(0);
    expect(f.serviceLevel).toBeCloseTo(3 / 5);
  });

  it('gives ASA as the mean wait of answered calls and the abandonment rate without short abandons', () => {
    const f = queueFigures(day(), SL);
    expect(f.asaSeconds).toBeCloseTo(20);
    expect(f.abandonmentRate).toBeCloseTo(1 / 6);
  });

  it('gives AHT as talk + hold + wrap-up over handled calls', () => {
    const t = emptyTally();
    callHandled(t, 100, 20);
    callWrapped(t, 30);
    callHandled(t, 50, 0);
    expect(queueFigures(t, SL).ahtSeconds).toBeCloseTo((150 + 50) / 2);
  });

  it('has no service level, ASA, AHT or rate before any call counts', () => {
    const f = queueFigures(emptyTally(), SL);
    expect([f.serviceLevel, f.asaSeconds, f.ahtSeconds, f.abandonmentRate]).toEqual([null, null, null, null]);
  });

  it('folds a logged call the same way as the live steps', () => {
    const live = emptyTally();
    callArrived(live);
    callAnswered(live, 12);
    callHandled(live, 200, 15);
    callWrapped(live, 40);
    const logged = emptyTally();
    tallyLoggedCall(logged, { answered: true, ended: true, endReason: 'completed', waitSeconds: 12, talkSeconds: 200, holdSeconds: 15, wrapSeconds: 40 });
    expect(logged).toEqual(live);
  });

  it('adds tallies of parts into the tally of the whole', () => {
    const a = day();
    const b = day();
    const sum = emptyTally();
    addTally(sum, a);
    addTally(sum, b);
    expect(queueFigures(sum, SL).offered).toBe(14);
    expect(queueFigures(sum, SL).serviceLevel).toBeCloseTo(queueFigures(a, SL).serviceLevel!);
  });
});
