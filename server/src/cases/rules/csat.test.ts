import { describe, expect, it } from 'vitest';
import { csatStep, followUpForScore, isLowScore, parseCsatDigit } from './csat.js';

describe('parseCsatDigit', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['4', 4],
    ['5', 5],
  ] as const)('reads %s as %d', (digit, score) => {
    expect(parseCsatDigit(digit)).toBe(score);
  });

  it.each(['0', '6', '9', '*', '#', 'A', 'D', '', '12', ' 3', '3 ', '٣'])('refuses %j', (digit) => {
    expect(parseCsatDigit(digit)).toBeNull();
  });
});

describe('csatStep', () => {
  it('records a valid key at once', () => {
    expect(csatStep('4', 1)).toEqual({ type: 'scored', score: 4 });
    expect(csatStep('2', 3)).toEqual({ type: 'scored', score: 2 });
  });

  it('asks again after a wrong key or silence, up to three prompts, then gives up', () => {
    expect(csatStep('9', 1)).toEqual({ type: 'ask_again' });
    expect(csatStep(null, 2)).toEqual({ type: 'ask_again' });
    expect(csatStep('#', 3)).toEqual({ type: 'give_up' });
    expect(csatStep('#', 1, 1)).toEqual({ type: 'give_up' });
  });
});

describe('low scores', () => {
  it('treats 1 and 2 as low, and sends a supervisor to call back', () => {
    expect([1, 2, 3, 4, 5].map((s) => isLowScore(s as 1))).toEqual([true, true, false, false, false]);
    expect(followUpForScore(2)).toEqual({ assignTo: 'supervisor' });
    expect(followUpForScore(3)).toBeNull();
  });
});
