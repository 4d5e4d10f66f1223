/** RFC 3261 Timer T1 (500 ms); 64*T1 is how long a 2xx waits for its ACK (§13.3.1.4). */
export const ACK_TIMEOUT_MS = 64 * 500;

/**
 * The 2xx responses a call sent to INVITEs, each waiting for its ACK. A peer that never ACKs
 * within the timeout has a dialog but no session: §13.3.1.4 says to end it with a BYE, and
 * `onTimeout` is told which leg stayed silent. One wait per leg: a leg has at most one INVITE
 * transaction at a time (§14.1).
 */
export class AwaitedAcks<L> {
  private readonly waiting = new Map<L, { cseq: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly timeoutMs: number,
    private readonly onTimeout: (leg: L) => void,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Our 2xx to `leg`'s INVITE with CSeq `cseq` went out. */
  expect(leg: L, cseq: number): void {
    this.stop(leg);
    const timer = setTimeout(() => {
      this.waiting.delete(leg);
      this.onTimeout(leg);
    }, this.timeoutMs);
    timer.unref();
    this.waiting.set(leg, { cseq, timer });
  }

  /** An ACK on `leg`: ends the wait when it acknowledges the awaited INVITE (same CSeq number). */
  received(leg: L, cseq: number): void {
    if (this.waiting.get(leg)?.cseq === cseq) this.stop(leg);
  }

  clear(): void {
    for (const leg of [...this.waiting.keys()]) this.stop(leg);
  }

  private stop(leg: L): void {
    const entry = this.waiting.get(leg);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(leg);
  }
}
