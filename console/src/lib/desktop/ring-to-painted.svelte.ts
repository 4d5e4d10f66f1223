// How long from the offer (or the INVITE) to the screen-pop painted on screen, as performance
// marks the browser tests and the benchmark read: the figure the desk is built to keep small.
export const MARK_OFFERED = 'kefu:call-offered';
export const MARK_PAINTED = 'kefu:screenpop-painted';
export const MEASURE_RING_TO_PAINTED = 'kefu:ring-to-painted';

function mark(name: string, key: string): void {
  try {
    performance.mark(name, { detail: { key } });
  } catch {
    // Performance marks are a measurement aid; never let them break a call.
  }
}

export class RingToPainted {
  /** A pop that arrived and has not been painted yet (see painted). */
  pending = $state<string | null>(null);
  /** Milliseconds from the offer to the painted pop, for the last call. */
  lastMs = $state<number | null>(null);
  #offered: string | null = null;

  /** The call `key` rang (offer or INVITE, whichever came first). */
  offered(key: string): void {
    if (this.#offered === key) return;
    this.#offered = key;
    try {
      performance.clearMarks(MARK_OFFERED);
      performance.clearMarks(MARK_PAINTED);
    } catch {
      // see mark()
    }
    mark(MARK_OFFERED, key);
  }

  /** The pop of `key` is on its way to the screen. */
  expect(key: string): void {
    this.pending = key;
  }

  /** The pop of `key` arrived from a look-up: it is awaited if `key` is the call that rang last. */
  expectIfOffered(key: string): void {
    if (this.#offered === key) this.pending = key;
  }

  /** Called by the screen-pop once the pop for `key` is in the DOM (after tick and a frame). */
  painted(key: string): void {
    if (this.pending !== key) return;
    this.pending = null;
    if (this.#offered !== key) return;
    mark(MARK_PAINTED, key);
    try {
      const m = performance.measure(MEASURE_RING_TO_PAINTED, MARK_OFFERED, MARK_PAINTED);
      this.lastMs = m.duration;
    } catch {
      // see mark()
    }
  }

  reset(): void {
    this.pending = null;
    this.#offered = null;
  }
}
