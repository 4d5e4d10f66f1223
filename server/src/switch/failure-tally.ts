import type { Logger } from 'pino';

/** Sources kept apart before the rest are lumped together: a spoofed-source flood stays bounded. */
const MAX_SOURCES = 1_000;
const OTHER = 'other';

/**
 * Failures (sign-ins, refused connections) counted per source and reason, one log line a period.
 * A password-guessing run sends thousands of REGISTERs; a line for each would drown the log
 * (and fill the disk) while saying nothing more than the count does.
 */
export class FailureTally {
  private readonly counts = new Map<string, Record<string, number>>();

  constructor(
    private readonly log: Pick<Logger, 'warn'>,
    private readonly message: string,
  ) {}

  record(source: string, reason: string): void {
    const key = this.counts.has(source) || this.counts.size < MAX_SOURCES ? source : OTHER;
    const reasons = this.counts.get(key) ?? {};
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    this.counts.set(key, reasons);
  }

  /** Logs what was counted since the last flush, if anything, and starts again from zero. */
  flush(): void {
    if (this.counts.size === 0) return;
    this.log.warn({ failuresBySource: Object.fromEntries(this.counts) }, this.message);
    this.counts.clear();
  }
}
