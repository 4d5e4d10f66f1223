// The abandon-rate ledger of one campaign: live-answered and abandoned calls per cap window,
// and how many calls may be dialed ahead without any window passing the cap.
//
// Windows are successive fixed periods from the campaign's start (see CapWindow). A call counts
// in the window in which it was answered. Live-answered calls include the abandoned ones (an
// abandoned call was answered by a person): rate = abandoned / live-answered.
import { CAP_WINDOW_MS, type CapWindow } from './pacing-settings.js';

export interface CapWindowTally {
  /** Window start and end, ms since the epoch (end exclusive). */
  from: number;
  to: number;
  answered: number;
  abandoned: number;
  /** abandoned / answered, 0 with no answered call. */
  rate: number;
}

const tally = (from: number, to: number, answered: number, abandoned: number): CapWindowTally => ({
  from,
  to,
  answered,
  abandoned,
  rate: answered > 0 ? abandoned / answered : 0,
});

export class CapLedger {
  private readonly windowMs: number;
  private index = 0;
  private answered = 0;
  private abandoned = 0;
  private readonly closed: CapWindowTally[] = [];

  constructor(
    private readonly startMs: number,
    window: CapWindow,
    private readonly cap: number,
  ) {
    this.windowMs = CAP_WINDOW_MS[window];
  }

  /**
   * Counts restored from the call log after a restart, for the window that holds `nowMs`: the
   * cap is per window, not per process, so a restart must not hand out a fresh budget.
   */
  restore(nowMs: number, answered: number, abandoned: number): void {
    this.roll(nowMs);
    this.answered += answered;
    this.abandoned += abandoned;
  }

  /** Moves to the window that holds `nowMs`, closing the ones that ended. */
  private roll(nowMs: number): void {
    const index = Math.max(0, Math.floor((nowMs - this.startMs) / this.windowMs));
    while (this.index < index) {
      const from = this.startMs + this.index * this.windowMs;
      this.closed.push(tally(from, from + this.windowMs, this.answered, this.abandoned));
      this.index += 1;
      this.answered = 0;
      this.abandoned = 0;
    }
  }

  /**
   * A live-answered call whose fate is settled (connected to an agent, or abandoned) at `nowMs`,
   * counted in the window of its answer, `answeredAtMs`, even when that window has just closed.
   */
  settle(answeredAtMs: number, nowMs: number, abandoned: boolean): void {
    this.roll(Math.max(nowMs, answeredAtMs));
    const index = Math.max(0, Math.floor((answeredAtMs - this.startMs) / this.windowMs));
    const closed = this.closed[index];
    if (index < this.index && closed) {
      this.closed[index] = tally(closed.from, closed.to, closed.answered + 1, closed.abandoned + (abandoned ? 1 : 0));
      return;
    }
    this.answered += 1;
    if (abandoned) this.abandoned += 1;
  }

  current(nowMs: number): CapWindowTally {
    this.roll(nowMs);
    const from = this.startMs + this.index * this.windowMs;
    return tally(from, from + this.windowMs, this.answered, this.abandoned);
  }

  /** The closed windows, then the current one. */
  windows(nowMs: number): CapWindowTally[] {
    return [...this.closed, this.current(nowMs)];
  }

  /** When the current window ends. */
  windowEnd(nowMs: number): number {
    this.roll(nowMs);
    return this.startMs + (this.index + 1) * this.windowMs;
  }

  /**
   * How many calls may be exposed to abandonment (calls in flight beyond the agents ready for
   * them) so that the window stays at or under the cap even if every exposed call is answered
   * and abandoned: abandoned + e <= cap * (answered + e), so e <= (cap*answered - abandoned) / (1 - cap).
   * Calls answered but not yet settled are left out of `answered`: they are among the exposed.
   */
  exposureAllowed(nowMs: number): number {
    this.roll(nowMs);
    if (this.cap >= 1) return Number.POSITIVE_INFINITY;
    // The epsilon keeps 0.03 * 100 - 3 from rounding to just under 0.
    return Math.max(0, Math.floor((this.cap * this.answered - this.abandoned) / (1 - this.cap) + 1e-9));
  }

  /** True once the window's measured rate has reached the cap (the soft mode's stop). */
  atCap(nowMs: number): boolean {
    const t = this.current(nowMs);
    return t.answered > 0 && t.rate >= this.cap;
  }
}
