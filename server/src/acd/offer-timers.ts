// The ACD's two clocks on a waiting call: how long one offer rings before it moves on, and how
// long the caller may wait in a queue before overflow (or busy).
import type { Clock } from '../platform/clock.js';
import type { LiveCall } from './live-call.js';

export class OfferTimers {
  constructor(private readonly clock: Clock) {}

  /** Arms the ring limit of the call's queue for the offer being made. */
  ring(call: LiveCall, timedOut: () => void): unknown {
    return this.clock.setTimeout(timedOut, call.queue.ringSeconds * 1000);
  }

  stopRing(call: LiveCall): void {
    if (call.offer) this.clock.clearTimeout(call.offer.timer);
  }

  /** Arms (or re-arms, after overflow) the longest wait of the call's current queue. */
  maxWait(call: LiveCall, reached: () => void): void {
    this.clock.clearTimeout(call.maxWaitTimer);
    call.maxWaitTimer = this.clock.setTimeout(reached, call.queue.maxWaitSeconds * 1000);
  }

  stopMaxWait(call: LiveCall): void {
    this.clock.clearTimeout(call.maxWaitTimer);
  }
}
