// Post-call satisfaction survey by keypad: the caller presses 1 (very unhappy) to 5 (very happy).
// Any other key, or silence, makes the switch ask again, a few times at most.

export type CsatScore = 1 | 2 | 3 | 4 | 5;

/** How many times the switch asks, the first one included. */
export const DEFAULT_CSAT_MAX_PROMPTS = 3;

/** The score of one DTMF key, or null for anything but a single 1–5. */
export function parseCsatDigit(digit: string): CsatScore | null {
  return /^[1-5]$/.test(digit) ? (Number(digit) as CsatScore) : null;
}

export type CsatStep = { type: 'scored'; score: CsatScore } | { type: 'ask_again' } | { type: 'give_up' };

/**
 * What the switch does after prompt number `prompt` (1-based) got `digit` (null: no key before
 * the timeout): record the score, ask again, or end the survey unanswered.
 */
export function csatStep(digit: string | null, prompt: number, maxPrompts = DEFAULT_CSAT_MAX_PROMPTS): CsatStep {
  const score = digit === null ? null : parseCsatDigit(digit);
  if (score !== null) return { type: 'scored', score };
  return prompt < maxPrompts ? { type: 'ask_again' } : { type: 'give_up' };
}

/** 1 and 2 are unhappy customers: a supervisor calls them back. */
export function isLowScore(score: CsatScore): boolean {
  return score <= 2;
}

/** The follow-up a score calls for: a supervisor's call after a low score, otherwise none. */
export function followUpForScore(score: CsatScore): { assignTo: 'supervisor' } | null {
  return isLowScore(score) ? { assignTo: 'supervisor' } : null;
}
