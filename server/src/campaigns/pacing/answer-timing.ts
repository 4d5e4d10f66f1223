// How likely a call that has rung for a while still is to be answered, from the campaign's own
// times to answer.
//
// Why not a formula: times to answer are far from memoryless (few people answer in the first two
// seconds, most within ten, almost none after twenty). An exponential fit undervalues young calls
// and overvalues old ones, and the pacer then dials too many calls behind young ones. A histogram
// of the observed times, one bucket a second, starts from an exponential prior worth a few calls
// and is soon the campaign's own.

const BUCKET_MS = 1000;
const PRIOR_WEIGHT = 20;

export class AnswerTiming {
  private readonly counts: Float64Array;
  /** survival[i]: share of answered calls not yet answered after i seconds of ringing. */
  private readonly survival: Float64Array;
  private dirty = true;

  constructor(
    private readonly ringTimeoutMs: number,
    priorMeanMs: number,
  ) {
    const n = Math.ceil(ringTimeoutMs / BUCKET_MS) + 1;
    this.counts = new Float64Array(n);
    this.survival = new Float64Array(n + 1);
    // The prior: PRIOR_WEIGHT answers spread as an exponential of the given mean.
    for (let i = 0; i < n; i++) {
      const a = Math.exp((-i * BUCKET_MS) / priorMeanMs);
      const b = Math.exp((-(i + 1) * BUCKET_MS) / priorMeanMs);
      this.counts[i] = PRIOR_WEIGHT * (a - b);
    }
    this.refresh();
  }

  add(ringMs: number): void {
    const i = Math.min(this.counts.length - 1, Math.max(0, Math.floor(ringMs / BUCKET_MS)));
    this.counts[i]! += 1;
    this.dirty = true;
  }

  /** Takes the new answers into the curve; the pacer calls it when it recomputes. */
  refresh(): void {
    if (!this.dirty) return;
    const total = this.counts.reduce((a, b) => a + b, 0);
    let left = total;
    for (let i = 0; i < this.counts.length; i++) {
      this.survival[i] = total > 0 ? left / total : 0;
      left -= this.counts[i]!;
    }
    this.survival[this.counts.length] = 0;
    this.dirty = false;
  }

  /** Share of eventually answered calls still unanswered after `ringMs` (linear within a second). */
  stillToAnswer(ringMs: number): number {
    if (ringMs >= this.ringTimeoutMs) return 0;
    const x = Math.max(0, ringMs) / BUCKET_MS;
    const i = Math.floor(x);
    const a = this.survival[i] ?? 0;
    const b = this.survival[i + 1] ?? 0;
    return a + (b - a) * (x - i);
  }

  /**
   * Chance that a call ringing for `ringMs` is answered, for a campaign whose fresh calls are
   * answered with probability `answerRate`: p S(t) / (p S(t) + 1 - p).
   */
  answerChance(ringMs: number, answerRate: number): number {
    const s = answerRate * this.stillToAnswer(ringMs);
    return s / (s + 1 - answerRate);
  }
}
