/**
 * Runs async jobs one after another. Call events arrive faster than their rows are written;
 * a queue per call keeps the writes in the order the events happened, without blocking the
 * switch's path (it never awaits the queue).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void) {}

  push<T>(job: () => Promise<T>): Promise<T | undefined> {
    const next = this.tail.then(job).catch((err) => {
      this.onError(err);
      return undefined;
    });
    this.tail = next;
    return next;
  }

  /** Resolves when everything queued so far is done. */
  drain(): Promise<unknown> {
    return this.tail;
  }
}
